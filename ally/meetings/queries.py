"""Read-only questions about meetings and action items, for the lists and the coordinator home.

Each answers only with what the person may see (ally/access/meetings.py): case reviews and
their items never reach anybody off their attendee list.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from ally.access.meetings import sees_all_action_items, visible_action_items, visible_meetings
from ally.access.policy import grants_for
from ally.access.survivors import today_in
from ally.meetings.models import ActionItem, ActionStatus, Meeting


def overdue_action_items(user: Any) -> QuerySet[ActionItem]:
    """Open items past their due date that this user may see (leadership: all they see; anybody
    else: their own), oldest first, with the owner and meeting loaded."""
    grants = grants_for(user)
    today = today_in(grants.task_force_id)
    items = visible_action_items(user).filter(status=ActionStatus.OPEN, due_on__lt=today)
    if not sees_all_action_items(user):
        items = items.filter(owner_id=grants.user_id)
    return items.select_related("owner", "meeting").order_by("due_on", "id")


def my_open_action_items(user: Any) -> QuerySet[ActionItem]:
    grants = grants_for(user)
    return (visible_action_items(user).filter(status=ActionStatus.OPEN, owner_id=grants.user_id)
            .select_related("owner", "meeting").order_by("due_on", "id"))


def upcoming_meetings(user: Any, days: int = 30) -> QuerySet[Meeting]:
    """Meetings the user may see starting from now to ``days`` ahead, not cancelled, soonest first."""
    now = timezone.now()
    return (visible_meetings(user).filter(cancelled_at=None, starts_at__gte=now,
                                          starts_at__lt=now + dt.timedelta(days=days))
            .select_related("committee", "region").order_by("starts_at", "id"))
