"""Reading notifications: only ever one's own, in one's active task force.

The access policy for notifications is this short: a notification is visible to its recipient
alone, and only while they work in its task force (no query spans two task forces). Anything
else is 404, as if it did not exist.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from ally.access import grants_for
from ally.core.errors import NotVisible
from ally.notifications.models import Notification


def inbox(user: Any) -> QuerySet[Notification]:
    """The user's own notifications in their active task force, newest first."""
    grants = grants_for(user)
    if grants.task_force_id is None:
        return Notification.objects.none()
    # SECURITY: both conditions, always: the recipient, and the task force they work in now.
    return Notification.objects.filter(user_id=grants.user_id, task_force_id=grants.task_force_id)


def access_notification(user: Any, notification_id: int) -> Notification:
    """One of the user's own notifications, else NotVisible (404)."""
    found = inbox(user).filter(pk=notification_id).first()
    if found is None:
        raise NotVisible()
    return found


def unread_count(user: Any) -> int:
    return inbox(user).filter(read_at=None).count()
