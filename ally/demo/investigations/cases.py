"""Investigations with their tips, partners, subjects, identifiers (indexed and deconflicted),
identified victims and arrests: three fiscal years, planned in memory, checked against the
actions' rules and bulk-loaded (the actions stamp the present)."""

from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from ally.audit.events import EventType
from ally.deconfliction.normalize import Normalized
from ally.demo.investigations import data
from ally.demo.investigations.context import Context, pick, require
from ally.demo.investigations.targets import load_identifiers
from ally.demo.names import FIRST_NAMES, LAST_NAMES, STREETS
from ally.investigations.actions.cases import review_date
from ally.investigations.models import (
    Arrest,
    Dissemination,
    IdentifiedVictim,
    Identifier,
    Investigation,
    InvestigationPartner,
    Subject,
)
from ally.survivors import vocabularies


@dataclass
class IdentPlan:
    kind: str
    value: str
    details: dict[str, str]
    day: dt.date
    subject: int | None = None  # index into the investigation's subjects
    norm: Normalized | None = None
    row: Identifier | None = None


@dataclass
class SubjectPlan:
    given: str
    family: str
    born: dt.date
    gender: str
    roles: list[str]
    day: dt.date
    arrested_on: dt.date | None = None
    row: Subject | None = None


@dataclass
class VictimPlan:
    given: str
    family: str
    born: dt.date
    minor: bool
    gender: str
    citizenship: str
    languages: str
    day: dt.date
    arrest: tuple[dt.date, str, str] | None = None
    row: IdentifiedVictim | None = None


@dataclass
class InvPlan:
    org: str
    kind: str
    industry: str
    opened: dt.date
    lead: str
    title: str
    city: str
    zip: str
    county: str
    area: str
    partners: list[str] = field(default_factory=list)
    subjects: list[SubjectPlan] = field(default_factory=list)
    idents: list[IdentPlan] = field(default_factory=list)
    victims: list[VictimPlan] = field(default_factory=list)
    arrested: bool = False
    prosecuted: bool = False
    trafficking: bool = False
    closed_on: dt.date | None = None
    closed_reason: str = ""
    status: str = "active"
    validated_on: dt.date | None = None
    number: str = ""
    row: Investigation | None = None


def plan_investigations(ctx: Context) -> list[InvPlan]:
    rng = ctx.rng
    total = data.INVESTIGATIONS[ctx.scale]
    span = (ctx.today - ctx.since).days
    plans = []
    for _ in range(total):
        org = pick(rng, [(k, data.AGENCY_WEIGHTS[k]) for k in ctx.agencies])
        kind = pick(rng, data.TYPES_LABOR if org in data.LABOR_AGENCIES else data.TYPES_LE)
        industry = pick(rng, data.INDUSTRIES[kind])
        opened = ctx.since + dt.timedelta(days=int(span * (rng.random() ** 0.85)))
        opened = min(opened, ctx.today - dt.timedelta(days=1))
        city, zip_code, county, area = ctx.city(org)
        label = vocabularies.label("trafficking_industry", industry)
        plan = InvPlan(org=org, kind=kind, industry=industry, opened=opened, lead=ctx.person_of(org),
                       title=f"{label} — {city}", city=city, zip=zip_code, county=county, area=area)  # fmt: skip
        if rng.random() < data.JOINT_SHARE:
            partners = [p for p in data.PARTNERS.get(org, ()) if p in ctx.agencies]
            if partners:
                plan.partners = [rng.choice(partners)]
        _people(ctx, plan)
        _fate(ctx, plan)
        plans.append(plan)
    plans.sort(key=lambda p: p.opened)
    seq: dict[tuple[str, int], int] = {}
    for plan in plans:
        key = (plan.org, plan.opened.year)
        seq[key] = seq.get(key, 0) + 1
        plan.number = f"{ctx.orgs[plan.org].slug.upper()[:12]}-{plan.opened.year}-{seq[key]:04d}"
    _shared_targets(ctx, plans)
    return plans


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9_]", "", plain.lower())


def _maker(rng: random.Random, base: str, middles: tuple[str, ...], top: int) -> Callable[[], str]:
    return lambda: _ascii(f"{base}{rng.choice(middles)}{rng.randint(1, top)}")


def _phone(ctx: Context, area: str) -> str:
    return ctx.unique(lambda: f"({area}) 555-{ctx.rng.randint(200, 9999):04d}")


def _people(ctx: Context, plan: InvPlan) -> None:
    rng = ctx.rng
    first_day = ctx.until_today(ctx.after(plan.opened, 0, 20))
    for _ in range(rng.choices((1, 2, 3, 4), weights=(0.42, 0.35, 0.16, 0.07))[0]):
        day = ctx.until_today(ctx.after(plan.opened, 0, 60))
        born = dt.date(rng.randint(1962, 2002), rng.randint(1, 12), rng.randint(1, 28))
        roles = [pick(rng, data.ROLES)]
        if rng.random() < 0.2:
            roles.append(pick(rng, data.ROLES))
        subject = SubjectPlan(rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES), born, pick(rng, data.GENDERS_SUBJECT),
                              list(dict.fromkeys(roles)), day)  # fmt: skip
        plan.subjects.append(subject)
        index = len(plan.subjects) - 1
        plan.idents.append(IdentPlan("person", "", {"given_name": subject.given, "family_name": subject.family,
                                                    "date_of_birth": born.isoformat()}, day, index))  # fmt: skip
        for _n in range(rng.choice((1, 1, 2))):
            plan.idents.append(IdentPlan("phone", _phone(ctx, plan.area), {}, day, index))
        if rng.random() < 0.35:
            handle = ctx.unique(_maker(rng, f"{subject.given[:1]}{subject.family}", ("",), 999))
            plan.idents.append(IdentPlan("email", f"{handle}@example.com", {}, day, index))
        if rng.random() < 0.45:
            handle = ctx.unique(_maker(rng, subject.given, ("_vip", "_boss", "_real", "_x"), 99))
            plan.idents.append(IdentPlan("account", handle, {"platform": rng.choice(data.PLATFORMS)}, day, index))
        if rng.random() < 0.35:
            plate = ctx.unique(lambda: "".join(rng.choice(data.STATE_FROM_PLATE) for _ in range(3)) + f"{rng.randint(1000, 9999)}")
            plan.idents.append(IdentPlan("vehicle", plate, {"state": ctx.code}, day, index))
    if plan.kind in ("sex", "both") and rng.random() < 0.7:
        for _n in range(rng.randint(1, 2)):
            path = ctx.unique(lambda: f"{plan.city.lower().replace(' ', '')}/ad/{rng.randint(100000, 999999)}")
            plan.idents.append(IdentPlan("url", f"https://{rng.choice(data.AD_HOSTS)}/{path}", {}, first_day))
    if rng.random() < 0.5:
        street = ctx.unique(lambda: f"{rng.randint(100, 9899)} {rng.choice(STREETS)}")
        plan.idents.append(IdentPlan("address", street, {"city": plan.city, "state": ctx.code, "zip": plan.zip}, first_day))
    words = data.BUSINESS_WORDS.get(plan.industry)
    if words and rng.random() < 0.6:
        name = ctx.unique(lambda: f"{rng.choice(data.BUSINESS_NAMES)} {rng.choice(words)}|{plan.zip}").split("|")[0]
        name = f"{name} {rng.choice(data.BUSINESS_SUFFIXES)}".strip()
        plan.idents.append(IdentPlan("business", name, {"zip": plan.zip, "city": plan.city, "state": ctx.code}, first_day))
    count = rng.choices((0, 1, 2, 3, 4), weights=(0.22, 0.46, 0.2, 0.08, 0.04))[0]
    for _ in range(count):
        labor = plan.kind == "labor" or (plan.kind == "both" and rng.random() < 0.5)
        minor = rng.random() < (0.05 if labor else 0.22)
        age = rng.randint(14, 17) if minor else rng.randint(18, 45)
        day = ctx.until_today(ctx.after(plan.opened, 0, 90))
        born = day - dt.timedelta(days=age * 365 + rng.randint(0, 360))
        foreign = rng.random() < (0.7 if labor else 0.12)
        plan.victims.append(VictimPlan(
            rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES), born, minor,
            pick(rng, data.GENDERS_VICTIM_LABOR if labor else data.GENDERS_VICTIM_SEX),
            "foreign_national" if foreign else rng.choice(("us_citizen", "us_citizen", "lawful_permanent_resident", "unknown")),
            rng.choice(data.LANGUAGES_LABOR if labor else data.LANGUAGES_SEX), day,
        ))  # fmt: skip
        if rng.random() < data.VICTIM_ARREST_SHARE:
            offense, reason = rng.choice(data.VICTIM_ARRESTS)
            plan.victims[-1].arrest = (ctx.until_today(ctx.after(day, -30, 20)), offense, reason)


def _fate(ctx: Context, plan: InvPlan) -> None:
    """Where the funnel takes the investigation; the prosecution itself is planned in court.py."""
    rng = ctx.rng
    age = (ctx.today - plan.opened).days
    arrest, prosecution, trafficking = data.FUNNEL[plan.kind]
    u = rng.random()
    if age > data.RECENT_DAYS and plan.subjects:
        plan.arrested, plan.prosecuted, plan.trafficking = u < arrest, u < prosecution, u < trafficking
    if plan.arrested:
        ranked = sorted(range(len(plan.subjects)), key=lambda i: "Exploiter" not in plan.subjects[i].roles)
        for i in ranked[: rng.randint(1, len(ranked))]:
            plan.subjects[i].arrested_on = ctx.until_today(ctx.after(plan.opened, 14, min(240, max(15, age - 10))))
    if not plan.prosecuted:
        if age > 365 and rng.random() < 0.85 or age > 120 and rng.random() < 0.4:
            plan.closed_on = ctx.until_today(ctx.after(plan.opened, 90, min(age - 1, 700)))
            plan.closed_reason = rng.choice(data.CLOSE_REASONS)
            plan.status = "closed"
        else:
            plan.status = pick(rng, (("open", 0.3), ("active", 0.55), ("suspended", 0.15)))
    if age > 400 and rng.random() < 0.06:
        plan.validated_on = ctx.until_today(ctx.after(plan.opened, 365, age - 1))


def _shared_targets(ctx: Context, plans: list[InvPlan]) -> None:
    """The same targets entered by a second agency, sometimes written differently."""
    rng = ctx.rng
    wanted = data.SHARED_TARGETS[ctx.scale]
    for _ in range(wanted * 3):
        if wanted == 0:
            break
        a, b = sorted(rng.sample(range(len(plans)), 2))
        first, second = plans[a], plans[b]
        if first.org == second.org or first.org in second.partners or second.org in first.partners:
            continue
        kinds = [i for i in first.idents if i.kind in ("phone", "person", "vehicle", "account", "url", "business")]
        if not kinds:
            continue
        source = rng.choice(kinds)
        day = ctx.until_today(ctx.after(max(second.opened, source.day), 1, 30))
        if source.kind == "person":
            s = first.subjects[source.subject or 0]
            given = next((y if s.given == x else x for x, y in data.NICKNAMES if s.given in (x, y)), s.given)
            second.subjects.append(SubjectPlan(given, s.family, s.born, s.gender, list(s.roles), day))
            d = {"given_name": given, "family_name": s.family, "date_of_birth": s.born.isoformat()}
            second.idents.append(IdentPlan("person", "", d, day, len(second.subjects) - 1))
        else:
            second.idents.append(IdentPlan(source.kind, _written_otherwise(source), dict(source.details), day))
        wanted -= 1


def _written_otherwise(ident: IdentPlan) -> str:
    value = ident.value
    if ident.kind == "phone":  # (414) 555-0142 → +1 414-555-0142
        digits = "".join(c for c in value if c.isdigit())
        return f"+1 {digits[:3]}-{digits[3:6]}-{digits[6:]}"
    if ident.kind == "vehicle":
        return f"{value[:3]} {value[3:]}".lower()
    if ident.kind == "account":
        return "@" + value.upper()
    if ident.kind == "url":
        return value.replace("https://", "http://www.") + "/?utm_source=tip"
    if ident.kind == "business":
        return value.replace(" LLC", "").replace(" Inc.", "") + " LLC"
    return value


# --- loading --------------------------------------------------------------------------------------


def load_investigations(ctx: Context, plans: list[InvPlan]) -> None:
    tf = ctx.task_force
    for plan in plans:
        require(plan.opened <= ctx.today and bool(plan.title) and vocabularies.is_valid("trafficking_industry", plan.industry),
                "opened in the past, with a name and an industry from the list")  # fmt: skip
        require(plan.closed_on is None or plan.opened <= plan.closed_on <= ctx.today, "closed between opening and today")
        review_from = plan.validated_on or plan.opened
        plan.row = Investigation(
            task_force=tf, organization=ctx.orgs[plan.org], number=plan.number, title=plan.title,
            trafficking_type=plan.kind, industry=plan.industry, status=plan.status, opened_on=plan.opened,
            closed_on=plan.closed_on, closed_reason=plan.closed_reason, lead_investigator_id=ctx.uid(plan.lead),
            suspicion_basis=data.SUSPICION[plan.kind], review_by=review_date(review_from),
            validated_on=plan.validated_on,
            validation_note="Reviewed by the unit supervisor: reasonable suspicion still documented." if plan.validated_on else "",
            created_by_id=ctx.uid(plan.lead), created_at=ctx.at(plan.opened),
        )  # fmt: skip
        ctx.count(plan.org, EventType.INVESTIGATION_OPENED)
        if plan.closed_on:
            ctx.count(plan.org, EventType.INVESTIGATION_CLOSED)
        if plan.validated_on:
            ctx.count(plan.org, EventType.INTELLIGENCE_VALIDATED)
    Investigation.objects.bulk_create([p.row for p in plans if p.row], batch_size=500)
    partners, disseminations = [], []
    for plan in plans:
        assert plan.row is not None
        for org in plan.partners:
            at = ctx.at(ctx.until_today(ctx.after(plan.opened, 1, 20)))
            partners.append(InvestigationPartner(investigation=plan.row, organization=ctx.orgs[org],
                                                 added_by_id=ctx.uid(plan.lead), added_at=at))  # fmt: skip
            disseminations.append(Dissemination(
                task_force=tf, investigation=plan.row, from_organization=ctx.orgs[plan.org], to_organization=ctx.orgs[org],
                what="The whole investigation record (joint investigation)",
                reason="Joint investigation: the partner agency works the same targets.", by_id=ctx.uid(plan.lead), at=at,
            ))  # fmt: skip
            ctx.count(plan.org, EventType.INVESTIGATION_PARTNER_ADDED)
            ctx.count(plan.org, EventType.INTELLIGENCE_DISSEMINATED)
    InvestigationPartner.objects.bulk_create(partners, batch_size=500)
    Dissemination.objects.bulk_create(disseminations, batch_size=500)
    _load_people(ctx, plans)
    load_identifiers(ctx, plans)


def _load_people(ctx: Context, plans: list[InvPlan]) -> None:
    subjects, victims = [], []
    for plan in plans:
        for s in plan.subjects:
            require(s.family != "" and s.born < ctx.today and all(vocabularies.is_valid("per_RoleInProcess", r) for r in s.roles)
                    and vocabularies.is_valid("prs_Gender", s.gender), "a subject with a family name and roles from the list")  # fmt: skip
            s.row = Subject(investigation=plan.row, given_name=s.given, family_name=s.family, date_of_birth=s.born,
                            gender=s.gender, roles=s.roles, added_by_id=ctx.uid(plan.lead), added_at=ctx.at(s.day))  # fmt: skip
            subjects.append(s.row)
            ctx.count(plan.org, EventType.SUBJECT_ADDED)
        for v in plan.victims:
            require(v.day <= ctx.today and vocabularies.is_valid("citizenship_status", v.citizenship), "a victim identified in the past")
            v.row = IdentifiedVictim(
                investigation=plan.row, given_name=v.given, family_name=v.family, date_of_birth=v.born, is_minor=v.minor,
                gender=v.gender, citizenship=v.citizenship, trafficking_type=plan.kind, languages=v.languages,
                identified_on=v.day, added_by_id=ctx.uid(plan.lead), added_at=ctx.at(v.day),
            )  # fmt: skip
            victims.append(v.row)
            ctx.count(plan.org, EventType.VICTIM_IDENTIFIED)
    Subject.objects.bulk_create(subjects, batch_size=1000)
    IdentifiedVictim.objects.bulk_create(victims, batch_size=1000)
    arrests = []
    for plan in plans:
        for s in plan.subjects:
            if s.arrested_on:
                offense = "Human trafficking" if plan.trafficking else ("Pandering" if plan.kind != "labor" else "Wage theft and document fraud")
                arrests.append(Arrest(investigation=plan.row, subject=s.row, on=s.arrested_on, agency=ctx.orgs[plan.org],
                                      offense=offense, added_by_id=ctx.uid(plan.lead), added_at=ctx.at(s.arrested_on)))  # fmt: skip
                ctx.count(plan.org, EventType.ARREST_RECORDED)
        for v in plan.victims:
            if v.arrest:
                day, offense, reason = v.arrest
                require(bool(reason) and day <= ctx.today, "the stated reason of a victim's arrest")
                arrests.append(Arrest(investigation=plan.row, victim=v.row, on=day, agency=ctx.orgs[plan.org],
                                      kind="arrest" if ctx.rng.random() < 0.7 else "charge", offense=offense,
                                      reason=reason, added_by_id=ctx.uid(plan.lead), added_at=ctx.at(day)))  # fmt: skip
                ctx.count(plan.org, EventType.ARREST_RECORDED)
    Arrest.objects.bulk_create(arrests, batch_size=1000)
