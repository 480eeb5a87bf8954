"""28 CFR Part 23 reminders: intelligence records due for review (validate or purge)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from ally.access.survivors import today_in
from ally.core import schedule
from ally.investigations.actions._common import tell
from ally.investigations.actions.cases import reviewers
from ally.investigations.models import Investigation
from ally.notifications.kinds import NotificationKind
from ally.tenancy.models import TaskForce

REMIND_DAYS_AHEAD = (30, 7, 0)


def remind_reviews(task_force: TaskForce, today: dt.date | None = None) -> int:
    """Remind the reviewers of records due in 30 or 7 days or today, and every Monday of records
    past their date. Returns how many records were reminded of."""
    today = today or today_in(task_force.pk)
    due = Investigation.objects.filter(
        task_force=task_force, purged_at=None, review_by__lte=today + dt.timedelta(days=max(REMIND_DAYS_AHEAD))
    ).select_related("task_force", "organization", "lead_investigator")
    count = 0
    for investigation in due:
        days = (investigation.review_by - today).days
        if days not in REMIND_DAYS_AHEAD and not (days < 0 and today.weekday() == 0):
            continue
        title = (_("Investigation %(n)s: intelligence review due on %(d)s (validate or purge)")
                 if days >= 0 else _("Investigation %(n)s: intelligence review overdue since %(d)s (validate or purge)"))
        tell(reviewers(investigation), investigation, title % {"n": investigation.number, "d": investigation.review_by.isoformat()},
             kind=NotificationKind.INTELLIGENCE_REVIEW_DUE)
        count += 1
    return count


@schedule.daily(at_hour=6, name="investigations.review_reminders")
def review_reminders(task_force: TaskForce) -> None:
    remind_reviews(task_force)
