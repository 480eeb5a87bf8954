"""Demo records that make the dashboards meaningful beyond what the other demo parts create.

The task force wants the number of identified victims arrested or charged to come down, and its
dashboard shows it by quarter. The investigations demo arrests only a handful of victims, so
this part adds victims' arrests (or charges) over the last eight fiscal quarters, fewer each
quarter, on victims already identified in the task force's investigations: each victim at most
once, on or after the day they were identified, never after today. Bulk-loaded like the other
demo parts, with one audit event per agency.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict

from ally.access.survivors import today_in
from ally.audit.chain import record
from ally.audit.events import EventType
from ally.core.fiscal import FiscalQuarter
from ally.demo.investigations.data import VICTIM_ARRESTS
from ally.investigations.models import Arrest, ArrestKind, IdentifiedVictim
from ally.tenancy.models import Organization, TaskForce

BULK_MARK = "ally demo (bulk-loaded victims' arrests for the dashboards)"
# Victims arrested or charged in each of the last eight quarters, oldest first (a falling trend),
# for every 140 identified victims.
TREND = (9, 8, 8, 6, 5, 4, 3, 2)
PER_VICTIMS = 140


def build(task_force: TaskForce, *, seed: int, today: dt.date | None = None) -> int:
    """Add the victims' arrests to ``task_force`` (inside the demo's transaction); returns how many."""
    rng = random.Random(f"{seed}-reports-{task_force.slug}")
    today = today or today_in(task_force.pk)
    quarters = [FiscalQuarter.containing(today)]
    while len(quarters) < len(TREND):
        quarters.insert(0, quarters[0].previous())
    victims = list(
        IdentifiedVictim.objects.filter(
            investigation__task_force=task_force, investigation__purged_at__isnull=True, removed_at__isnull=True,
            arrests__isnull=True,
        ).order_by("identified_on", "pk").values_list("pk", "investigation_id", "investigation__organization_id",
                                                     "investigation__lead_investigator_id", "identified_on")
    )
    total = IdentifiedVictim.objects.filter(investigation__task_force=task_force).count()
    scale = max(total / PER_VICTIMS, 0.2)
    by_quarter: dict[FiscalQuarter, list[tuple[int, int, int, int | None, dt.date]]] = defaultdict(list)
    for row in victims:
        by_quarter[FiscalQuarter.containing(row[4])].append(row)
    arrests = []
    per_agency: Counter[int] = Counter()
    for quarter, target in zip(quarters, TREND, strict=True):
        pool = by_quarter.get(quarter, [])
        rng.shuffle(pool)
        for victim_id, investigation_id, agency_id, lead_id, identified_on in pool[: max(round(target * scale), 1)]:
            day = min(identified_on + dt.timedelta(days=rng.randint(0, 20)), quarter.last_day, today)
            offense, reason = rng.choice(VICTIM_ARRESTS)
            arrests.append(Arrest(
                investigation_id=investigation_id, victim_id=victim_id, on=day, agency_id=agency_id,
                kind=ArrestKind.ARREST if rng.random() < 0.7 else ArrestKind.CHARGE, offense=offense,
                reason=reason, added_by_id=lead_id,
            ))
            per_agency[agency_id] += 1
    Arrest.objects.bulk_create(arrests, batch_size=1000)
    agencies = Organization.objects.in_bulk(list(per_agency))
    for agency_id, n in sorted(per_agency.items()):
        record(EventType.ARREST_RECORDED, actor=None, task_force=task_force, organization=agencies[agency_id],
               changes={"loaded": BULK_MARK, "records": n})
    return len(arrests)
