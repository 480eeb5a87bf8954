"""Action-item reminders: 3 days before the due date, on it, then weekly while overdue."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from ally.access.survivors import today_in
from ally.core import schedule
from ally.meetings.models import ActionItem, ActionStatus
from ally.notifications import NotificationKind, notify
from ally.tenancy.models import TaskForce

REMIND_DAYS_AHEAD = (3, 0)


def reminds_on(due_on: dt.date, today: dt.date) -> bool:
    """Whether an open item due on ``due_on`` is reminded of on ``today``: 3 days ahead, on the
    day, then every 7 days after it — once on any day, however often the job runs."""
    days = (due_on - today).days
    return days in REMIND_DAYS_AHEAD or (days < 0 and -days % 7 == 0)


def remind_action_items(task_force: TaskForce, today: dt.date | None = None) -> int:
    """Tell owners of open items due soon, today or overdue (not those of a cancelled meeting).
    Returns how many were reminded of."""
    today = today or today_in(task_force.pk)
    due = ActionItem.objects.filter(
        task_force=task_force, status=ActionStatus.OPEN, due_on__lte=today + dt.timedelta(days=max(REMIND_DAYS_AHEAD))
    ).exclude(meeting__cancelled_at__isnull=False).select_related("owner")
    count = 0
    for item in due:
        if not reminds_on(item.due_on, today):
            continue
        days = (item.due_on - today).days
        if days > 0:
            title = _("Action item due on %(day)s") % {"day": item.due_on.isoformat()}
        elif days == 0:
            title = _("Action item due today")
        else:
            title = _("Action item overdue since %(day)s") % {"day": item.due_on.isoformat()}
        notify([item.owner], task_force=task_force, kind=NotificationKind.ACTION_ITEM_DUE, title=title,
               link=reverse("action_item_detail", args=[item.pk]))
        count += 1
    return count


@schedule.daily(at_hour=7, name="meetings.action_item_reminders")
def action_item_reminders(task_force: TaskForce) -> None:
    remind_action_items(task_force)
