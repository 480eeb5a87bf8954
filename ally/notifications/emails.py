"""Emails about notifications: a generic subject and a link into Ally, never personal data.

Neither a notification's title nor anyone's name goes into an email: only our own label for its
kind (or counts by kind, in the digest) and a link that needs signing in. Emails go from
background tasks, in the recipient's language; a failure is logged without the address.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_noop
from django_tasks import task

from ally.accounts.models import User
from ally.notifications.actions import participants
from ally.notifications.kinds import EmailMode, emails_at_once
from ally.notifications.models import Notification, NotificationPreference

logger = logging.getLogger(__name__)


def site_url(name: str, *args: Any) -> str:
    """The absolute address of one of our pages, as links in emails need it."""
    return settings.SITE_URL + reverse(name, args=args)


def send_email(user: User, *, subject: str, template: str, context: dict[str, Any]) -> bool:
    """Email one person in their language; False (and a log line without the address) if the
    mail server refused. `subject` is translated here: pass it marked with gettext_noop."""
    language = user.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        message = EmailMessage(
            subject=translation.gettext(subject),
            body=render_to_string(
                template, {**context, "preferences_url": site_url("notification_preferences")}
            ),
            to=[user.email],
            # Automatic mail (RFC 3834): out-of-office replies should not answer it.
            headers={"Auto-Submitted": "auto-generated", "Content-Language": language},
        )
    try:
        message.send()
    except Exception as error:  # the relay is down or refused the address
        # SECURITY: the error's text often quotes the address; log the user's id and its kind.
        logger.warning(
            "notification email not sent", extra={"user": user.pk, "error": type(error).__name__}
        )
        return False
    return True


@task()
def send_notification_emails(notification_ids: list[int]) -> int:
    """Email each of these notifications (its kind and a link) to a recipient who wants it right
    away, unless it was read or emailed meanwhile. Returns how many emails went."""
    notifications = list(
        Notification.objects.filter(pk__in=notification_ids, read_at=None, emailed_at=None)
        .select_related("user")
        .order_by("pk")
    )
    modes = dict(
        NotificationPreference.objects.filter(
            user_id__in={n.user_id for n in notifications}
        ).values_list("user_id", "email_mode")
    )
    still_in: dict[int, set[int]] = {}
    for tf_id in {n.task_force_id for n in notifications}:
        still_in[tf_id] = participants(tf_id, (n.user_id for n in notifications))
    sent = 0
    for notification in notifications:
        mode = modes.get(notification.user_id, EmailMode.DIGEST)
        if notification.user_id not in still_in[notification.task_force_id]:
            continue
        if not emails_at_once(mode, urgent=notification.urgent):
            continue  # they chose the digest or no email since
        now = timezone.now()
        claimed = Notification.objects.filter(pk=notification.pk, emailed_at=None).update(
            emailed_at=now
        )
        if not claimed:
            continue
        with translation.override(notification.user.preferred_language or settings.LANGUAGE_CODE):
            kind = str(notification.kind_label)
        if send_email(
            notification.user,
            subject=gettext_noop("New notification in Ally"),
            template="notifications/email/notification.txt",
            context={"kind": kind, "url": site_url("inbox_open", notification.pk)},
        ):
            sent += 1
        else:  # a digest may tell of it later
            Notification.objects.filter(pk=notification.pk, emailed_at=now).update(emailed_at=None)
    return sent
