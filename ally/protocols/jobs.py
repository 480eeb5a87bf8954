"""Reminders: protocols still to acknowledge (Mondays), agreements coming up for renewal."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from ally.access.survivors import today_in
from ally.core import schedule
from ally.notifications import notify
from ally.notifications.kinds import NotificationKind
from ally.protocols.actions._common import shown_name
from ally.protocols.actions.agreements import renewal_recipients
from ally.protocols.actions.protocols import recipients_for
from ally.protocols.models import Agreement, current_on
from ally.protocols.queries import outstanding_acknowledgements
from ally.tenancy.models import TaskForce

# A version current for at least this long is reminded of, every Monday.
ACKNOWLEDGE_GRACE_DAYS = 7
EXPIRY_REMIND_DAYS = (90, 30, 7, 0)


def remind_acknowledgements(task_force: TaskForce, today: dt.date | None = None) -> int:
    """On Mondays, remind whoever has not acknowledged a version current for 7 days or more.
    Returns how many protocols were reminded of."""
    today = today or today_in(task_force.pk)
    if today.weekday() != 0:
        return 0
    count = 0
    with transaction.atomic():
        for item in outstanding_acknowledgements(task_force):
            if item.version.published_at.date() > today - dt.timedelta(days=ACKNOWLEDGE_GRACE_DAYS):
                continue
            title = _("Reminder: acknowledge %(title)s, version %(n)d") % {"title": shown_name(item.protocol.title, f"#{item.protocol.pk}"), "n": item.version.number}
            notify(
                recipients_for(item.missing), task_force=task_force, kind=NotificationKind.PROTOCOL_TO_ACKNOWLEDGE,
                title=title[:160], link=reverse("protocol_detail", args=[item.protocol.pk]),
            )
            count += 1
    return count


def remind_expiring(task_force: TaskForce, today: dt.date | None = None) -> int:
    """Tell the coordinator and the parties' administrators 90, 30 and 7 days before an
    agreement in effect expires, and on the day. Returns how many agreements were reminded of."""
    today = today or today_in(task_force.pk)
    days = [today + dt.timedelta(days=d) for d in EXPIRY_REMIND_DAYS]
    count = 0
    with transaction.atomic():
        for agreement in Agreement.objects.filter(current_on(today), task_force=task_force, expires_on__in=days):
            left = (agreement.expires_on - today).days  # type: ignore[operator]
            name = shown_name(agreement.title, f"#{agreement.pk}")
            title = (_("Agreement expires today: %(title)s") % {"title": name} if left == 0 else
                     _("Agreement expires in %(n)d days (%(date)s): %(title)s")
                     % {"n": left, "date": agreement.expires_on.isoformat(), "title": name})  # type: ignore[union-attr]
            notify(
                renewal_recipients(agreement), task_force=task_force, kind=NotificationKind.AGREEMENT_EXPIRING,
                title=title[:160], link=reverse("agreement_detail", args=[agreement.pk]),
            )
            count += 1
    return count


@schedule.daily(at_hour=7, name="protocols.acknowledgement_reminders")
def acknowledgement_reminders(task_force: TaskForce) -> None:
    remind_acknowledgements(task_force)


@schedule.daily(at_hour=7, name="protocols.agreement_expiry_reminders")
def agreement_expiry_reminders(task_force: TaskForce) -> None:
    remind_expiring(task_force)
