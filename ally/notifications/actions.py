"""Notifying people, reading one's notifications, and choosing how to be emailed.

Marking notifications read is a person's own inbox state, like a session: it is not audited.
Creating them is part of the action that caused them, which writes its own audit event.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import partial
from urllib.parse import urlsplit

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from ally.accounts.models import User
from ally.audit.chain import record
from ally.audit.events import EventType
from ally.core.errors import InvalidInput, NotVisible
from ally.notifications.kinds import EmailMode, NotificationKind, emails_at_once
from ally.notifications.models import LINK_MAX, TITLE_MAX, Notification, NotificationPreference
from ally.tenancy.models import Membership, TaskForce, TaskForceRole

# What a title must not look like: an email address or a U.S. phone number (dates pass).
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_PHONE = re.compile(r"\(?\b\d{3}\)?[ .-]?\d{3}[ .-]?\d{4}\b")


def notify(
    users: Iterable[User],
    *,
    task_force: TaskForce,
    kind: NotificationKind,
    title: str,
    link: str,
    urgent: bool = False,
) -> list[Notification]:
    """See ``ally.notifications.notify``, the one entry point other apps call."""
    title, link = _checked(kind, title, link)
    recipients = participants(task_force.pk, {user.pk for user in users})
    if not recipients:
        return []
    now = timezone.now()
    created = Notification.objects.bulk_create(
        Notification(
            task_force=task_force, user_id=pk, kind=kind, title=title, link=link,
            urgent=urgent, created_at=now,
        )
        for pk in sorted(recipients)
    )
    modes = dict(
        NotificationPreference.objects.filter(user_id__in=recipients).values_list(
            "user_id", "email_mode"
        )
    )
    at_once = [
        n.pk for n in created if emails_at_once(modes.get(n.user_id, EmailMode.DIGEST), urgent=urgent)
    ]
    if at_once:
        from ally.notifications.emails import send_notification_emails

        transaction.on_commit(partial(send_notification_emails.enqueue, at_once))
    return created


def _checked(kind: NotificationKind, title: str, link: str) -> tuple[str, str]:
    """The title and link as stored; ValueError for a mistake in the calling code."""
    if kind not in NotificationKind.values:
        raise ValueError(f"unknown notification kind {kind!r}: add it to NotificationKind")
    title = " ".join(title.split())
    if not 0 < len(title) <= TITLE_MAX:
        raise ValueError(f"a notification title has 1 to {TITLE_MAX} characters")
    if any(unicodedata.category(c).startswith("C") for c in title):
        raise ValueError("a notification title has no control characters")
    if _EMAIL.search(title) or _PHONE.search(title):
        raise ValueError("a notification title never carries an email address or phone number")
    if not is_site_path(link) or len(link) > LINK_MAX:
        raise ValueError("a notification links to a page of this site: a path starting with /")
    try:
        resolve(urlsplit(link).path)
    except Resolver404:
        raise ValueError(f"no page answers the notification link {link!r}") from None
    return title, link


def is_site_path(link: str) -> bool:
    """A path on this site ("/referrals/42/"), never another site ("//evil", "https://…")."""
    return (
        link.startswith("/")
        and not link.startswith("//")
        and "\\" not in link
        and not any(c.isspace() or unicodedata.category(c).startswith("C") for c in link)
        and url_has_allowed_host_and_scheme(link, allowed_hosts=set())
    )


def participants(task_force_id: int, user_ids: Iterable[int]) -> set[int]:
    """Those of `user_ids` who may hear of the task force's business: active accounts with an
    active membership of one of its organizations, or a task-force role there."""
    ids = set(user_ids)
    if not ids:
        return set()
    member = Membership.objects.filter(
        user=OuterRef("pk"), task_force_id=task_force_id, is_active=True, organization__is_active=True
    )
    role = TaskForceRole.objects.filter(user=OuterRef("pk"), task_force_id=task_force_id)
    return set(
        User.objects.filter(pk__in=ids, is_active=True)
        .filter(Exists(member) | Exists(role))
        .values_list("pk", flat=True)
    )


def mark_read(notification: Notification, *, acting_user: User) -> Notification:
    """Mark one of one's own notifications read (reading it twice changes nothing)."""
    if notification.user_id != acting_user.pk:
        raise NotVisible()
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at=None).update(
            read_at=notification.read_at
        )
    return notification


def mark_all_read(*, acting_user: User) -> int:
    """Mark every unread notification in one's active task force read; how many were."""
    from ally.notifications.queries import inbox

    return inbox(acting_user).filter(read_at=None).update(read_at=timezone.now())


def email_mode_of(user: User) -> str:
    """How the person wants to be emailed (the default when they never said)."""
    mode = (
        NotificationPreference.objects.filter(user=user).values_list("email_mode", flat=True).first()
    )
    return mode or EmailMode.DIGEST


def set_email_mode(user: User, *, email_mode: str, acting_user: User) -> NotificationPreference:
    """Choose how one is emailed about notifications: each right away, a daily digest (urgent
    ones right away), or never."""
    if acting_user.pk != user.pk:
        raise NotVisible()
    if email_mode not in EmailMode.values:
        raise InvalidInput(_("Choose how you want to be emailed."))
    with transaction.atomic():
        preference, _new = NotificationPreference.objects.select_for_update().get_or_create(
            user=user
        )
        before = preference.email_mode
        preference.email_mode = email_mode
        preference.updated_at = timezone.now()
        preference.save(update_fields=["email_mode", "updated_at"])
        if before != email_mode:
            record(
                EventType.NOTIFICATION_PREFERENCES_CHANGED,
                actor=acting_user,
                task_force=user.active_task_force,
                target=user,
                changes={"email_mode": email_mode},
            )
    return preference
