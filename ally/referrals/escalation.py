"""Escalation of referrals nobody has acknowledged, run by the background worker.

For a referral waiting for its first answer (or, in a navigator's queue, for a provider), with
``window`` the time it was given (sending or assignment to the target):
1. a quarter of the window before the target: the recipient is reminded (its members, or the
   queue's navigators);
2. at the target: the navigators of the region are told (the queue's region, or the regions the
   recipient serves);
3. a whole window past the target: the coordinator is told.
Each level is reached once, in order, even if the worker was stopped for a while. Navigators who
are not a side of the referral and the coordinator get a link to the overdue list, which shows
referrals by number, organizations, urgency and lateness only.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ally.accounts.models import User
from ally.audit.chain import record
from ally.audit.events import EventType
from ally.notifications import notify
from ally.notifications.kinds import NotificationKind
from ally.referrals.actions import _navigators, recipients_of
from ally.referrals.models import Referral, ReferralStep, Status
from ally.tenancy.models import TaskForceRole
from ally.tenancy.vocab import TaskForceRoleKind

REMIND, NAVIGATOR, COORDINATOR = 1, 2, 3
OVERDUE_LIST = "/referrals/overdue/"


def level_due(referral: Referral, now: dt.datetime) -> int:
    """The escalation level a waiting referral should have reached at ``now``."""
    start = referral.assigned_at or referral.sent_at
    window = max(referral.ack_due_at - start, dt.timedelta(minutes=1))
    if now >= referral.ack_due_at + window:
        return COORDINATOR
    if now >= referral.ack_due_at:
        return NAVIGATOR
    if now >= referral.ack_due_at - window / 4:
        return REMIND
    return 0


def waiting() -> QuerySet[Referral]:
    """Referrals still waiting for an acknowledgement (or for a navigator to assign them)."""
    return Referral.objects.filter(status=Status.SENT, acknowledged_at=None)


def _region_navigators(referral: Referral) -> list[User]:
    if referral.to_region_id is not None:
        return list(_navigators(referral.to_region_id))
    regions = referral.to_organization.regions_served.values_list("pk", flat=True) if referral.to_organization else []
    people: dict[int, User] = {}
    for region_id in regions:
        people |= {u.pk: u for u in _navigators(region_id)}
    return list(people.values())


def _coordinators(referral: Referral) -> list[User]:
    return [r.user for r in TaskForceRole.objects.filter(
        task_force_id=referral.task_force_id, role=TaskForceRoleKind.COORDINATOR
    ).select_related("user") if r.user.is_active]


def _raise_to(referral: Referral, level: int) -> None:
    n = referral.pk
    if level == REMIND:
        users, title, link = recipients_of(referral), _("Referral #%(n)s is waiting for your answer") % {"n": n}, f"/referrals/{n}/"
    elif level == NAVIGATOR:
        users = _region_navigators(referral)
        title = _("Referral #%(n)s is past its acknowledgement target") % {"n": n}
        link = f"/referrals/{n}/" if referral.to_region_id is not None else OVERDUE_LIST
    else:
        users = _coordinators(referral)
        title = _("Referral #%(n)s is well past its acknowledgement target") % {"n": n}
        link = OVERDUE_LIST
    if users:
        notify(users, task_force=referral.task_force, kind=NotificationKind.REFERRAL_OVERDUE, title=title, link=link, urgent=True)


def escalate(now: dt.datetime | None = None) -> int:
    """Raise every waiting referral to the level it is due; returns how many levels were raised."""
    now = now or timezone.now()
    raised = 0
    candidates = waiting().filter(escalation_level__lt=COORDINATOR).values_list("pk", flat=True)
    for pk in list(candidates):
        with transaction.atomic():
            referral = Referral.objects.select_for_update(of=("self",)).select_related("task_force", "to_organization").get(pk=pk)
            if referral.status != Status.SENT or referral.acknowledged_at is not None:
                continue
            target = level_due(referral, now)
            for level in range(referral.escalation_level + 1, target + 1):
                _raise_to(referral, level)
                ReferralStep.objects.create(referral=referral, status=referral.status, note=f"escalation {level}", by=None)
                record(EventType.REFERRAL_ESCALATED, actor=None, task_force=referral.task_force,
                       organization=referral.to_organization or referral.from_organization, target=referral,
                       changes={"level": level})
                raised += 1
            if target > referral.escalation_level:
                referral.escalation_level = target
                referral.save(update_fields=["escalation_level"])
    return raised
