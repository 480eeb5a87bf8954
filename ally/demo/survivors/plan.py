"""The demo's caseload, planned before anything is saved: every survivor, screening, care record,
consent and share of a demo task force.

A plan depends on the task force's plan, the scale, the seed and "today" in the task force's time
zone (the only reading of the clock: intake dates run over the last three federal fiscal years up
to today). It draws from its own random.Random, seeded from the scale, the seed and the task force,
so adding survivors to the demo changes none of its accounts. People and organizations are named by
their keys in the TaskForcePlan; ally.demo.survivors.build turns the plan into rows.

Distributions (statewide, seed 1: 1,500 clients; small 120; national 1,000 in each of its ten
task forces; the tests keep them in range):

- spread over the six victim-service organizations (a third at the lead provider), intake dates
  over the current and the two previous federal fiscal years, a little more often recently;
- trafficking type about 45% sex, 35% labor, 10% both, 10% unknown, tilted by provider (the
  youth shelter mostly sex, the legal-aid program mostly labor);
- about 20% minors at intake; about 37% foreign nationals (labor cases far more often), a few
  lawful permanent residents; countries of origin and languages to match, and names to match
  those (from ally.demo.names);
- genders per prs_Gender (labor cases more often men), methods of control and exploitation types
  by trafficking type, an ISIC labor industry for every labor case;
- case status closes more often the older the intake; trafficking status, with the deciding
  organization and date when it was decided;
- about 55% of clients signed at least one consent: about 45% of consents are in force today,
  38% expired, 17% revoked; shares rest on them (those on expired or revoked consents grant
  nothing now), and the investigator personas' agencies always have clients shared with them;
- per client about 14 services, 4 case notes (about 1 in 8 sensitive), 1–4 goals per plan.
"""

from __future__ import annotations

import datetime as dt
import random
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from ally.demo import names
from ally.demo.places import NATIONAL_STATES, STATEWIDE_STATE, RegionProfile, StateProfile
from ally.demo.planner import DemoAccount, TaskForcePlan, _ascii_label
from ally.demo.survivors import words

T = TypeVar("T")

# Clients per task force. National is ten task forces, so ten times this.
CLIENTS: dict[str, int] = {"small": 120, "statewide": 1500, "national": 1000}
# How a task force's clients spread over its victim-service organizations (template keys).
PROVIDER_WEIGHTS: dict[str, int] = {
    "lead_vsp": 34, "vsp2": 15, "vsp3": 14, "youth_shelter": 12, "legal_aid": 16, "tribal_vsp": 9,
}  # fmt: skip
DEFAULT_CONSENT_MAX_DAYS = 365
VS = "victim_services"
MEMBER, SUPERVISOR, ORG_ADMIN = "member", "supervisor", "org_admin"

# Law-enforcement and prosecution organizations a consent may name, by template key.
POLICE_BY_REGION = ("pd1", "pd2", "pd3", "sheriff")
DA_BY_REGION = ("da1", "da2", "da1", "da2")
# The persona agencies that must see shared clients in every demo.
SHOWCASE = (("pd1", 6, "investigator_local"), ("sbi", 4, "investigator_state"))


# Services in the first three months, and later.
FIRST_SERVICES: tuple[tuple[str, float], ...] = (
    ("crisis_intervention", 10), ("case_management", 14), ("emergency_shelter", 8),
    ("basic_necessities", 10), ("safety_planning", 8), ("medical", 6), ("transportation", 8),
    ("mental_health", 4), ("identity_documents", 3), ("information_referral", 3),
)
LATER_SERVICES: tuple[tuple[str, float], ...] = (
    ("case_management", 20), ("mental_health", 9), ("transitional_housing", 6), ("employment", 5),
    ("education", 4), ("life_skills", 4), ("public_benefits", 4), ("transportation", 6),
    ("basic_necessities", 5), ("medical", 3), ("dental", 2), ("peer_mentoring", 3),
    ("long_term_housing", 2), ("child_care", 1), ("information_referral", 3),
    ("criminal_justice_advocacy", 3), ("civil_legal", 1),
)


# --- The plan's records --------------------------------------------------------------------------


@dataclass(frozen=True)
class ScreeningPlan:
    organization: str
    screened_on: dt.date
    language: str
    answers: dict[str, Any]
    screened_by: str | None
    reference: str = ""


@dataclass(frozen=True)
class NeedsPlan:
    assessed_on: dt.date
    needs: tuple[dict[str, str], ...]
    assessed_by: str


@dataclass(frozen=True)
class GoalPlan:
    text: str
    priority: int
    status: str
    target_date: dt.date | None


@dataclass(frozen=True)
class PlannedServicePlan:
    category: str
    provider: str | None
    frequency: str
    goal: int | None  # index into the plan's goals


@dataclass(frozen=True)
class ReviewPlan:
    reviewed_on: dt.date
    summary: str
    next_review_on: dt.date | None
    reviewed_by: str


@dataclass(frozen=True)
class ServicePlanPlan:
    started_on: dt.date
    closed_on: dt.date | None
    created_by: str
    goals: tuple[GoalPlan, ...]
    planned: tuple[PlannedServicePlan, ...]
    reviews: tuple[ReviewPlan, ...]


@dataclass(frozen=True)
class DeliveryPlan:
    category: str
    delivered_on: dt.date
    provider: str
    staff: str | None
    units: Decimal
    unit: str
    cost: Decimal | None
    outcome: str
    goal: tuple[int, int] | None  # (plan index, goal index)
    created_by: str


@dataclass(frozen=True)
class NotePlan:
    note_type: str
    text: str
    sensitive: bool
    written_by: str
    written_at: dt.datetime


@dataclass(frozen=True)
class EventPlan:
    event_type: str
    occurred_on: dt.date | None
    date_precision: str
    country: str
    state: str
    city: str
    place: str
    description: str
    created_by: str


@dataclass(frozen=True)
class SharePlan:
    recipient: str
    field_groups: tuple[str, ...]
    purpose: str
    expires_on: dt.date
    created_on: dt.date  # history only; a share in force is made today by share_client
    readers: tuple[str, ...] = ()
    revoked: bool = False  # in force: withdrawn today with revoke_share


@dataclass(frozen=True)
class ConsentPlan:
    state: str  # "active" (in force today), "expired" or "revoked"
    recipients: tuple[str, ...]
    field_groups: tuple[str, ...]
    purposes: tuple[str, ...]
    signed_on: dt.date
    expires_on: dt.date
    signature_method: str
    language: str
    interpreter: str = ""
    guardian_name: str = ""
    guardian_relationship: str = ""
    minor_consents_alone_basis: str = ""
    revoked_on: dt.date | None = None
    revocation_note: str = ""
    recorded_by: str = ""
    shares: tuple[SharePlan, ...] = ()


@dataclass(frozen=True)
class CompelledPlan:
    legal_basis: str
    citation: str
    field_groups: tuple[str, ...]
    recipient: str
    description: str
    disclosed_on: dt.date
    recorded_by: str
    notified_by: str | None  # the advocate who closed the notify task, or None: still open
    outcome: str = ""


@dataclass(frozen=True)
class ClientPlan:
    organization: str
    values: dict[str, Any]  # create_client's fields
    advocates: tuple[str, ...]
    closed_on: dt.date | None  # when the case closed (not a field: it bounds the records)
    screening: ScreeningPlan | None = None
    needs: tuple[NeedsPlan, ...] = ()
    plans: tuple[ServicePlanPlan, ...] = ()
    deliveries: tuple[DeliveryPlan, ...] = ()
    notes: tuple[NotePlan, ...] = ()
    events: tuple[EventPlan, ...] = ()
    consents: tuple[ConsentPlan, ...] = ()
    compelled: CompelledPlan | None = None


@dataclass(frozen=True)
class CaseloadPlan:
    task_force: str
    today: dt.date
    since: dt.date  # the first day of the first of the three fiscal years
    clients: tuple[ClientPlan, ...]
    unlinked_screenings: tuple[ScreeningPlan, ...]


# --- Helpers -------------------------------------------------------------------------------------


def _pick(rng: random.Random, pairs: Sequence[tuple[T, float]]) -> T:
    """One value, drawn by weight (one draw from the generator, whatever the number of pairs)."""
    left = rng.random() * sum(w for _, w in pairs)
    for value, weight in pairs:
        left -= weight
        if left < 0:
            return value
    return pairs[-1][0]


def _pick_some(rng: random.Random, pairs: Sequence[tuple[T, float]], k: int) -> list[T]:
    """k distinct values, drawn by weight."""
    left = list(pairs)
    chosen: list[T] = []
    while left and len(chosen) < k:
        value = _pick(rng, left)
        chosen.append(value)
        left = [p for p in left if p[0] != value]
    return chosen


def _between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    if last <= first:
        return first
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def _yes(rng: random.Random, p: float, unsure: float = 0.08) -> str:
    r = rng.random()
    return "yes" if r < p else "unsure" if r < p + unsure else "no"


def _no(rng: random.Random, p: float, unsure: float = 0.08) -> str:
    r = rng.random()
    return "no" if r < p else "unsure" if r < p + unsure else "yes"


def age_on(date_of_birth: dt.date | None, estimated_age: int | None, day: dt.date) -> int | None:
    """As Client.age_on."""
    if date_of_birth is None:
        return estimated_age
    years = day.year - date_of_birth.year
    if (day.month, day.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


def is_minor_on(values: dict[str, Any], day: dt.date) -> bool:
    """As Client.is_minor_on, from create_client's values."""
    age = age_on(values.get("date_of_birth"), values.get("estimated_age"), day)
    return age < 18 if age is not None else bool(values.get("minor_at_intake"))


def fiscal_years_start(today: dt.date, years: int = 3) -> dt.date:
    """October 1 of the first of the last ``years`` federal fiscal years (the current one last)."""
    start_year = today.year if today.month >= 10 else today.year - 1
    return dt.date(start_year - (years - 1), 10, 1)


def state_profile(tf_plan: TaskForcePlan) -> StateProfile:
    for state in (STATEWIDE_STATE, *NATIONAL_STATES):
        if (state.code,) == tf_plan.states:
            return state
    raise LookupError(tf_plan.states)


# --- The planner ---------------------------------------------------------------------------------


@dataclass
class _Profile:
    """What the planner decided about one client, beyond create_client's values."""

    org: str
    kind: str  # trafficking type
    age: int
    foreign: bool
    origin: words.Origin | None
    spanish: bool
    industry: tuple[str, int, tuple[str, ...]] | None
    region: RegionProfile
    languages: tuple[str, ...]
    feminine: bool
    first_name: str
    last_name: str
    intake: dt.date
    closed_on: dt.date | None
    advocates: tuple[str, ...]
    needs: list[str] = field(default_factory=list)


def _evaluation_purpose(p: _Profile, signed: dt.date) -> set[str]:
    """About 45% of survivors also agree to program evaluation (the evaluation extract's people).

    Decided from the profile, not the planner's random stream, so adding it changed nothing else.
    """
    key = f"{p.first_name}|{p.last_name}|{p.intake.isoformat()}|{signed.isoformat()}".encode()
    return {"evaluation"} if zlib.crc32(key) % 100 < 45 else set()


class _CaseloadPlanner:
    def __init__(
        self,
        tf_plan: TaskForcePlan,
        *,
        scale: str,
        seed: int,
        today: dt.date,
        consent_max_days: int,
    ) -> None:
        self.tf = tf_plan
        self.scale = scale
        self.today = today
        self.yesterday = today - dt.timedelta(days=1)
        self.since = fiscal_years_start(today)
        self.max_days = consent_max_days
        self.rng = random.Random(f"ally-demo-caseload:{scale}:{seed}:{tf_plan.slug}")
        self.state = state_profile(tf_plan)
        self.regions = {r.name: r for r in self.state.regions}
        self.zone_name = tf_plan.time_zone
        self.orgs = {o.key: o for o in tf_plan.organizations}
        self.accounts = {a.key: a for a in tf_plan.accounts}
        self.members: dict[str, list[tuple[DemoAccount, str]]] = {k: [] for k in self.orgs}
        for account in tf_plan.accounts:
            for org_key, role in account.memberships:
                self.members[org_key].append((account, role))
        self.providers = [o.key for o in tf_plan.organizations if o.discipline == VS]
        self.used_phones: set[str] = {a.phone.split(" ext.")[0] for a in tf_plan.accounts}
        self.used_phones |= {o.phone for o in tf_plan.organizations}
        self.used_names: set[str] = set()

    # --- people of the task force ---

    def _staff(self, org: str) -> list[str]:
        """Who carries a caseload in an organization: its members, else anyone in it."""
        members = [a.key for a, role in self.members[org] if role == MEMBER]
        return members or [a.key for a, _ in self.members[org]]

    def _supervisor(self, org: str) -> str:
        """The person who supervises casework: the VSP-supervisor persona where she works."""
        members = self.members[org]
        for account, role in members:
            if account.persona == "vsp_supervisor" and role == SUPERVISOR:
                return account.key
        for wanted in (SUPERVISOR, ORG_ADMIN):
            for account, role in members:
                if role == wanted:
                    return account.key
        return self._staff(org)[0]

    def _advocates(self, org: str, spanish: bool) -> tuple[str, ...]:
        staff = self._staff(org)
        weights = []
        for key in staff:
            title = self.accounts[key].title
            weight = 3.0 if ("Advocate" in title or "Case Manager" in title) else 1.0
            if "Bilingual" in title:
                weight = 12.0 if spanish else 1.0
            weights.append(weight)
        first = self.rng.choices(staff, weights=weights)[0]
        others = [k for k in staff if k != first]
        if others and self.rng.random() < 0.2:
            return (first, self.rng.choice(others))
        return (first,)

    # --- one client ---

    def _kind(self, org: str) -> str:
        weights = {
            "youth_shelter": (("sex", 72), ("labor", 12), ("both", 6), ("unknown", 10)),
            "legal_aid": (("sex", 23), ("labor", 55), ("both", 12), ("unknown", 10)),
            "tribal_vsp": (("sex", 66), ("labor", 14), ("both", 8), ("unknown", 12)),
        }.get(org, (("sex", 47), ("labor", 35), ("both", 10), ("unknown", 8)))
        return _pick(self.rng, weights)

    def _is_minor(self, org: str, kind: str) -> bool:
        if org == "youth_shelter":
            return self.rng.random() < 0.85
        if org == "legal_aid":
            return self.rng.random() < 0.04
        return self.rng.random() < {"sex": 0.19, "labor": 0.07, "both": 0.12}.get(kind, 0.15)

    def _is_foreign(self, org: str, kind: str) -> bool:
        p = {"labor": 0.7, "both": 0.4, "sex": 0.1, "unknown": 0.2}[kind]
        if org == "legal_aid":
            p = 0.8
        elif org == "youth_shelter":
            p *= 0.5
        elif org == "tribal_vsp":
            p *= 0.1
        return self.rng.random() < p

    def _age(self, kind: str, minor: bool) -> int:
        if minor:
            return _pick(self.rng, ((12, 1), (13, 2), (14, 3), (15, 5), (16, 7), (17, 8)))
        if kind == "sex":
            return _pick(self.rng, ((self.rng.randint(18, 24), 50), (self.rng.randint(25, 34), 35),
                                    (self.rng.randint(35, 55), 15)))  # fmt: skip
        return _pick(self.rng, ((self.rng.randint(18, 29), 40), (self.rng.randint(30, 44), 40),
                                (self.rng.randint(45, 64), 20)))  # fmt: skip

    def _gender(self, kind: str) -> str:
        pairs: tuple[tuple[str, float], ...]
        if kind == "labor":
            pairs = (("Masculine", 58), ("Feminine", 39), ("TransgenderFeminine", 1),
                     ("NonSpecifiedUnknown", 2))  # fmt: skip
        elif kind == "unknown":
            pairs = (("Feminine", 62), ("Masculine", 30), ("TransgenderFeminine", 2),
                     ("NonConforming", 2), ("NonSpecifiedUnknown", 4))  # fmt: skip
        else:
            pairs = (("Feminine", 80), ("Masculine", 11), ("TransgenderFeminine", 4),
                     ("TransgenderMasculine", 1), ("NonConforming", 2),
                     ("NonSpecifiedUnknown", 2))  # fmt: skip
        return _pick(self.rng, pairs)

    def _name(self, pool_key: str, gender: str) -> tuple[str, str]:
        pool = words.NAME_POOLS[pool_key]
        if gender in ("Feminine", "TransgenderFeminine"):
            wanted = words.FEMININE | words.NEUTRAL
        elif gender in ("Masculine", "TransgenderMasculine"):
            wanted = words.MASCULINE | words.NEUTRAL
        else:
            wanted = words.FEMININE | words.MASCULINE | words.NEUTRAL
        firsts = [n for n in pool.first if n in wanted] or list(pool.first)
        for _ in range(20):
            first, last = self.rng.choice(firsts), self.rng.choice(pool.last)
            if f"{first} {last}" not in self.used_names:
                break
        self.used_names.add(f"{first} {last}")
        return first, last

    def _phone(self, region: RegionProfile) -> str:
        codes = [region.area_code, *words.OTHER_AREA_CODES]
        for _ in range(30):
            code = region.area_code if self.rng.random() < 0.6 else self.rng.choice(codes)
            phone = f"({code}) 555-01{self.rng.randrange(100):02d}"
            if phone not in self.used_phones:
                self.used_phones.add(phone)
                return phone
        return ""  # every fictional number of these area codes is taken: no phone on file

    def _intake(self) -> dt.date:
        """Over the three fiscal years up to today, a little more often recently."""
        span = (self.today - self.since).days
        # Density rising from 1 to 1.6 across the span, sampled by its inverse distribution.
        u, a = self.rng.random(), 0.6
        t = (-1 + (1 + a * (2 + a) * u) ** 0.5) / a
        return self.since + dt.timedelta(days=min(span, int(t * (span + 1))))

    def _client(self, org: str) -> ClientPlan:
        rng = self.rng
        kind = self._kind(org)
        minor = self._is_minor(org, kind)
        foreign = self._is_foreign(org, kind)
        origin = None
        if foreign or rng.random() < 0.04:  # a few lawful permanent residents
            origin = _pick(rng, [(o, float(o.weight)) for o in words.ORIGINS])
        citizenship = (
            "foreign_national" if foreign
            else "lawful_permanent_resident" if origin is not None
            else _pick(rng, (("us_citizen", 93), ("unknown", 7)))
        )  # fmt: skip
        if citizenship == "unknown" and origin is None and rng.random() < 0.5:
            origin = _pick(rng, [(o, float(o.weight)) for o in words.ORIGINS])
        gender = self._gender(kind)
        if origin is not None:
            pool_key = origin.pool
            languages = list(_pick(rng, [(langs, float(w)) for langs, w in origin.languages]))
            if "English" not in languages and rng.random() < 0.2:
                languages.append("English")
        else:
            pools = words.US_POOLS
            if org == "tribal_vsp":
                pools = (("native", 70), ("us", 20), ("black_american", 5), ("hispanic", 5))
            pool_key = _pick(rng, pools)
            languages = ["English"]
            if pool_key == "hispanic" and rng.random() < 0.45:
                languages.append("Spanish")
            elif pool_key == "hmong" and rng.random() < 0.5:
                languages.append("Hmong")
            elif pool_key == "east_african":
                languages.append("Somali")
        first, last = self._name(pool_key, gender)
        spanish = "Spanish" in languages
        served = self.orgs[org].regions_served
        region = self.regions[rng.choice(served)] if served else self.state.regions[0]
        city, zip_code = rng.choice(region.cities)
        intake = self._intake()
        birth_day = dt.date(intake.year - self._age(kind, minor), intake.month, min(intake.day, 28))
        birth = birth_day - dt.timedelta(days=rng.randint(0, 360))
        age = age_on(birth, None, intake) or 0
        minor = age < 18
        known_birth = rng.random() < (0.7 if foreign else 0.85)
        industry = None
        if kind in ("labor", "both"):
            industry = _pick(rng, [(i, float(i[1])) for i in words.LABOR_INDUSTRIES])
            if kind == "both" and rng.random() < 0.6:
                wanted = rng.choice(
                    ("I_AccommodationAndFoodServiceActivities", "S_OtherServiceActivities"))
                industry = next(i for i in words.LABOR_INDUSTRIES if i[0] == wanted)
        elapsed = (self.today - intake).days
        closed_on = None
        status = "Active"
        if rng.random() < min(0.7, elapsed / 900):
            closed_on = _between(rng, intake + dt.timedelta(days=min(60, elapsed)), self.yesterday)
            status = _pick(rng, (("Closed", 75), ("ClosedReferred", 25)))
        elif elapsed > 120 and rng.random() < 0.12:
            status = "FollowUp"
        age_trafficked = None
        if rng.random() < 0.7:
            if kind in ("sex", "both") and rng.random() < 0.35:
                age_trafficked = min(age, rng.randint(13, 17))
            else:
                age_trafficked = max(12, age - rng.randint(0, 3))
        trafficking_status = _pick(rng, (
            ("PossibleVictimOfTrafficking", 45), ("ActualVictimOfTrafficking", 40),
            ("NotAVictimOfTrafficking", 4), ("", 11)))  # fmt: skip
        determined_by, determined_on = "", None
        if trafficking_status in ("ActualVictimOfTrafficking", "NotAVictimOfTrafficking"):
            determined_by = _pick(rng, (("NGO", 50), ("Police", 20), ("CourtOrProsecution", 15),
                                        ("NonPoliceGovernmentalOrganization", 10), ("Other", 5)))  # fmt: skip
            determined_on = _between(rng, intake, min(self.today, intake + dt.timedelta(days=180)))
        controls: list[str] = []
        exploitation: list[str] = []
        if kind in ("sex", "both"):
            controls += _pick_some(rng, words.SEX_CONTROL, rng.randint(1, 4))
            exploitation.append("SexualExploitation")
        if kind in ("labor", "both"):
            extra = _pick_some(rng, words.LABOR_CONTROL, rng.randint(2, 5))
            controls += [c for c in extra if c not in controls]
            assert industry is not None
            if industry[0] == "T_ActivitiesOfHouseholdsAsEmployers" and rng.random() < 0.6:
                exploitation.append("Servitude")
            else:
                exploitation.append("ForcedLabour")
            if minor:
                exploitation.append("ChildLabour")
        if kind == "unknown" and rng.random() < 0.5:
            controls += _pick_some(rng, words.SEX_CONTROL, rng.randint(1, 2))
            exploitation.append(_pick(rng, (("Other", 5), ("ForcedBegging", 2), ("ForcedMarriage", 2))))
        legal_needs: list[str] = []
        if citizenship in ("foreign_national", "unknown") and origin is not None:
            legal_needs += _pick_some(rng, (("t_visa", 50), ("continued_presence", 15),
                                            ("certification_letter", 20), ("u_visa", 10),
                                            ("other", 5)), rng.randint(1, 2))  # fmt: skip
        if kind in ("sex", "both") and not minor and rng.random() < 0.25:
            legal_needs.append("vacatur_record_relief")
        referral = _pick(rng, (
            ("hotline", 15), ("law_enforcement", 25), ("self", 8), ("community", 12), ("health", 8),
            ("school", 8 if minor else 1), ("child_welfare", 25 if minor else 1),
            ("other_provider", 15), ("other", 3)))  # fmt: skip
        values: dict[str, Any] = {
            "legal_name": f"{first} {last}",
            "preferred_name": rng.choice(words.NAME_POOLS[pool_key].first) if rng.random() < 0.12 else "",
            "aliases": [rng.choice(words.NAME_POOLS["us"].first)] if rng.random() < 0.1 else [],
            "date_of_birth": birth if known_birth else None,
            "estimated_age": None if known_birth else age,
            "phone": self._phone(region) if rng.random() < 0.55 else "",
            "email": "",
            "street": "",
            "city": city,
            "state": self.state.code,
            "zip_code": zip_code,
            "safe_contact_instructions": rng.choice(words.SAFE_CONTACT) if rng.random() < 0.4 else "",
            "gender": gender,
            "citizenship_status": citizenship,
            "country_of_origin": (
                origin.country if origin is not None
                else "United States" if citizenship == "us_citizen" else ""
            ),
            "languages": languages,
            "disabilities": list(_pick(rng, (([], 30), (["none"], 45), (["mental_health"], 14),
                                        (["cognitive"], 4), (["physical"], 3), (["sensory"], 2),
                                        (["mental_health", "physical"], 2)))),  # fmt: skip
            "minor_at_intake": minor,
            "age_when_trafficked": age_trafficked,
            "trafficking_type": kind,
            "trafficking_status": trafficking_status,
            "status_determined_by": determined_by,
            "status_determined_on": determined_on,
            "methods_of_control": controls,
            "exploitation_types": exploitation,
            "labor_industry": industry[0] if industry is not None else "",
            "recruitment": "",
            "legal_needs": legal_needs,
            "case_status": status,
            "intake_date": intake,
            "referral_source": referral,
        }
        if rng.random() < 0.2:
            domain = rng.choice(("example.com", "example.net", "example.org"))
            values["email"] = f"{_ascii_label(first)[:1]}{_ascii_label(last)}{rng.randint(10, 99)}@{domain}"
        if rng.random() < 0.35:
            values["street"] = f"{rng.randrange(100, 9000)} {rng.choice(names.STREETS)}"
        if rng.random() < 0.6 and kind != "unknown":
            values["recruitment"] = rng.choice(
                words.RECRUITMENT_SEX if kind == "sex" else words.RECRUITMENT_LABOR)
        profile = _Profile(
            org=org, kind=kind, age=age, foreign=origin is not None and citizenship != "us_citizen",
            origin=origin, spanish=spanish, industry=industry, region=region,
            languages=tuple(languages), feminine=gender in ("Feminine", "TransgenderFeminine"),
            first_name=first,
            last_name=last, intake=intake, closed_on=closed_on,
            advocates=self._advocates(org, spanish),
        )  # fmt: skip
        fresh = intake > self.yesterday  # taken in today: nothing recorded about them yet
        screening = self._screening(profile, values) if rng.random() < 0.85 and not fresh else None
        needs = self._needs(profile)
        plans = self._plans(profile)
        return ClientPlan(
            organization=org,
            values=values,
            advocates=profile.advocates,
            closed_on=closed_on,
            screening=screening,
            needs=needs,
            plans=plans,
            deliveries=self._deliveries(profile, plans),
            notes=self._notes(profile),
            events=self._events(profile, values) if rng.random() < 0.65 and not fresh else (),
            consents=self._consents(profile, values),
        )

    # --- screening ---

    def _screening(self, p: _Profile, values: dict[str, Any]) -> ScreeningPlan | None:
        last = min(self.yesterday, p.intake + dt.timedelta(days=7))
        first = max(self.since, p.intake - dt.timedelta(days=5))
        if last < first:
            return None
        day = _between(self.rng, first, last)
        age = age_on(values["date_of_birth"], values["estimated_age"], day)
        return ScreeningPlan(
            organization=p.org,
            screened_on=day,
            language="es" if p.spanish and self.rng.random() < 0.8 else "en",
            answers=screening_answers(self.rng, p.kind, age=age, born_abroad=p.origin is not None,
                                      trafficked_at=values["age_when_trafficked"]),
            screened_by=p.advocates[0],
        )

    def _unlinked_screenings(self, count: int) -> tuple[ScreeningPlan, ...]:
        rng = self.rng
        screenings = []
        weights = [(k, float(PROVIDER_WEIGHTS.get(k, 10))) for k in self.providers]
        inspectors = [k for k in ("labor", "dol_whd") if k in self.orgs]
        for n in range(count):
            inspection = bool(inspectors) and n % 8 == 7
            org = rng.choice(inspectors) if inspection else _pick(rng, weights)
            day = _between(rng, self.since, self.yesterday)
            kind = _pick(rng, (("labor", 60), ("unknown", 40))) if inspection else _pick(
                rng, (("sex", 35), ("labor", 25), ("both", 5), ("unknown", 35)))
            label = rng.choice(words.INSPECTION_REFERENCES if inspection else words.CRISIS_REFERENCES)
            screenings.append(ScreeningPlan(
                organization=org,
                screened_on=day,
                language="es" if rng.random() < 0.25 else "en",
                answers=screening_answers(rng, kind, age=rng.randint(15, 50),
                                          born_abroad=rng.random() < 0.4, trafficked_at=None),
                screened_by=rng.choice(self._staff(org)),
                reference=f"{label}, {day:%d %b %Y}",
            ))  # fmt: skip
        return tuple(screenings)

    # --- care record ---

    def _need_domains(self, p: _Profile) -> list[str]:
        rng = self.rng
        pairs: list[tuple[str, float]] = [
            ("safety", 8), ("housing", 8), ("mental_health", 6), ("health", 5), ("income", 4),
            ("transportation", 3), ("documents", 2), ("legal", 3), ("employment", 3), ("other", 1),
        ]
        if p.foreign:
            pairs += [("immigration", 12), ("documents", 4)]
        if p.age < 18:
            pairs += [("education", 8), ("family", 6)]
        else:
            pairs += [("education", 2), ("family", 2)]
        merged: dict[str, float] = {}
        for domain, weight in pairs:
            merged[domain] = merged.get(domain, 0) + weight
        return _pick_some(rng, list(merged.items()), rng.randint(3, 7))

    def _needs(self, p: _Profile) -> tuple[NeedsPlan, ...]:
        rng = self.rng
        first_day = p.intake + dt.timedelta(days=rng.randint(0, 10))
        if first_day > self.yesterday:
            return ()
        p.needs = self._need_domains(p)
        levels = (("urgent", 3), ("high", 4), ("medium", 3), ("low", 1))

        def rated(better: int) -> tuple[dict[str, str], ...]:
            order = ["urgent", "high", "medium", "low", "met"]
            rows = []
            for domain in p.needs:
                level = _pick(rng, levels)
                level = order[min(4, order.index(level) + better)]
                note = rng.choice(words.NEED_NOTES[domain]) if rng.random() < 0.5 else ""
                rows.append({"domain": domain, "level": level, "note": note})
            return tuple(rows)

        assessments = [NeedsPlan(first_day, rated(0), p.advocates[0])]
        end = p.closed_on or self.yesterday
        if (end - first_day).days > 120 and rng.random() < 0.45:
            later = _between(rng, first_day + dt.timedelta(days=90), end)
            assessments.append(NeedsPlan(later, rated(rng.randint(1, 3)), rng.choice(p.advocates)))
        return tuple(assessments)

    def _goals(self, p: _Profile, closed: bool, started: dt.date) -> tuple[GoalPlan, ...]:
        rng = self.rng
        count = _pick(rng, ((1, 20), (2, 35), (3, 30), (4, 15)))
        pool = words.GOALS_ES if p.spanish and rng.random() < 0.7 else words.GOALS_EN
        if not p.feminine:
            pool = tuple(g for g in pool if g not in words.GOALS_ES_FEMININE)
        texts = rng.sample(pool, count)
        elapsed = (self.today - started).days
        statuses = []
        for _ in texts:
            if closed:
                statuses.append(_pick(rng, (("achieved", 60), ("dropped", 15), ("open", 25))))
            else:
                achieved = min(0.5, elapsed / 700)
                statuses.append(_pick(rng, (("achieved", achieved), ("dropped", 0.05),
                                            ("changed", 0.03), ("open", 1 - achieved - 0.08))))  # fmt: skip
        # Ranks as first set (1..n); open goals then renumbered 1..m in that order, the others
        # keep the rank they had (update_goal's rule).
        goals = []
        open_rank = 0
        for rank, (text, status) in enumerate(zip(texts, statuses, strict=True), start=1):
            if status == "open":
                open_rank += 1
            target = None
            if rng.random() < 0.5:
                target = started + dt.timedelta(days=rng.randint(60, 365))
            goals.append(GoalPlan(text, open_rank if status == "open" else rank, status, target))
        return tuple(goals)

    def _planned(self, p: _Profile, goals: tuple[GoalPlan, ...]) -> tuple[PlannedServicePlan, ...]:
        rng = self.rng
        planned = []
        frequencies = words.FREQUENCIES_ES if p.spanish and rng.random() < 0.5 else words.FREQUENCIES_EN
        for index in range(len(goals)):
            for _ in range(_pick(rng, ((0, 25), (1, 60), (2, 15)))):
                category = self._category(p, late=rng.random() < 0.6)
                planned.append(PlannedServicePlan(
                    category, self._planned_provider(p, category), rng.choice(frequencies), index))  # fmt: skip
        if not planned or rng.random() < 0.3:
            category = _pick(rng, (("case_management", 5), ("safety_planning", 2),
                                   ("mental_health", 2)))  # fmt: skip
            planned.append(PlannedServicePlan(category, p.org, rng.choice(frequencies), None))
        return tuple(planned[:4])

    def _planned_provider(self, p: _Profile, category: str) -> str | None:
        rng = self.rng
        if rng.random() < 0.1:
            return None  # not decided yet
        other = {
            "immigration_legal": "legal_aid", "civil_legal": "legal_aid",
            "criminal_legal_vacatur": "legal_aid", "medical": "health", "dental": "health",
            "emergency_shelter": "youth_shelter" if p.age < 18 else "",
        }.get(category, "")
        if other and other in self.orgs and other != p.org and rng.random() < 0.7:
            return other
        return p.org

    def _reviews(self, p: _Profile, started: dt.date, end: dt.date) -> tuple[ReviewPlan, ...]:
        rng = self.rng
        reviews: list[ReviewPlan] = []
        day = started + dt.timedelta(days=rng.randint(70, 110))
        while day <= end and len(reviews) < 3:
            if rng.random() < 0.75:
                reviews.append(ReviewPlan(day, rng.choice(words.REVIEW_SUMMARIES),
                                          day + dt.timedelta(days=90), rng.choice(p.advocates)))  # fmt: skip
            day += dt.timedelta(days=rng.randint(75, 110))
        return tuple(reviews)

    def _plans(self, p: _Profile) -> tuple[ServicePlanPlan, ...]:
        rng = self.rng
        if rng.random() < 0.1:
            return ()
        started = p.intake + dt.timedelta(days=rng.randint(2, 21))
        if started > self.yesterday:
            return ()
        plans = []
        end = p.closed_on
        # Some long cases closed a first plan and started a new one.
        if end is None and (self.yesterday - started).days > 300 and rng.random() < 0.15:
            closed = started + dt.timedelta(days=rng.randint(120, 240))
            goals = self._goals(p, True, started)
            plans.append(ServicePlanPlan(started, closed, p.advocates[0], goals,
                                         self._planned(p, goals), self._reviews(p, started, closed)))  # fmt: skip
            started = closed
        if end is not None and end < started:
            end = started
        goals = self._goals(p, end is not None, started)
        plans.append(ServicePlanPlan(
            started, end, p.advocates[0], goals, self._planned(p, goals),
            self._reviews(p, started, end or self.yesterday)))  # fmt: skip
        return tuple(plans)

    def _category(self, p: _Profile, *, late: bool) -> str:
        pairs = list(LATER_SERVICES if late else FIRST_SERVICES)
        if p.foreign:
            pairs += [("immigration_legal", 10 if late else 4), ("interpretation", 4)]
            if late:
                pairs.append(("family_reunification", 1))
        if "English" not in p.languages:
            pairs.append(("interpretation", 6))
        if p.kind in ("sex", "both") and p.age >= 18 and late:
            pairs.append(("criminal_legal_vacatur", 2))
        if p.age < 18:
            pairs += [("education", 6)]
        return _pick(self.rng, pairs)

    def _deliveries(self, p: _Profile, plans: tuple[ServicePlanPlan, ...]) -> tuple[DeliveryPlan, ...]:
        rng = self.rng
        end = min(p.closed_on or self.yesterday, self.yesterday)
        day = p.intake
        rows: list[DeliveryPlan] = []
        while day <= end and len(rows) < 30:
            late = (day - p.intake).days > 90
            category = self._category(p, late=late)
            provider = p.org
            if category in ("immigration_legal", "civil_legal") and "legal_aid" in self.orgs and rng.random() < 0.6:
                provider = "legal_aid"
            elif category in ("medical", "dental") and "health" in self.orgs and rng.random() < 0.3:
                provider = "health"
            if provider == p.org:
                staff: str | None = rng.choice(p.advocates)
            else:
                candidates = self._staff(provider)
                staff = rng.choice(candidates) if candidates and rng.random() < 0.7 else None
            units, unit, cost = _amounts(rng, category)
            goal = None
            live = [(i, plan) for i, plan in enumerate(plans) if plan.started_on <= day]
            if live and rng.random() < 0.25:
                i, plan = live[-1]
                if plan.goals:
                    goal = (i, rng.randrange(len(plan.goals)))
            outcome = ""
            if category in words.OUTCOMES and rng.random() < 0.35:
                outcome = rng.choice(words.OUTCOMES[category])
            rows.append(DeliveryPlan(category, day, provider, staff, units, unit, cost, outcome,
                                     goal, p.advocates[0]))  # fmt: skip
            day += dt.timedelta(days=rng.randint(6, 16) if not late else rng.randint(18, 50))
        return tuple(rows)

    def _at(self, day: dt.date) -> dt.datetime:
        minutes = self.rng.randint(8 * 60 + 30, 17 * 60 + 45)
        return dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60), tzinfo=ZoneInfo(self.zone_name))

    def _notes(self, p: _Profile) -> tuple[NotePlan, ...]:
        rng = self.rng
        end = min(p.closed_on or self.yesterday, self.yesterday)
        if end < p.intake:
            return ()
        months = max(1, (end - p.intake).days // 30)
        count = min(8, 2 + rng.randint(0, months // 2))
        days = sorted(_between(rng, p.intake, end) for _ in range(count))
        notes = []
        for day in days:
            if rng.random() < 0.12:
                note_type = _pick(rng, (("safety", 3), ("contact", 2), ("other", 1)))
                notes.append(NotePlan(note_type, rng.choice(words.SENSITIVE_NOTES), True,
                                      rng.choice(p.advocates), self._at(day)))  # fmt: skip
                continue
            note_type = _pick(rng, (("contact", 40), ("service", 20), ("safety", 12), ("legal", 10),
                                    ("supervision", 6), ("other", 4)))  # fmt: skip
            if note_type == "legal" and not p.foreign and p.kind == "labor":
                note_type = "contact"
            author = self._supervisor(p.org) if note_type == "supervision" else rng.choice(p.advocates)
            notes.append(NotePlan(note_type, rng.choice(words.NOTES[note_type]), False, author,
                                  self._at(day)))  # fmt: skip
        return tuple(notes)

    def _events(self, p: _Profile, values: dict[str, Any]) -> tuple[EventPlan, ...]:
        rng = self.rng
        began = p.intake - dt.timedelta(days=rng.randint(30, 900))
        if values["age_when_trafficked"] is not None:
            years = p.age - values["age_when_trafficked"]
            began = p.intake - dt.timedelta(days=365 * years + rng.randint(30, 300))
        began = min(began, self.yesterday)
        author = p.advocates[0]
        local_city = rng.choice(p.region.cities)[0]
        events = []

        def when(day: dt.date) -> tuple[dt.date | None, str]:
            day = min(day, p.intake, self.yesterday)
            precision = _pick(rng, (("day", 30), ("month", 45), ("year", 20), ("", 5)))
            if precision == "":
                return None, "day"
            if precision == "month":
                day = day.replace(day=1)
            elif precision == "year":
                day = day.replace(month=1, day=1)
            return day, precision

        if rng.random() < 0.75:
            occurred, precision = when(began)
            if p.origin is not None:
                place = rng.choice(("Recruiter's office", "Online", "Through family", "Town market"))
                events.append(EventPlan("Recruitment", occurred, precision, p.origin.country, "",
                                        rng.choice(p.origin.cities), place, "", author))  # fmt: skip
            else:
                place = rng.choice(("Online", "School", "Bus station", "A party", "Shopping mall"))
                events.append(EventPlan("Recruitment", occurred, precision, "United States",
                                        self.state.name, local_city, place, "", author))  # fmt: skip
        if p.origin is not None and rng.random() < 0.8:
            crossings = words.BORDER_CROSSINGS if p.origin.arrival == "border" else words.AIRPORTS
            state, city, place = rng.choice(crossings)
            occurred, precision = when(began + dt.timedelta(days=rng.randint(3, 30)))
            events.append(EventPlan("Transit", occurred, precision, "United States", state, city,
                                    place, "", author))  # fmt: skip
        elif p.kind in ("sex", "both") and rng.random() < 0.3:
            state, city, place = rng.choice(words.US_TRANSIT)
            occurred, precision = when(began + dt.timedelta(days=rng.randint(10, 120)))
            events.append(EventPlan("Transit", occurred, precision, "United States", state, city,
                                    place, "Moved between cities", author))  # fmt: skip
        if rng.random() < 0.9:
            if p.industry is not None and (p.kind == "labor" or rng.random() < 0.5):
                place = rng.choice(p.industry[2])
            else:
                place = rng.choice(words.SEX_PLACES)
            occurred, precision = when(began + dt.timedelta(days=rng.randint(7, 60)))
            events.append(EventPlan("Exploitation", occurred, precision, "United States",
                                    self.state.name, local_city, place, "", author))  # fmt: skip
        return tuple(events)

    # --- consent and sharing ---

    def _recipients(self, p: _Profile, scenario: str) -> tuple[list[str], list[str], list[str]]:
        """(recipients, purposes, field groups) for one consent."""
        rng = self.rng
        region_index = next(
            (i for i, r in enumerate(self.state.regions) if r.name == p.region.name), 0)
        orgs = self.orgs
        if scenario == "law_enforcement":
            police = POLICE_BY_REGION[region_index % len(POLICE_BY_REGION)]
            options = [k for k in (police, "sbi", "fbi", "hsi" if p.foreign else "fbi") if k in orgs]
            if p.org == "tribal_vsp" and "tribal_pd" in orgs:
                options.insert(0, "tribal_pd")
            options = options or [k for k, o in orgs.items() if o.discipline == "law_enforcement"]
            recipients = list(dict.fromkeys(options[:1] + rng.sample(options, min(len(options), rng.randint(0, 1)))))
            purposes = ["law_enforcement_coordination"] + (["prosecution"] if rng.random() < 0.4 else [])
            groups = ["identity", "demographics", "trafficking_details"]
            if rng.random() < 0.25:
                groups.append("contact_location")
            if p.foreign and rng.random() < 0.4:
                groups.append("legal_immigration")
        elif scenario == "prosecution":
            da = DA_BY_REGION[region_index % len(DA_BY_REGION)]
            options = [k for k in (da, "usao", "ag") if k in orgs]
            recipients = [rng.choice(options[:2])] if options else []
            purposes = ["prosecution"] + (["case_review"] if rng.random() < 0.2 else [])
            groups = ["identity", "demographics", "trafficking_details"]
            if rng.random() < 0.3:
                groups.append("services")
        elif scenario == "labor":
            options = [k for k in ("labor", "dol_whd") if k in orgs]
            recipients = [rng.choice(options)] if options else []
            purposes = ["law_enforcement_coordination"]
            groups = ["identity", "trafficking_details"]
        elif scenario == "case_review":
            options = [k for k in ("sbi", "da1", "lead_vsp", "usao") if k in orgs and k != p.org]
            recipients = rng.sample(options, min(2, len(options)))
            purposes = ["case_review"]
            groups = ["demographics", "trafficking_details", "services"]
        else:  # providers
            options = [k for k in self.providers if k != p.org]
            if p.foreign and "legal_aid" in options and p.org != "legal_aid":
                recipients = ["legal_aid"]
            elif p.age < 18 and "youth_shelter" in options:
                recipients = ["youth_shelter"]
            else:
                recipients = rng.sample(options, min(len(options), rng.randint(1, 2))) if options else []
            if "child_welfare" in orgs and p.age < 18 and rng.random() < 0.4:
                recipients.append("child_welfare")
            if "health" in orgs and rng.random() < 0.15:
                recipients.append("health")
            purposes = ["referral_for_services"]
            groups = ["identity", "contact_location", "demographics", "services"]
            if "legal_aid" in recipients:
                groups.append("legal_immigration")
            if rng.random() < 0.1:
                groups.append("notes")
        return recipients, purposes, sorted(set(groups))

    def _consent_dates(self, p: _Profile, state: str) -> tuple[dt.date, dt.date, dt.date | None] | None:
        """(signed, expires, revoked) for a consent of this state, or None if it cannot be."""
        rng = self.rng
        durations = [d for d in (90, 180, 365) if d <= self.max_days] or [self.max_days]
        duration = _pick(rng, [(d, w) for d, w in zip(durations, (2, 3, 5), strict=False)])
        if state == "active":
            # In force today and for at least two more weeks (so a build that runs past midnight
            # still finds it in force).
            first = max(p.intake, self.today + dt.timedelta(days=14 - duration))
            if p.closed_on is not None:
                return None
            signed = _between(rng, first, self.today)
            return signed, signed + dt.timedelta(days=duration), None
        if state == "expired":
            last = self.today - dt.timedelta(days=duration + 1)
            if last < p.intake:
                return None
            signed = _between(rng, p.intake, last)
            return signed, signed + dt.timedelta(days=duration), None
        last = self.today - dt.timedelta(days=10)
        if last < p.intake:
            return None
        signed = _between(rng, p.intake, last)
        expires = signed + dt.timedelta(days=duration)
        revoked = _between(rng, signed + dt.timedelta(days=3), min(expires - dt.timedelta(days=1), self.yesterday))
        return signed, expires, revoked

    def _consent(self, p: _Profile, values: dict[str, Any], state: str, scenario: str,
                 *, readers_from: str = "") -> ConsentPlan | None:
        rng = self.rng
        dates = self._consent_dates(p, state)
        if dates is None:
            return None
        signed, expires, revoked = dates
        recipients, purposes, groups = self._recipients(p, scenario)
        if readers_from:
            recipients = list(dict.fromkeys([readers_from, *recipients]))
        if not recipients:
            return None
        guardian_name = guardian_relationship = basis = ""
        if is_minor_on(values, signed):
            if rng.random() < 0.75:
                relationship, kind = rng.choice(words.GUARDIANS)
                if kind == "county":
                    guardian_name = f"{self.state.regions[0].counties[0]} County Human Services"
                else:
                    pool = words.NAME_POOLS["us" if p.origin is None else p.origin.pool]
                    wanted = words.MASCULINE if kind == "father" else words.FEMININE
                    firsts = [n for n in pool.first if n in wanted] or list(pool.first)
                    last = p.last_name if kind != "foster" else rng.choice(pool.last)
                    guardian_name = f"{rng.choice(firsts)} {last}"
                guardian_relationship = relationship
            else:
                basis = words.MINOR_ALONE_BASIS
        interpreter = ""
        other = [lang for lang in values["languages"] if lang not in ("English", "Spanish")]
        if other and "English" not in values["languages"]:
            interpreter = f"{rng.choice(words.INTERPRETERS)} ({other[0]})"
        shares = []
        for recipient in recipients:
            if state == "active":
                if rng.random() > (1.0 if readers_from == recipient else 0.75):
                    continue
                if rng.random() < 0.6 or readers_from == recipient:
                    share_groups = tuple(groups)
                else:
                    share_groups = tuple(sorted(rng.sample(groups, rng.randint(1, len(groups)))))
                share_expires = expires
                if rng.random() < 0.3:
                    share_expires = _between(rng, self.today + dt.timedelta(days=7), expires)
                readers: tuple[str, ...] = ()
                staff = [a.key for a, _ in self.members.get(recipient, [])]
                if readers_from == recipient:
                    persona = next(k for org, _, k in SHOWCASE if org == recipient)
                    readers = (persona,) if rng.random() < 0.5 else ()
                elif staff and rng.random() < 0.2:
                    readers = (rng.choice(staff),)
                shares.append(SharePlan(
                    recipient, share_groups, rng.choice(purposes), share_expires, self.today,
                    readers, revoked=not readers_from and rng.random() < 0.05))  # fmt: skip
            elif rng.random() < 0.6:
                until = min(expires, self.yesterday)
                if revoked is not None:
                    until = min(until, revoked - dt.timedelta(days=1))
                created = _between(rng, signed, until)
                share_groups = tuple(groups) if rng.random() < 0.6 else tuple(
                    sorted(rng.sample(groups, rng.randint(1, len(groups)))))
                shares.append(SharePlan(recipient, share_groups, rng.choice(purposes),
                                        _between(rng, max(created, expires - dt.timedelta(days=30)), expires),
                                        created))  # fmt: skip
        spanish_form = p.spanish and "English" not in values["languages"]
        return ConsentPlan(
            state=state,
            recipients=tuple(recipients),
            field_groups=tuple(groups),
            purposes=tuple(sorted(set(purposes) | _evaluation_purpose(p, signed))),
            signed_on=signed,
            expires_on=expires,
            signature_method=_pick(rng, (("scanned_form", 55), ("in_person_esignature", 45))),
            language="es" if spanish_form else "en",
            interpreter=interpreter,
            guardian_name=guardian_name,
            guardian_relationship=guardian_relationship,
            minor_consents_alone_basis=basis,
            revoked_on=revoked,
            revocation_note=rng.choice(words.REVOCATION_NOTES) if revoked else "",
            recorded_by=p.advocates[0],
            shares=tuple(shares),
        )

    def _consents(self, p: _Profile, values: dict[str, Any]) -> tuple[ConsentPlan, ...]:
        rng = self.rng
        if rng.random() > 0.55:
            return ()
        count = _pick(rng, ((1, 70), (2, 25), (3, 5)))
        scenarios = (
            (("law_enforcement", 30), ("labor", 12), ("providers", 38), ("prosecution", 10),
             ("case_review", 10)) if p.kind == "labor" else
            (("law_enforcement", 38), ("prosecution", 20), ("providers", 32), ("case_review", 10))
        )  # fmt: skip
        consents = []
        for _ in range(count):
            closed = p.closed_on is not None
            state = _pick(rng, (("active", 20 if closed else 55), ("expired", 55 if closed else 30),
                                ("revoked", 12)))  # fmt: skip
            fallback = "expired" if closed else "active"
            for candidate in dict.fromkeys((state, fallback, "revoked", "expired", "active")):
                consent = self._consent(p, values, candidate, _pick(rng, scenarios))
                if consent is not None:
                    consents.append(consent)
                    break
        return tuple(consents)

    # --- the whole caseload ---

    def plan(self) -> CaseloadPlan:
        total = CLIENTS[self.scale]
        weights = [(k, float(PROVIDER_WEIGHTS.get(k, 10))) for k in self.providers]
        if not weights:
            return CaseloadPlan(self.tf.slug, self.today, self.since, (), ())
        # Whole numbers per provider, in proportion to the weights, adding up to the total.
        whole = sum(w for _, w in weights)
        counts = {k: int(total * w / whole) for k, w in weights}
        for k, _ in weights[: total - sum(counts.values())]:
            counts[k] += 1
        clients = [self._client(org) for org, _ in weights for _ in range(counts[org])]
        clients = self._showcase(clients)
        clients = self._compelled(clients)
        unlinked = self._unlinked_screenings(max(4, total * 6 // 100))
        return CaseloadPlan(self.tf.slug, self.today, self.since, tuple(clients), unlinked)

    def _showcase(self, clients: list[ClientPlan]) -> list[ClientPlan]:
        """Give the investigator personas' agencies clients shared with them under consent in force."""
        lead = self.providers[0] if "lead_vsp" not in self.providers else "lead_vsp"
        taken: set[int] = set()
        for agency, wanted, _persona in SHOWCASE:
            if agency not in self.orgs:
                continue
            found = 0
            for index, client in enumerate(clients):
                if found >= wanted:
                    break
                values = client.values
                if (index in taken or client.organization != lead or client.closed_on is not None
                        or values["minor_at_intake"] or values["trafficking_type"] == "unknown"):
                    continue
                p = _Profile(
                    org=lead, kind=values["trafficking_type"], age=18, foreign=values[
                        "citizenship_status"] == "foreign_national", origin=None,
                    spanish="Spanish" in values["languages"], industry=None,
                    region=self.state.regions[0], languages=tuple(values["languages"]),
                    feminine=values["gender"] in ("Feminine", "TransgenderFeminine"),
                    first_name="", last_name=values["legal_name"],
                    intake=values["intake_date"], closed_on=None, advocates=client.advocates,
                )  # fmt: skip
                consent = self._consent(p, values, "active", "law_enforcement", readers_from=agency)
                if consent is None:
                    continue
                clients[index] = _replace(client, consents=(*client.consents, consent))
                taken.add(index)
                found += 1
        return clients

    def _compelled(self, clients: list[ClientPlan]) -> list[ClientPlan]:
        """A few disclosures the law compelled, with the survivor's notification done or open."""
        lead = "lead_vsp" if "lead_vsp" in self.providers else self.providers[0]
        wanted = 2 if self.scale == "small" else 3
        chosen = [
            i for i, c in enumerate(clients)
            if c.organization == lead and c.closed_on is None
            and (self.today - c.values["intake_date"]).days > 60
        ][:: 7][:wanted]  # fmt: skip
        supervisor = self._supervisor(lead)
        for n, index in enumerate(chosen):
            client = clients[index]
            basis, citation, recipient, description = words.COMPELLED[n % len(words.COMPELLED)]
            if basis == "statute" and not client.values["minor_at_intake"]:
                basis, citation, recipient, description = words.COMPELLED[0]
            groups = ("identity", "services") if basis != "statute" else ("identity", "demographics")
            first = max(client.values["intake_date"], self.today - dt.timedelta(days=45))
            county = self.regions[self.orgs[lead].regions_served[0]].counties[0] if self.orgs[
                lead].regions_served else self.state.regions[0].counties[0]
            compelled = CompelledPlan(
                legal_basis=basis, citation=citation, field_groups=groups,
                recipient=recipient.format(county=county),
                description=description, disclosed_on=_between(self.rng, first, self.yesterday),
                recorded_by=supervisor, notified_by=client.advocates[0] if n == 0 else None,
                outcome=words.NOTIFY_OUTCOMES[n % len(words.NOTIFY_OUTCOMES)] if n == 0 else "",
            )  # fmt: skip
            clients[index] = _replace(client, compelled=compelled)
        return clients


def _replace(client: ClientPlan, **changes: Any) -> ClientPlan:
    from dataclasses import replace

    return replace(client, **changes)


def _amounts(rng: random.Random, category: str) -> tuple[Decimal, str, Decimal | None]:
    """(units, unit, cost) for a service of this category."""

    def q(value: float, step: str = "0.25") -> Decimal:
        return (Decimal(str(value)) / Decimal(step)).quantize(Decimal("1")) * Decimal(step)

    def money(low: int, high: int) -> Decimal:
        return Decimal(rng.randint(low * 100, high * 100)) / 100

    hours = {
        "crisis_intervention": (0.5, 3), "case_management": (0.25, 2), "interpretation": (0.5, 3),
        "immigration_legal": (1, 6), "civil_legal": (1, 4), "criminal_legal_vacatur": (1, 5),
        "criminal_justice_advocacy": (1, 6), "safety_planning": (0.5, 1.5),
        "public_benefits": (0.5, 2), "family_reunification": (1, 3), "child_care": (4, 40),
        "disability_assistance": (1, 2), "information_referral": (0.25, 1),
    }
    if category in hours:
        low, high = hours[category]
        units = max(Decimal("0.25"), q(rng.uniform(low, high)))
        cost = None
        if category == "interpretation":
            cost = (units * Decimal("45.00")).quantize(Decimal("0.01"))
        elif category == "child_care" and rng.random() < 0.6:
            cost = money(40, 300)
        elif category == "family_reunification" and rng.random() < 0.3:
            cost = money(150, 900)
        return units, "hours", cost
    if category == "emergency_shelter":
        nights = rng.randint(1, 14)
        cost = Decimal(nights * 55) if rng.random() < 0.4 else None
        return Decimal(nights), "nights", cost
    if category in ("transitional_housing", "long_term_housing"):
        return Decimal(30), "nights", money(650, 1200)
    if category == "basic_necessities":
        return Decimal(rng.randint(1, 12)), "items", money(15, 250)
    if category == "identity_documents":
        return Decimal(1), "items", money(15, 75)
    if category == "transportation":
        return Decimal(rng.randint(1, 4)), "trips", money(3, 60) if rng.random() < 0.7 else None
    if category in ("medical", "dental"):
        cost = money(80, 600) if category == "dental" else (money(0, 350) if rng.random() < 0.5 else None)
        return Decimal(1), "sessions", cost
    if category == "mental_health":
        return Decimal(1), "sessions", money(90, 150) if rng.random() < 0.4 else None
    if category == "education":
        return Decimal(rng.randint(1, 4)), "sessions", money(0, 120) if rng.random() < 0.3 else None
    return Decimal(rng.randint(1, 2)), "sessions", None


def screening_answers(
    rng: random.Random, kind: str, *, age: int | None, born_abroad: bool, trafficked_at: int | None
) -> dict[str, Any]:
    """Answers to the shipped screening instrument (ally-screening v1) consistent with the kind of
    trafficking: the engine then suggests indicators of that kind. A few answers are skipped, as
    people may; follow-up questions are answered only when they are asked."""
    labor = kind in ("labor", "both")
    sex = kind in ("sex", "both")
    unknown = kind == "unknown"
    s = 0.25 if unknown else 1.0  # how strongly answers point to trafficking
    a: dict[str, Any] = {}
    if labor or unknown or rng.random() < 0.3:
        a["work_as_promised"] = _yes(rng, 0.8 * s if labor else 0.25)
        a["pay_received"] = _pick(rng, (("full", 0.1 / s), ("less", 0.35), ("none", 0.2),
                                        ("someone_else", 0.25), ("unsure", 0.1))) if labor else _pick(
            rng, (("full", 0.3), ("none", 0.3), ("someone_else", 0.3), ("unsure", 0.1)))  # fmt: skip
        a["pay_held_back"] = _yes(rng, 0.4 * s if labor else 0.1)
        a["hours_per_day"] = rng.randint(10, 16) if labor and not unknown else rng.randint(4, 12)
        a["could_quit"] = _no(rng, 0.7 * s if labor else 0.4)
        a["unsafe_work"] = _yes(rng, 0.5 * s if labor else 0.2)
    a["free_time_movement"] = _no(rng, 0.5 * s)
    a["locked_or_watched"] = _yes(rng, 0.4 * s)
    a["documents_held"] = _yes(rng, (0.6 if born_abroad else 0.2) * s)
    if a["documents_held"] == "yes":
        a["documents_returned"] = _no(rng, 0.7)
    a["contact_family"] = _no(rng, 0.35 * s)
    a["someone_speaks_for_you"] = _yes(rng, 0.35 * s)
    a["sleeping_place"] = _pick(rng, (("employer_housing", 45), ("workplace", 20), ("own_home", 20),
                                      ("vehicle_or_outside", 5), ("other", 10))) if labor else _pick(
        rng, (("own_home", 35), ("other", 30), ("workplace", 15), ("vehicle_or_outside", 10),
              ("employer_housing", 10)))  # fmt: skip
    a["people_in_room"] = rng.randint(4, 12) if labor else rng.randint(1, 5)
    a["basic_needs"] = _no(rng, 0.3 * s)
    a["medical_care"] = _no(rng, 0.4 * s)
    a["threatened"] = _yes(rng, (0.7 if sex else 0.6) * s)
    if a["threatened"] == "yes":
        kinds = (("authorities", 4), ("harm", 3), ("family", 3), ("shame", 1), ("other", 1)) if labor and not sex else (
            ("harm", 4), ("family", 2), ("shame", 3), ("children", 1), ("authorities", 1), ("other", 1))
        a["threat_kind"] = _pick_some(rng, kinds, rng.randint(1, 3))
    a["physically_hurt"] = _yes(rng, (0.55 if sex else 0.25) * s)
    a["sexual_harm"] = _yes(rng, (0.6 if sex else 0.1) * s)
    a["afraid_to_leave"] = _yes(rng, 0.65 * s)
    a["situation_used"] = _yes(rng, 0.55 * s)
    a["owes_money"] = _yes(rng, (0.6 if labor else 0.35) * s)
    if a["owes_money"] == "yes":
        a["debt_change"] = _pick(rng, (("up", 35), ("same", 35), ("down", 15), ("unsure", 15)))
        a["debt_keeps_you"] = _yes(rng, 0.6)
    a["recruitment_fee"] = _yes(rng, (0.5 if labor else 0.1) * s)
    a["traded_sex"] = "yes" if sex and rng.random() < 0.95 else _yes(rng, 0.3 if unknown else 0.02)
    if a["traded_sex"] == "yes":
        a["sex_pressured"] = _yes(rng, 0.85 if sex else 0.4)
        first_age = trafficked_at if trafficked_at is not None else age
        if first_age is not None:
            a["sex_age_first"] = first_age
        a["sex_can_stop"] = _no(rng, 0.7 if sex else 0.3)
        a["sex_money_taken"] = _yes(rng, 0.75 if sex else 0.3)
        a["sex_quota"] = _yes(rng, 0.5 if sex else 0.1)
        a["sex_ads_online"] = _yes(rng, 0.6 if sex else 0.2)
        a["sex_moved"] = _yes(rng, 0.45 if sex else 0.1)
        a["sex_partner_introduced"] = _yes(rng, 0.4 if sex else 0.1)
        a["sex_marked"] = _yes(rng, 0.1 if sex else 0.02)
    if age is not None:
        a["age"] = age
    a["born_elsewhere"] = "yes" if born_abroad else "no"
    if born_abroad:
        a["travel_arranged"] = _yes(rng, 0.7 * s if labor else 0.4)
        a["travel_repay"] = _yes(rng, 0.5 * s if labor else 0.2)
    # People skip questions; a skipped question's follow-ups are then not asked.
    parents = {"documents_returned": "documents_held", "threat_kind": "threatened",
               "debt_change": "owes_money", "debt_keeps_you": "owes_money",
               "travel_arranged": "born_elsewhere", "travel_repay": "born_elsewhere"}  # fmt: skip
    for question in list(a):
        if question not in parents and not question.startswith("sex_") and rng.random() < 0.05:
            del a[question]
    return {
        q: v for q, v in a.items()
        if (q not in parents or parents[q] in a) and (not q.startswith("sex_") or "traded_sex" in a)
    }


def plan_caseload(
    tf_plan: TaskForcePlan,
    *,
    scale: str,
    seed: int,
    today: dt.date,
    consent_max_days: int = DEFAULT_CONSENT_MAX_DAYS,
) -> CaseloadPlan:
    """Every survivor record of this demo task force, planned (no database)."""
    return _CaseloadPlanner(
        tf_plan, scale=scale, seed=seed, today=today, consent_max_days=consent_max_days
    ).plan()
