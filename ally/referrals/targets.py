"""When a referral must be acknowledged: minutes for an emergency, business days otherwise.

Business days skip Saturdays and Sundays in the task force's own time zone; the target falls at
the same local time of day on the n-th business day after sending (a referral sent on a Saturday
counts from Monday morning at the same time). Public holidays are not skipped: task forces span
states with different holiday calendars, so a holiday shows as late rather than being guessed.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from ally.referrals.models import Urgency
from ally.tenancy.models import TaskForce


def _add_business_days(local: dt.datetime, days: int) -> dt.datetime:
    # A weekend start counts from the next Monday at the same time.
    while local.weekday() >= 5:
        local += dt.timedelta(days=1)
    added = 0
    while added < days:
        local += dt.timedelta(days=1)
        if local.weekday() < 5:
            added += 1
    return local


def ack_due(task_force: TaskForce, urgency: str, sent_at: dt.datetime) -> dt.datetime:
    """The moment a referral sent (or assigned) at ``sent_at`` must be acknowledged by."""
    if urgency == Urgency.EMERGENCY:
        return sent_at + dt.timedelta(minutes=task_force.ack_emergency_minutes)
    days = task_force.ack_urgent_business_days if urgency == Urgency.URGENT else task_force.ack_routine_business_days
    zone = ZoneInfo(task_force.time_zone)
    local = sent_at.astimezone(zone).replace(tzinfo=None)
    due = _add_business_days(local, days)
    # Attach the zone again (fold=0: an ambiguous autumn hour is read as its first occurrence).
    return due.replace(tzinfo=zone).astimezone(dt.UTC)


def window(referral_sent_at: dt.datetime, due_at: dt.datetime) -> dt.timedelta:
    return max(due_at - referral_sent_at, dt.timedelta(minutes=1))
