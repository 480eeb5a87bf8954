"""The daily digest: one email a day per person who chose it, with counts by kind and a link.

It goes at DIGEST_HOUR in each task force's own time zone (a person in two task forces gets one
from each), only when something arrived since the last email, and never twice the same day:
the scheduler runs the job once a day per task force, and each notification is emailed once.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Count
from django.utils import timezone, translation
from django.utils.translation import gettext_noop
from django_tasks import task

from ally.accounts.models import User
from ally.core import schedule
from ally.notifications.actions import email_mode_of, participants
from ally.notifications.emails import send_email, site_url
from ally.notifications.kinds import EmailMode, NotificationKind
from ally.notifications.models import Notification
from ally.tenancy.models import TaskForce

DIGEST_HOUR = 7  # local time: before the working day starts


@schedule.daily(at_hour=DIGEST_HOUR, name="notifications.digest")
def send_digests(task_force: TaskForce) -> None:
    """Queue a digest for everyone in the task force who takes one and has something new."""
    user_ids = (
        Notification.objects.filter(task_force=task_force, read_at=None, emailed_at=None)
        .exclude(user__notification_preference__email_mode__in=[EmailMode.IMMEDIATE, EmailMode.NEVER])
        .order_by()
        .values_list("user_id", flat=True)
        .distinct()
    )
    for user_id in list(user_ids):
        send_digest_email.enqueue(user_id, task_force.pk)


@task()
def send_digest_email(user_id: int, task_force_id: int) -> bool:
    """Email one person the count of their unread notifications in one task force, by kind, if
    any arrived since their last email. Whether it went."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or email_mode_of(user) != EmailMode.DIGEST:
        return False
    if user_id not in participants(task_force_id, [user_id]):
        return False
    unread = Notification.objects.filter(user_id=user_id, task_force_id=task_force_id, read_at=None)
    now = timezone.now()
    if not unread.filter(emailed_at=None).update(emailed_at=now):
        return False  # nothing new since the last email
    counts = dict(unread.order_by().values("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        lines = [
            (str(kind.label), counts[kind.value]) for kind in NotificationKind if kind.value in counts
        ]
    if send_email(
        user,
        subject=gettext_noop("Your daily summary from Ally"),
        template="notifications/email/digest.txt",
        context={"lines": lines, "total": sum(counts.values()), "url": site_url("inbox")},
    ):
        return True
    unread.filter(emailed_at=now).update(emailed_at=None)  # tomorrow's digest tries again
    return False
