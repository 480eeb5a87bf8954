"""The notifications API: one's own inbox and email settings, as on the pages.

A notification is only ever its recipient's, in the task force of the token: another person's
is 404, as if it did not exist.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Schema

from ally.api.auth import acting_user
from ally.api.common import E404, paginated
from ally.notifications import actions
from ally.notifications.models import Notification
from ally.notifications.queries import access_notification, inbox

router = Router(tags=["notifications"])

EmailModeName = Literal["immediate", "digest", "never"]


class NotificationOut(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    link: str  # a path on this site
    urgent: bool
    created_at: datetime
    read_at: datetime | None


class ReadAllOut(Schema):
    marked_read: int


class NotificationPreferenceOut(Schema):
    email_mode: EmailModeName


class NotificationPreferenceIn(Schema):
    email_mode: EmailModeName


@router.get("/notifications", response=list[NotificationOut])
@paginated
def list_notifications(request: HttpRequest, unread: bool = False) -> QuerySet[Notification]:
    """Your notifications in the token's task force, newest first (``unread``: only those)."""
    notifications = inbox(acting_user(request))
    return notifications.filter(read_at=None) if unread else notifications


@router.post("/notifications/{int:notification_id}/read", response={200: NotificationOut, **E404})
def read_notification(request: HttpRequest, notification_id: int) -> Notification:
    """Mark one of your notifications read."""
    user = acting_user(request)
    return actions.mark_read(access_notification(user, notification_id), acting_user=user)


@router.post("/notifications/read-all", response=ReadAllOut)
def read_all_notifications(request: HttpRequest) -> dict[str, Any]:
    """Mark all your notifications in the token's task force read."""
    return {"marked_read": actions.mark_all_read(acting_user=acting_user(request))}


@router.get("/notification-preferences", response=NotificationPreferenceOut)
def get_notification_preferences(request: HttpRequest) -> dict[str, Any]:
    """When Ally emails you: ``immediate`` (each notification), ``digest`` (a daily summary,
    urgent ones at once; the default) or ``never``. Emails carry a link only."""
    return {"email_mode": actions.email_mode_of(acting_user(request))}


@router.put("/notification-preferences", response=NotificationPreferenceOut)
def set_notification_preferences(
    request: HttpRequest, payload: NotificationPreferenceIn
) -> dict[str, Any]:
    user = acting_user(request)
    preference = actions.set_email_mode(user, email_mode=payload.email_mode, acting_user=user)
    return {"email_mode": preference.email_mode}
