"""Tips and leads of the demo: those that opened or joined an investigation, and the others
(most closed with a reason; recent ones new, triaged or assigned)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from ally.audit.events import EventType
from ally.demo.investigations import data
from ally.demo.investigations.context import Context, pick, require
from ally.investigations.models import Tip

if TYPE_CHECKING:
    from ally.demo.investigations.cases import InvPlan


def load_tips(ctx: Context, plans: list[InvPlan]) -> None:
    rng = ctx.rng
    total = int(len(plans) * data.TIPS_PER_INVESTIGATION)
    tips: list[Tip] = []

    def tip(org: str, kind: str, industry: str, received: dt.datetime, city: str, county: str, **extra: Any) -> Tip:
        pool = data.INDICATORS[kind]
        row = Tip(task_force=ctx.task_force, organization=ctx.orgs[org], source=pick(rng, data.SOURCES),
                  received_at=received, narrative=rng.choice(data.NARRATIVES[kind]), location=city, county=county,
                  industry=industry, trafficking_type=kind, indicators=rng.sample(pool, rng.randint(1, 3)),
                  created_by_id=ctx.uid(ctx.person_of(org)), created_at=received, **extra)  # fmt: skip
        require(row.received_at <= ctx.now, "a tip received in the past")
        tips.append(row)
        ctx.count(org, EventType.TIP_RECEIVED)
        return row

    for plan in plans:
        if rng.random() < 0.85:
            day = max(ctx.since, plan.opened - dt.timedelta(days=rng.randint(0, 20)))
            tip(plan.org, plan.kind, plan.industry, ctx.at(day), plan.city, plan.county, status="opened",
                investigation=plan.row, version=2)  # fmt: skip
            ctx.count(plan.org, EventType.TIP_TRIAGED)
        if rng.random() < 0.15 and plan.opened < ctx.today - dt.timedelta(days=30):
            day = ctx.until_today(ctx.after(plan.opened, 5, 120))
            tip(plan.org, plan.kind, plan.industry, ctx.at(day), plan.city, plan.county, status="joined",
                investigation=plan.row, version=2)  # fmt: skip
            ctx.count(plan.org, EventType.TIP_TRIAGED)
    span = (ctx.today - ctx.since).days
    while len(tips) < total:
        org = pick(rng, [(k, data.AGENCY_WEIGHTS[k]) for k in ctx.agencies])
        kind = pick(rng, data.TYPES_LABOR if org in data.LABOR_AGENCIES else data.TYPES_LE)
        day = ctx.since + dt.timedelta(days=int(span * (rng.random() ** 0.85)))
        day = ctx.until_today(day)
        city, _zip, county, _area = ctx.city(org)
        age = (ctx.today - day).days
        if age > 30 or rng.random() < 0.5:
            extra: dict[str, Any] = {"status": "closed", "closed_reason": rng.choice(data.TIP_CLOSE_REASONS), "version": 2}
        else:
            status = rng.choice(("new", "triaged", "assigned"))
            extra = {"status": status, "version": 1 if status == "new" else 2}
            if status == "assigned":
                extra["assigned_to_id"] = ctx.uid(ctx.person_of(org))
        tip(org, kind, pick(rng, data.INDUSTRIES[kind]), ctx.at(day), city, county, **extra)
        if extra["status"] != "new":
            ctx.count(org, EventType.TIP_TRIAGED)
    Tip.objects.bulk_create(tips, batch_size=1000)
