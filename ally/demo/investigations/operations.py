"""Operations of the demo: past ones (carried out or cancelled) bulk-loaded with the conflicts
event deconfliction found when they were planned (ally.deconfliction.events rules) and the
heads-ups providers received (timeline only, never date or place)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ally.audit.events import EventType
from ally.deconfliction.events import haversine_m, validate_operation
from ally.deconfliction.models import OperationConflict
from ally.demo.investigations import data
from ally.demo.investigations.cases import InvPlan
from ally.demo.investigations.context import Context, pick, require
from ally.investigations.actions.operations import timeline_for
from ally.investigations.models import HeadsUp, Operation


@dataclass
class OpPlan:
    org: str
    plan: InvPlan | None
    row: Operation


def _genders(kind: str) -> list[str]:
    return ["Feminine"] if kind == "sex" else ["Masculine", "Feminine"]


def load_operations(ctx: Context, plans: list[InvPlan]) -> list[Operation]:
    rng, tf = ctx.rng, ctx.task_force
    total = int(len(plans) * data.OPERATIONS_PER_INVESTIGATION)
    candidates = [p for p in plans if p.opened < ctx.today - dt.timedelta(days=20)]
    ops: list[OpPlan] = []
    for _ in range(total):
        plan = rng.choice(candidates)
        arrests = [s.arrested_on for s in plan.subjects if s.arrested_on]
        day = min(arrests) if arrests and rng.random() < 0.7 else ctx.after(plan.opened, 5, 200)
        day = min(day, ctx.today - dt.timedelta(days=2))
        ops.append(_op(ctx, plan.org, plan, day, *ctx.coords(plan.city)))
    # A handful of deliberate clashes: another agency plans close by at the same time.
    for _ in range(data.OPERATION_CONFLICTS[ctx.scale]):
        first = rng.choice(ops)
        others = [a for a in ctx.agencies if a != first.org]
        day = first.row.starts_at.astimezone(ctx.zone).date()
        lat = first.row.latitude + 0.0025  # about 280 m north
        clash = _op(ctx, rng.choice(others), None, day, lat, first.row.longitude)
        clash.row.starts_at = first.row.starts_at + dt.timedelta(minutes=30)
        clash.row.ends_at = clash.row.starts_at + dt.timedelta(hours=3)
        clash.row.created_at = first.row.created_at + dt.timedelta(hours=2)
        ops.append(clash)
    ops.sort(key=lambda o: o.row.created_at)
    for o in ops:
        r = o.row
        validate_operation(starts_at=r.starts_at, ends_at=r.ends_at, latitude=r.latitude, longitude=r.longitude,
                           radius_m=r.radius_m)  # fmt: skip
        require(r.created_at <= r.starts_at <= ctx.now, "planned before it started, in the past")
        ctx.count(o.org, EventType.OPERATION_PLANNED)
    Operation.objects.bulk_create([o.row for o in ops], batch_size=500)
    conflicts = []
    for n, o in enumerate(ops):
        for earlier in ops[:n]:
            a, b = o.row, earlier.row
            if earlier.org == o.org or not (b.starts_at < a.ends_at and a.starts_at < b.ends_at):
                continue
            if b.ends_at < a.created_at:  # already carried out when this one was planned
                continue
            distance = haversine_m(a.latitude, a.longitude, b.latitude, b.longitude)
            if distance <= a.radius_m + b.radius_m:
                conflicts.append(OperationConflict(task_force=tf, new_operation=a, existing_operation=b,
                                                   distance_m=round(distance), found_at=a.created_at))  # fmt: skip
                ctx.count(o.org, EventType.OPERATION_CONFLICT)
    OperationConflict.objects.bulk_create(conflicts)
    heads_ups = []
    providers = [p for p in ctx.providers if p in ctx.orgs]
    for o in ops:
        r = o.row
        if providers and r.expected_victims and rng.random() < 0.35:
            sent = r.created_at + dt.timedelta(hours=rng.randint(1, 24))
            sent = min(sent, r.starts_at - dt.timedelta(hours=1))
            ack = sent + dt.timedelta(hours=rng.randint(1, 30)) if rng.random() < 0.8 else None
            to = "lead_vsp" if "lead_vsp" in providers and rng.random() < 0.6 else rng.choice(providers)
            heads_ups.append(HeadsUp(
                task_force=tf, operation=r, from_organization=ctx.orgs[o.org], to_organization=ctx.orgs[to],
                timeline=timeline_for(r.starts_at, sent), expected_victims=r.expected_victims,
                genders=list(r.expected_genders), languages=r.expected_languages, minors_expected=r.minors_expected,
                contact_id=r.contact_id, sent_by_id=r.created_by_id, sent_at=sent,
                acknowledged_by_id=ctx.uid(rng.choice(ctx.staff[to])) if ack else None,
                acknowledged_at=min(ack, ctx.now) if ack else None,
            ))  # fmt: skip
            ctx.count(o.org, EventType.HEADS_UP_SENT)
            if ack:
                ctx.count(to, EventType.HEADS_UP_ACKNOWLEDGED)
    HeadsUp.objects.bulk_create(heads_ups, batch_size=500)
    return [o.row for o in ops]


def _op(ctx: Context, org: str, plan: InvPlan | None, day: dt.date, lat: float, lon: float) -> OpPlan:
    rng = ctx.rng
    kind_of = plan.kind if plan else "sex"
    kind = pick(rng, data.OPERATION_KINDS[kind_of])
    starts = ctx.at(day, rng.choice((6, 10, 14, 19, 21)))
    contact = plan.lead if plan and plan.org == org else ctx.person_of(org)
    victims = 0 if kind == "surveillance" else rng.randint(1, 6 if kind_of == "sex" else 15)
    row = Operation(
        task_force=ctx.task_force, organization=ctx.orgs[org], investigation=plan.row if plan else None, kind=kind,
        name=f"Operation {rng.choice(data.OPERATION_NAMES)} {rng.randint(1, 99)}",
        starts_at=starts, ends_at=starts + dt.timedelta(hours=rng.choice((2, 3, 4, 6, 10))),
        location=plan.city if plan else "", latitude=lat, longitude=lon, radius_m=rng.choice((150, 250, 400, 800, 1500)),
        status="done" if rng.random() < 0.9 else "cancelled", contact_id=ctx.uid(contact),
        expected_victims=victims, expected_genders=_genders(kind_of) if victims else [],
        expected_languages=rng.choice(data.LANGUAGES_LABOR if kind_of == "labor" else data.LANGUAGES_SEX) if victims else "",
        minors_expected=kind_of == "sex" and rng.random() < 0.2, created_by_id=ctx.uid(contact),
        created_at=starts - dt.timedelta(days=rng.randint(2, 12), hours=rng.randint(0, 8)), version=2,
    )  # fmt: skip
    return OpPlan(org, plan, row)
