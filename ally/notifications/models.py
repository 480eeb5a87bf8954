"""A person's notifications (one row per recipient) and how they want to be emailed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ally.notifications.kinds import EmailMode, NotificationKind

TITLE_MAX = 160
LINK_MAX = 300


class Notification(models.Model):
    """Something that needs one person's attention, inside one task force.

    The title is written by the code that notifies and never carries personal data (a referral
    number, never a name); it is shown in the inbox and the API only, never emailed.
    """

    task_force = models.ForeignKey("tenancy.TaskForce", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    # A NotificationKind value; not a `choices` field, so a new kind needs no migration.
    kind = models.CharField(_("kind"), max_length=40)
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    link = models.CharField(_("link"), max_length=LINK_MAX)  # a path on this site
    urgent = models.BooleanField(_("urgent"), default=False)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    # When an email told of it (on its own or in a digest): a digest counts only the rest.
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "task_force", "-created_at"], name="notification_inbox"),
            models.Index(
                fields=["user", "task_force"], condition=Q(read_at=None), name="notification_unread"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    @property
    def kind_label(self) -> str:
        return str(NotificationKind(self.kind).label) if self.kind in NotificationKind else self.kind


class NotificationPreference(models.Model):
    """How a person hears of notifications by email; no row means the default (a digest)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    # An EmailMode value (checked by the action; no `choices`, so new labels need no migration).
    email_mode = models.CharField(_("email"), max_length=16, default=EmailMode.DIGEST)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.user_id}: {self.email_mode}"
