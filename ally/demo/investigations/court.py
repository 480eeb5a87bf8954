"""Prosecutions of the demo's investigations: referrals (accepted or declined with a reason),
cases, defendants from the arrested subjects, charges from the statute catalogue, dispositions,
sentences and court events — bulk-loaded under the rules of ally.prosecutions.actions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ally.audit.events import EventType
from ally.demo.investigations import data
from ally.demo.investigations.cases import InvPlan
from ally.demo.investigations.context import Context, pick, require
from ally.investigations.models import Dissemination, Investigation
from ally.prosecutions.models import (
    CONVICTIONS,
    CaseVictim,
    Charge,
    CourtEvent,
    Defendant,
    ProsecutionCase,
    ProsecutionReferral,
    Statute,
)


@dataclass
class Outcome:
    referrals: list[ProsecutionReferral] = field(default_factory=list)
    cases: list[tuple[InvPlan, ProsecutionCase]] = field(default_factory=list)


def _office(ctx: Context, plan: InvPlan) -> str:
    if plan.org in data.FEDERAL_AGENCIES and "usao" in ctx.offices:
        return "usao"
    if plan.org in ("sbi", "labor") and "ag" in ctx.offices:
        return "ag" if ctx.rng.random() < 0.6 else ("usao" if plan.trafficking and "usao" in ctx.offices else "da1")
    if plan.org == "pd2" and "da2" in ctx.offices:
        return "da2"
    if plan.trafficking and "usao" in ctx.offices and ctx.rng.random() < 0.2:
        return "usao"
    return "da1" if "da1" in ctx.offices else ctx.offices[0]


def _statutes(ctx: Context) -> dict[tuple[str, str], list[Statute]]:
    found: dict[tuple[str, str], list[Statute]] = {}
    for statute in Statute.objects.filter(task_force=ctx.task_force, is_active=True).order_by("citation"):
        found.setdefault((statute.jurisdiction, statute.category), []).append(statute)
    return found


def _choose(ctx: Context, statutes: dict[tuple[str, str], list[Statute]], jurisdiction: str, category: str, kind: str) -> Statute:
    pool = (statutes.get((jurisdiction, category)) or statutes.get((jurisdiction, "related"))
            or statutes.get(("federal", category)) or statutes[("federal", "related")])  # fmt: skip
    if category == "trafficking" and jurisdiction == "federal":
        wanted = "1589" if kind == "labor" else "1591"
        pool = [s for s in pool if wanted in s.citation] or pool
    elif category == "trafficking":
        labor = [s for s in pool if "labor" in s.title.lower()]
        if kind == "labor" and labor:
            pool = labor
    return ctx.rng.choice(pool)


def load_prosecutions(ctx: Context, plans: list[InvPlan]) -> Outcome:
    rng, tf, outcome = ctx.rng, ctx.task_force, Outcome()
    statutes = _statutes(ctx)
    planned: list[tuple[InvPlan, ProsecutionReferral, str]] = []
    disseminations = []
    for plan in plans:
        arrests = sorted(s.arrested_on for s in plan.subjects if s.arrested_on)
        if not arrests:
            continue
        sent = ctx.until_today(ctx.after(arrests[0], 5, 60))
        steps: list[tuple[str, str]] = []  # (office, "accepted"/"declined"/"pending")
        office = _office(ctx, plan)
        if plan.prosecuted:
            if rng.random() < data.DECLINED_SHARE and len(ctx.offices) > 1:
                steps.append((rng.choice([o for o in ctx.offices if o != office]), "declined"))
            steps.append((office, "accepted"))
        elif rng.random() < 0.6:
            steps.append((office, "declined"))
        for to, status in steps:
            decided = sent + dt.timedelta(days=rng.randint(3, 40))
            sent_at = ctx.at(sent)
            decided_at: dt.datetime | None = ctx.at(decided)
            if decided_at is not None and decided_at > ctx.now:
                status, decided_at = "pending", None  # not decided yet
            referral = ProsecutionReferral(
                task_force=tf, investigation=plan.row, from_organization=ctx.orgs[plan.org], to_organization=ctx.orgs[to],
                summary="Arrests made; victims identified and offered services; evidence summary attached.",
                status=status, sent_by_id=ctx.uid(plan.lead), sent_at=sent_at, decided_at=decided_at,
                decided_by_id=ctx.uid(ctx.person_of(to)) if decided_at else None,
            )  # fmt: skip
            if status == "declined":
                referral.decline_reason = pick(rng, data.PROSECUTION_DECLINES)
            planned.append((plan, referral, to))
            ctx.count(plan.org, EventType.PROSECUTION_REFERRED)
            ctx.count(plan.org, EventType.INTELLIGENCE_DISSEMINATED)
            if status != "pending":
                ctx.count(to, EventType.PROSECUTION_ACCEPTED if status == "accepted" else EventType.PROSECUTION_DECLINED)
            if status != "declined":
                break
            sent = ctx.until_today(decided + dt.timedelta(days=rng.randint(2, 20)))
    ProsecutionReferral.objects.bulk_create([r for _p, r, _o in planned], batch_size=500)
    for plan, referral, to in planned:
        disseminations.append(Dissemination(
            task_force=tf, investigation=plan.row, from_organization=ctx.orgs[plan.org], to_organization=ctx.orgs[to],
            what="Referral for prosecution: the case record, its subjects and its victims",
            reason=f"Prosecution referral #{referral.pk}", by_id=referral.sent_by_id, at=referral.sent_at,
        ))  # fmt: skip
    Dissemination.objects.bulk_create(disseminations, batch_size=500)
    outcome.referrals = [r for _p, r, _o in planned]
    _cases(ctx, statutes, [(p, r, o) for p, r, o in planned if r.status == "accepted"], outcome)
    return outcome


def _cases(ctx: Context, statutes: dict[tuple[str, str], list[Statute]],
           accepted: list[tuple[InvPlan, ProsecutionReferral, str]], outcome: Outcome) -> None:  # fmt: skip
    rng, tf = ctx.rng, ctx.task_force
    seq: dict[str, int] = {}
    cases = []
    for plan, referral, office in accepted:
        assert referral.decided_at is not None
        opened = referral.decided_at.astimezone(ctx.zone).date()
        federal = office == "usao"
        seq[office] = seq.get(office, 0) + 1
        yy = opened.year % 100
        number = f"{rng.randint(1, 2)}:{yy}-cr-{seq[office]:05d}" if federal else f"{opened.year}CF{seq[office]:06d}"
        court = (data.COURTS["federal"].format(district=ctx.state.federal_district) if federal
                 else data.COURTS["state"].format(county=plan.county))  # fmt: skip
        case = ProsecutionCase(task_force=tf, organization=ctx.orgs[office], investigation=plan.row, referral=referral,
                               number=number, jurisdiction="federal" if federal else "state", court=court,
                               prosecutor_id=ctx.uid(ctx.person_of(office)), opened_on=opened,
                               created_by_id=referral.decided_by_id, created_at=referral.decided_at)  # fmt: skip
        cases.append(case)
        outcome.cases.append((plan, case))
        ctx.count(office, EventType.PROSECUTION_OPENED)
    ProsecutionCase.objects.bulk_create(cases, batch_size=500)
    defendants, victims = [], []
    charges: list[tuple[Charge, Defendant]] = []
    events: list[CourtEvent] = []
    for plan, case in outcome.cases:
        office = next(k for k, o in ctx.orgs.items() if o.pk == case.organization_id)
        for v in plan.victims:
            victims.append(CaseVictim(case=case, victim=v.row, added_at=case.created_at))
            ctx.count(office, EventType.CASE_VICTIM_ADDED)
        arrested = [s for s in plan.subjects if s.arrested_on]
        age = (ctx.today - case.opened_on).days
        settled_share = 0.92 if age > 420 else 0.55 if age > 180 else 0.15
        last_day = case.opened_on
        open_case = awaiting = False
        for n, s in enumerate(arrested):
            d = Defendant(case=case, subject=s.row, given_name=s.given, family_name=s.family, date_of_birth=s.born,
                          added_at=case.created_at)  # fmt: skip
            defendants.append(d)
            ctx.count(office, EventType.DEFENDANT_ADDED)
            filed = ctx.until_today(ctx.after(case.opened_on, 0, 20))
            require(filed >= case.opened_on - dt.timedelta(days=3650) and filed <= ctx.today, "a charge filed in the past")
            lead = "trafficking" if plan.trafficking and n == 0 else rng.choice(("related", "related", "other"))
            kinds = [lead] + (["related"] if rng.random() < 0.4 else [])
            settled = rng.random() < settled_share
            result = pick(rng, data.DISPOSITIONS_CLOSED)
            day = ctx.after(filed, 60, 420)
            if day >= ctx.today:
                settled = False
            for i, category in enumerate(kinds):
                statute = _choose(ctx, statutes, case.jurisdiction, category, plan.kind)
                charge = Charge(defendant=d, statute=statute, counts=rng.choice((1, 1, 1, 2, 3)), filed_on=filed,
                                added_at=ctx.at(filed))  # fmt: skip
                ctx.count(office, EventType.CHARGE_FILED)
                if settled:
                    outcome_of = result if i == 0 or result not in CONVICTIONS else "dismissed"
                    charge.disposition, charge.disposition_on = outcome_of, day
                    if outcome_of in CONVICTIONS:
                        low, high = data.SENTENCES[statute.category]
                        charge.sentence_months = rng.randint(low, high)
                        charge.sentence_note = "Custody, then supervised release." if charge.sentence_months else "Probation."
                    require(charge.disposition_on >= charge.filed_on, "a disposition after the filing")
                    ctx.count(office, EventType.CHARGE_DISPOSED)
                charges.append((charge, d))
            place = f"{case.court}, Courtroom {rng.randint(1, 12)}"
            events.append(_event(ctx, case, "initial_appearance", filed, place))
            events.append(_event(ctx, case, "arraignment", ctx.after(filed, 10, 30), place))
            if settled:
                events.append(_event(ctx, case, "trial" if result in ("convicted", "acquitted") else "plea_hearing",
                                     day, place, testimony=result in ("convicted", "acquitted")))  # fmt: skip
                last_day = max(last_day, day)
                if result in CONVICTIONS:
                    sentencing = day + dt.timedelta(days=rng.randint(30, 90))
                    events.append(_event(ctx, case, "sentencing", sentencing, place))
                    if sentencing >= ctx.today:
                        awaiting = True
                    last_day = max(last_day, sentencing)
            else:
                open_case = True
                events.append(_event(ctx, case, "status_conference", ctx.after(ctx.today, 3, 60), place))
                if rng.random() < 0.3:
                    events.append(_event(ctx, case, "trial", ctx.after(ctx.today, 30, 150), place, testimony=True))
        if open_case:
            case.status = "trial" if rng.random() < 0.1 else "charged"
        elif awaiting:
            case.status, open_case = "sentencing", True
        else:
            case.status, case.closed_on = "closed", ctx.until_today(last_day + dt.timedelta(days=rng.randint(0, 30)))
            if plan.row is not None:
                plan.row.status, plan.row.closed_on = "closed", max(case.closed_on, plan.opened)
                plan.row.closed_reason = "Prosecution concluded."
                ctx.count(plan.org, EventType.INVESTIGATION_CLOSED)
        if plan.row is not None and open_case:
            plan.row.status, plan.row.closed_on, plan.row.closed_reason = "referred", None, ""
        case.version = 1 + len(arrested) * 3
    Defendant.objects.bulk_create(defendants, batch_size=1000)
    for charge, d in charges:
        charge.defendant = d
    Charge.objects.bulk_create([c for c, _d in charges], batch_size=1000)
    events = [e for e in events if e.starts_at <= ctx.now or e.case.status != "closed"]
    for event in events:
        ctx.count(next(k for k, o in ctx.orgs.items() if o.pk == event.case.organization_id), EventType.COURT_EVENT_SCHEDULED)
    CourtEvent.objects.bulk_create(events, batch_size=1000)
    CaseVictim.objects.bulk_create(victims, batch_size=1000)
    ProsecutionCase.objects.bulk_update([c for _p, c in outcome.cases], ["status", "closed_on", "version"], batch_size=500)
    Investigation.objects.bulk_update([p.row for p, _c in outcome.cases if p.row], ["status", "closed_on", "closed_reason"],
                                      batch_size=500)  # fmt: skip


def _event(ctx: Context, case: ProsecutionCase, kind: str, day: dt.date, place: str, *, testimony: bool = False) -> CourtEvent:
    return CourtEvent(case=case, kind=kind, starts_at=ctx.at(day, ctx.rng.choice((9, 10, 13, 14))), place=place,
                      victim_testimony_expected=testimony, added_by_id=case.created_by_id,
                      added_at=min(case.created_at or ctx.now, ctx.now))  # fmt: skip
