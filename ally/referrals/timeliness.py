"""How fast referrals are answered: aggregates for the coordinator and the co-leads.

Directions: law enforcement → providers, providers → law enforcement, through a navigator's
queue, and other. For each direction and each receiving organization: how many referrals, the
median time to acknowledge (from sending, or from a navigator's assignment), the median time to
the first service, how many were declined and why, and how many wait past their target now.
Only counts and durations: no person, no referral number.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ally.referrals.models import Referral, ReferralStep, Status
from ally.tenancy.vocab import Discipline

DIRECTIONS = {
    "le_to_providers": _("Law enforcement → providers"),
    "providers_to_le": _("Providers → law enforcement"),
    "navigator_queue": _("Through a navigator's queue"),
    "other": _("Other partners"),
}


@dataclass
class Row:
    label: str
    referrals: int = 0
    ack_hours: list[float] = field(default_factory=list)
    service_hours: list[float] = field(default_factory=list)
    declines: Counter[str] = field(default_factory=Counter)
    overdue: int = 0

    @property
    def decline_counts(self) -> list[tuple[str, int]]:
        return self.declines.most_common()

    @property
    def median_ack(self) -> float | None:
        return statistics.median(self.ack_hours) if self.ack_hours else None

    @property
    def median_service(self) -> float | None:
        return statistics.median(self.service_hours) if self.service_hours else None


def direction_of(referral: Referral) -> str:
    if referral.to_region_id is not None:
        return "navigator_queue"
    sender = referral.from_organization.discipline
    recipient = referral.to_organization.discipline if referral.to_organization else ""
    if sender == Discipline.LAW_ENFORCEMENT and recipient == Discipline.VICTIM_SERVICES:
        return "le_to_providers"
    if sender == Discipline.VICTIM_SERVICES and recipient == Discipline.LAW_ENFORCEMENT:
        return "providers_to_le"
    return "other"


def _hours(later: dt.datetime | None, earlier: dt.datetime) -> float | None:
    return None if later is None else max((later - earlier).total_seconds() / 3600, 0.0)


def figures(task_force_id: int, since: dt.datetime, now: dt.datetime | None = None) -> dict[str, dict[str, Row]]:
    """direction → receiving organization (or region) name → Row; "" is the direction's total."""
    now = now or timezone.now()
    table: dict[str, dict[str, Row]] = defaultdict(dict)
    referrals = Referral.objects.filter(task_force_id=task_force_id, sent_at__gte=since).select_related(
        "from_organization", "to_organization", "to_region"
    )
    declined_by: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for referral_id, organization, reason in ReferralStep.objects.filter(
        referral__in=referrals, status=Status.DECLINED
    ).values_list("referral_id", "organization__name", "referral__decline_reason"):
        declined_by[referral_id].append((organization or "", reason))
    for referral in referrals:
        direction = direction_of(referral)
        receiver = referral.to_organization.name if referral.to_organization else str(referral.to_region)
        rows = [table[direction].setdefault("", Row(str(DIRECTIONS[direction]))),
                table[direction].setdefault(receiver, Row(receiver))]
        start = referral.assigned_at or referral.sent_at
        ack = _hours(referral.acknowledged_at, start)
        service = _hours(referral.in_service_at, referral.sent_at)
        late = referral.status == Status.SENT and referral.acknowledged_at is None and referral.ack_due_at < now
        for row in rows:
            row.referrals += 1
            if ack is not None:
                row.ack_hours.append(ack)
            if service is not None:
                row.service_hours.append(service)
            row.overdue += late
        for organization, reason in declined_by.get(referral.pk, []):
            table[direction][""].declines[reason] += 1
            table[direction].setdefault(organization, Row(organization)).declines[reason] += 1
    return {d: table[d] for d in DIRECTIONS if d in table}
