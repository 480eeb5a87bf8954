"""A referral: one organization asks another (or a region's navigator) to serve someone.

It is about a client of a victim-service provider — whose details reach the recipient only
through a share resting on the client's consent — or about a person encountered by law
enforcement or another partner, described in a minimal form. The sender and the recipient (and the
navigators of the region's queue) see it; the rest of the task force sees only aggregates.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Urgency(models.TextChoices):
    EMERGENCY = "emergency", _("Emergency")
    URGENT = "urgent", _("Urgent")
    ROUTINE = "routine", _("Routine")


class Status(models.TextChoices):
    SENT = "sent", _("Sent")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    IN_SERVICE = "in_service", _("In service")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_STATUSES = (Status.SENT, Status.ACKNOWLEDGED, Status.ACCEPTED, Status.IN_SERVICE)


class DeclineReason(models.TextChoices):
    NO_CAPACITY = "no_capacity", _("No capacity now")
    NOT_ELIGIBLE = "not_eligible", _("Not eligible for our services")
    SERVICE_NOT_OFFERED = "service_not_offered", _("We do not offer the service requested")
    OUTSIDE_AREA = "outside_area", _("Outside our service area")
    LANGUAGE = "language", _("We cannot serve in the person's language")
    PERSON_DECLINED = "person_declined", _("The person declined our services")
    UNREACHABLE = "unreachable", _("We could not reach the person")
    OTHER = "other", _("Other")


class Referral(models.Model):
    task_force = models.ForeignKey("tenancy.TaskForce", on_delete=models.PROTECT, related_name="+")
    from_organization = models.ForeignKey(
        "tenancy.Organization", on_delete=models.PROTECT, related_name="referrals_sent"
    )
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    # The recipient: an organization, or a region's navigator queue until a navigator assigns it.
    to_organization = models.ForeignKey(
        "tenancy.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="referrals_received"
    )
    to_region = models.ForeignKey(
        "tenancy.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="referrals"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    assigned_at = models.DateTimeField(null=True, blank=True)
    # About a client of the sending provider: details only through the share made for the recipient.
    client = models.ForeignKey(
        "survivors.Client", null=True, blank=True, on_delete=models.PROTECT, related_name="referrals"
    )
    field_groups = models.JSONField(_("shared parts of the record"), default=list, blank=True)
    share = models.ForeignKey(
        "survivors.Share", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # About a person encountered (no client record): the minimal form.
    person_name = models.CharField(_("name or what the person goes by"), max_length=120, blank=True)
    person_age = models.CharField(_("age or age range"), max_length=20, blank=True)
    person_gender = models.CharField(_("gender"), max_length=40, blank=True)
    person_languages = models.CharField(_("languages"), max_length=200, blank=True)
    person_county = models.CharField(_("county where the person is"), max_length=100, blank=True)
    person_contact = models.TextField(_("how to reach the person safely"), blank=True)
    # The request
    services = models.JSONField(_("services requested"), default=list)
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices)
    note = models.TextField(_("what the recipient should know"), blank=True)
    # Status and its times
    status = models.CharField(_("status"), max_length=14, choices=Status.choices, default=Status.SENT)
    sent_at = models.DateTimeField(default=timezone.now)
    ack_due_at = models.DateTimeField(_("acknowledge by"))
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.CharField(_("reason"), max_length=24, choices=DeclineReason.choices, blank=True)
    in_service_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # Escalation: 0 none, 1 the recipient reminded, 2 the navigator told, 3 the coordinator told.
    escalation_level = models.PositiveSmallIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-sent_at", "-id"]
        indexes = [
            models.Index(fields=["task_force", "status", "ack_due_at"]),
            models.Index(fields=["to_organization", "status"]),
            models.Index(fields=["from_organization", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(to_organization__isnull=False) | models.Q(to_region__isnull=False),
                name="referral_has_a_recipient",
            ),
        ]

    def __str__(self) -> str:
        return f"Referral #{self.pk}"

    @property
    def in_queue(self) -> bool:
        """Waiting in a navigator's queue for a provider to be assigned."""
        return self.to_organization_id is None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class ReferralStep(models.Model):
    """One change of a referral's status (or an assignment), shown to both sides as its timeline."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="steps")
    status = models.CharField(max_length=14, choices=Status.choices)
    note = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey("tenancy.Organization", null=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"Referral #{self.referral_id}: {self.status}"


class ReferralMessage(models.Model):
    """The two-way thread between sender, recipient and navigator."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey("tenancy.Organization", null=True, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("message"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Message #{self.pk} on referral #{self.referral_id}"
