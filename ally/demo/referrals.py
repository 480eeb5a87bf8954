"""The demo's referrals: three fiscal years of them between a demo task force's organizations.

``plan_referrals`` decides every referral and its history from the scale, the seed, the moment
"now" and the consents in the database (no other database reads): law enforcement → providers
(about a person encountered: the minimal form), providers → providers and → law enforcement
(about a client only when a consent in force on the day covers the recipient and the purpose
"referral for services", otherwise about a person), through the navigators' regional queues, and
from the other partners. Urgencies, delays, declines (some sent back to the queue and assigned
again), services, closings, withdrawals, threads and escalation follow the rules of
ally.referrals.actions and ally.referrals.escalation; whatever would happen after "now" has not
happened yet, so recent referrals are still open and a few wait past their target.

``build_referrals`` writes them. History cannot go through the actions (they stamp the present),
so the rows are bulk-loaded after being checked against the same rules (known services and
urgency, a recipient of the task force other than the sender, the person form's lengths, a client
of the sender covered by a consent in force, a step for every change, times in order, the target
from ally.referrals.targets, the escalation level per level_due at the answer); each organization
gets one summary audit event per kind of change. Referrals sent in the last few days that still
wait for an answer go through send_referral, so their recipients have the notifications.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from django.db.models import QuerySet

from ally.access.network import is_provider
from ally.accounts.models import User
from ally.audit.chain import record
from ally.audit.events import EventType
from ally.demo.planner import DemoError, TaskForcePlan
from ally.demo.survivors.plan import fiscal_years_start
from ally.referrals import actions as referral_actions
from ally.referrals.actions import PERSON_FIELDS, REFERRAL_PURPOSE
from ally.referrals.escalation import COORDINATOR, NAVIGATOR, REMIND, level_due
from ally.referrals.models import (
    DeclineReason,
    Referral,
    ReferralMessage,
    ReferralStep,
    Status,
    Urgency,
)
from ally.referrals.targets import ack_due
from ally.survivors import vocabularies
from ally.survivors.fieldgroups import clean_groups
from ally.survivors.models import Client, Consent
from ally.tenancy.models import Organization, Region, TaskForce
from ally.tenancy.vocab import Discipline, TaskForceRoleKind

T = TypeVar("T")
Progress = Callable[[str, int, int], None]
REFERRALS: dict[str, int] = {"small": 300, "statewide": 4000, "national": 2500}
BULK_MARK = "ally demo (bulk-loaded referrals)"
RECENT_DAYS = 3  # waiting referrals sent this recently go through send_referral
# Direction → share of the referrals.
DIRECTIONS = (("le", 0.38), ("provider", 0.22), ("to_le", 0.10), ("queue", 0.20), ("other", 0.10))
URGENCIES = (
    (Urgency.EMERGENCY.value, 0.10),
    (Urgency.URGENT.value, 0.35),
    (Urgency.ROUTINE.value, 0.55),
)
# Senders among law enforcement: the personas' agencies send most.
LE_WEIGHTS = {
    "pd1": 5.0,
    "sbi": 4.0,
    "hsi": 1.5,
    "fbi": 1.5,
    "pd2": 1.5,
    "pd3": 1.2,
    "sheriff": 1.0,
}
PROVIDER_WEIGHTS = {"lead_vsp": 6.0, "vsp2": 2.5, "vsp3": 2.0, "youth_shelter": 2.0, "legal_aid": 2.5,
                    "tribal_vsp": 1.0}  # fmt: skip
PERSONA_SHARE = 0.6  # how often a persona's organization acts through the persona
PERSONAS = {"pd1": "investigator_local", "sbi": "investigator_state", "lead_vsp": "advocate"}
LE_SERVICES = ("crisis_intervention", "emergency_shelter", "case_management", "safety_planning",
               "medical", "basic_necessities", "mental_health", "interpretation", "immigration_legal",
               "transportation")  # fmt: skip
PROVIDER_SERVICES = ("transitional_housing", "long_term_housing", "immigration_legal", "civil_legal",
                     "criminal_legal_vacatur", "mental_health", "substance_use_treatment", "employment",
                     "education", "identity_documents", "family_reunification", "peer_mentoring")  # fmt: skip
TO_LE_SERVICES = ("criminal_justice_advocacy", "safety_planning", "information_referral")
DECLINES = ((DeclineReason.NO_CAPACITY.value, 0.34), (DeclineReason.NOT_ELIGIBLE.value, 0.14),
            (DeclineReason.SERVICE_NOT_OFFERED.value, 0.12), (DeclineReason.OUTSIDE_AREA.value, 0.1),
            (DeclineReason.LANGUAGE.value, 0.06), (DeclineReason.PERSON_DECLINED.value, 0.12),
            (DeclineReason.UNREACHABLE.value, 0.1), (DeclineReason.OTHER.value, 0.02))  # fmt: skip
DECLINE_NOTES = {
    "no_capacity": "Our beds are full this week; the waitlist is about three weeks.",
    "not_eligible": "Our program serves people under 21 only.",
    "service_not_offered": "We do not offer this service; the legal aid office does.",
    "outside_area": "The person is outside the counties we serve.",
    "language": "We could not find an interpreter for this language in time.",
    "person_declined": "We reached the person, who does not want services now.",
    "unreachable": "Three attempts by phone and one through the referring officer, no answer.",
    "other": "Conflict of interest with another case.",
}
OUTCOMES = (
    "Services completed; the person is in stable housing.",
    "Case management completed; goals met.",
    "The person moved out of state; referred on to a program there.",
    "The person stopped coming after six weeks; the file is closed.",
    "Legal matter resolved; T visa application filed.",
    "Counseling completed; the person continues in a peer support group.",
    "Emergency needs met; the person returned to family.",
)
WITHDRAW_NOTES = ("The person found help elsewhere.", "Sent to the wrong organization.",
                  "The person left the area.", "")  # fmt: skip
MESSAGES = (
    ("Can you tell us the best time to call?", "Weekday afternoons, through the office line."),
    ("Does the person need an interpreter?", "Yes, Spanish; we have arranged one."),
    ("We have a bed from Thursday. Can you arrange transport?", "Yes, an officer can drive them."),
    ("Intake is scheduled for Monday at 10.", "Thank you, we will let them know."),
    (
        "Any safety concerns we should know before the home visit?",
        "Meet at the office rather than at home.",
    ),
)
AGES = ("16-17", "18-24", "25-34", "35-44", "45-54", "unknown")
GENDERS = ("female", "male", "transgender or nonbinary", "")
PERSON_LANGUAGES = ("English", "Spanish", "English", "Spanish, English", "Vietnamese", "Somali")
CONTACTS = ("Through the referring officer.", "Through the shelter's front desk.",
            "Text only, to the number in the case file.", "Through the hospital social worker.")  # fmt: skip
GROUPS_WANTED = ("contact", "services")


class BrokenRule(DemoError):
    """A planned referral breaks a rule its action enforces (a bug in the demo's planner)."""


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise BrokenRule(f"demo referral breaks a rule: {message}")


def _pick(rng: random.Random, pairs: Sequence[tuple[T, float]]) -> T:
    return rng.choices([v for v, _ in pairs], weights=[w for _, w in pairs])[0]


# --- The plan (no database) ----------------------------------------------------------------------


@dataclass(frozen=True)
class ConsentFact:
    """A consent as the planner needs it: who it lets the provider refer a client to, and when."""

    client_id: int
    organization: str  # organization key of the provider
    recipients: frozenset[str]
    field_groups: tuple[str, ...]
    signed_on: dt.date
    expires_on: dt.date
    revoked_on: dt.date | None


@dataclass(frozen=True)
class StepPlan:
    status: str
    at: dt.datetime
    organization: str | None  # key
    by: str | None  # account key
    note: str = ""


@dataclass
class ReferralPlan:
    direction: str
    from_org: str
    sender: str
    to_org: str | None
    to_region: str | None
    urgency: str
    services: tuple[str, ...]
    sent_at: dt.datetime
    person: dict[str, str] = field(default_factory=dict)
    client_id: int | None = None
    field_groups: tuple[str, ...] = ()
    note: str = ""
    status: str = Status.SENT.value
    ack_due_at: dt.datetime | None = None
    assigned_at: dt.datetime | None = None
    assigned_by: str | None = None
    acknowledged_at: dt.datetime | None = None
    accepted_at: dt.datetime | None = None
    declined_at: dt.datetime | None = None
    decline_reason: str = ""
    in_service_at: dt.datetime | None = None
    closed_at: dt.datetime | None = None
    outcome: str = ""
    withdrawn_at: dt.datetime | None = None
    escalation_level: int = 0
    steps: list[StepPlan] = field(default_factory=list)
    messages: list[tuple[str, str | None, str, dt.datetime]] = field(
        default_factory=list
    )  # author, org, text, at


class _Stop(Exception):
    """The next change would happen after now: the referral stays as it is."""


class _Planner:
    def __init__(self, tf_plan: TaskForcePlan, task_force: TaskForce, *, scale: str, seed: int,
                 now: dt.datetime, consents: Sequence[ConsentFact]) -> None:  # fmt: skip
        self.tf_plan = tf_plan
        self.task_force = task_force
        self.scale = scale
        self.rng = random.Random(f"{seed}:{tf_plan.slug}:referrals")
        self.now = now
        self.zone = ZoneInfo(task_force.time_zone)
        self.today = now.astimezone(self.zone).date()
        self.since = fiscal_years_start(self.today)
        orgs = tf_plan.organizations
        self.providers = [o.key for o in orgs if _provides(o.discipline, o.agency_type)]
        self.vsps = [o.key for o in orgs if o.discipline == Discipline.VICTIM_SERVICES]
        self.le = [o.key for o in orgs if o.discipline == Discipline.LAW_ENFORCEMENT]
        self.others = [
            o.key
            for o in orgs
            if o.discipline not in (Discipline.LAW_ENFORCEMENT, Discipline.VICTIM_SERVICES)
        ]
        self.serves = {o.key: set(o.regions_served) for o in orgs}
        self.counties = {r.name: r.counties for r in tf_plan.regions}
        self.staff: dict[str, list[str]] = defaultdict(list)
        for account in tf_plan.accounts:
            for org_key, _role in account.memberships:
                self.staff[org_key].append(account.key)
        self.navigators: dict[str, list[str]] = defaultdict(list)
        for account in tf_plan.accounts:
            if TaskForceRoleKind.NAVIGATOR in account.task_force_roles:
                for region in account.navigator_regions:
                    self.navigators[region].append(account.key)
        self.consents: dict[str, list[ConsentFact]] = defaultdict(list)
        for consent in consents:
            self.consents[consent.organization].append(consent)

    # --- who ---

    def person_of(self, org: str) -> str:
        persona = PERSONAS.get(org)
        if persona and self.rng.random() < PERSONA_SHARE:
            return persona
        return self.rng.choice(self.staff[org])

    def weighted(self, keys: list[str], weights: dict[str, float]) -> str:
        return _pick(self.rng, [(k, weights.get(k, 1.0)) for k in keys])

    def provider_for(self, sender: str, exclude: str | None = None) -> str:
        regions = self.serves.get(sender, set())
        candidates = [p for p in self.providers if p != exclude] or self.providers
        near = [p for p in candidates if self.serves[p] & regions] or candidates
        return self.weighted(near, PROVIDER_WEIGHTS)

    # --- when ---

    def day(self) -> dt.date:
        # Referrals grow over the years: a gentle upward trend.
        span = (self.today - self.since).days
        offset = int(span * (self.rng.random() ** 0.85))
        return self.since + dt.timedelta(days=offset)

    def moment(self, day: dt.date, urgency: str) -> dt.datetime:
        if urgency == Urgency.EMERGENCY and self.rng.random() < 0.4:
            hour = self.rng.choice((0, 1, 2, 3, 21, 22, 23, 6, 7, 19, 20))
        else:
            hour = self.rng.randint(8, 17)
        local = dt.datetime.combine(day, dt.time(hour, self.rng.randint(0, 59)), tzinfo=self.zone)
        return local.astimezone(dt.UTC)

    def answer_after(self, start: dt.datetime, due: dt.datetime) -> dt.datetime:
        """When the first answer comes: mostly within the target, a long tail late."""
        window = max(due - start, dt.timedelta(minutes=1))
        r = self.rng.random()
        if r < 0.80:
            factor = self.rng.uniform(0.05, 0.95)
        elif r < 0.95:
            factor = self.rng.uniform(1.02, 1.95)
        else:
            factor = self.rng.uniform(2.05, 5.0)
        return start + window * factor

    # --- the referral ---

    def plan(self) -> list[ReferralPlan]:
        total = REFERRALS[self.scale]
        if not self.providers or not self.le:
            return []
        planned = [self.referral() for _ in range(total)]
        # The last two days: a few still waiting for their first answer.
        planned += [self.referral(fresh=True) for _ in range(max(4, total // 250))]
        planned.sort(key=lambda r: r.sent_at)
        return [r for r in planned if r.sent_at <= self.now]

    def referral(self, fresh: bool = False) -> ReferralPlan:
        rng = self.rng
        direction = _pick(rng, DIRECTIONS)
        if direction == "queue" and not self.navigators:
            direction = "le"
        if fresh and direction in ("provider", "to_le"):
            direction = "le"
        urgency = _pick(rng, URGENCIES)
        day = self.day()
        sent_at = self.moment(day, urgency)
        if fresh:
            sent_at = self.now - dt.timedelta(minutes=rng.randint(20, 48 * 60))
            day = sent_at.astimezone(self.zone).date()
        client_id: int | None = None
        groups: tuple[str, ...] = ()
        to_region = None
        if direction == "le":
            sender_org = self.weighted(self.le, LE_WEIGHTS)
            to_org: str | None = self.provider_for(sender_org)
            services = rng.sample(LE_SERVICES, rng.randint(1, 3))
        elif direction in ("provider", "to_le"):
            sender_org = self.weighted(self.vsps, PROVIDER_WEIGHTS)
            if direction == "provider":
                to_org = self.provider_for(sender_org, exclude=sender_org)
                services = rng.sample(PROVIDER_SERVICES, rng.randint(1, 2))
            else:
                to_org = self.weighted(self.le, LE_WEIGHTS)
                services = rng.sample(TO_LE_SERVICES, rng.randint(1, 2))
            found = self.covered(sender_org, to_org, day)
            if found is not None:
                client_id, groups, day = found
                sent_at = self.moment(day, urgency)
        elif direction == "queue":
            region = rng.choice(sorted(self.navigators))
            to_region, to_org = region, None
            senders = [
                k for k in self.le + self.vsps + self.others if region in self.serves[k]
            ] or self.le
            sender_org = rng.choice(senders)
            services = rng.sample(LE_SERVICES, rng.randint(1, 3))
        else:
            sender_org = rng.choice(self.others)
            to_org = self.provider_for(sender_org, exclude=sender_org)
            services = rng.sample(LE_SERVICES, rng.randint(1, 2))
        ref = ReferralPlan(
            direction=direction, from_org=sender_org, sender=self.person_of(sender_org), to_org=to_org,
            to_region=to_region, urgency=urgency, services=tuple(services), sent_at=sent_at,
            client_id=client_id, field_groups=groups,
            person={} if client_id else self.person(sender_org, to_region),
            note=rng.choice(("", "", "Please call the sender before contacting the person.",
                             "The person has a phone appointment with us on Friday.")),
        )  # fmt: skip
        try:
            if fresh:
                self.step(ref, Status.SENT, ref.sent_at, ref.from_org, ref.sender)
                ref.ack_due_at = ack_due(self.task_force, ref.urgency, ref.sent_at)
            else:
                self.history(ref)
        except _Stop:
            pass
        if ref.status == Status.SENT and ref.acknowledged_at is None:
            self.escalate_until(ref, self.now)
        return ref

    def covered(
        self, org: str, recipient: str, day: dt.date
    ) -> tuple[int, tuple[str, ...], dt.date] | None:
        """A client of ``org`` whose consent, in force on a day near ``day``, covers ``recipient``."""
        options = [c for c in self.consents.get(org, []) if recipient in c.recipients]
        if not options:
            return None
        consent = self.rng.choice(options)
        last = min(
            consent.expires_on,
            self.today,
            (consent.revoked_on - dt.timedelta(days=1)) if consent.revoked_on else self.today,
        )
        if last < consent.signed_on:
            return None
        chosen = consent.signed_on + dt.timedelta(
            days=self.rng.randint(0, (last - consent.signed_on).days)
        )
        groups = (
            tuple(g for g in consent.field_groups if g in GROUPS_WANTED) or consent.field_groups[:1]
        )
        return consent.client_id, groups, chosen

    def person(self, org: str, region: str | None) -> dict[str, str]:
        rng = self.rng
        regions = sorted(self.serves.get(org) or set(self.counties)) if region is None else [region]
        counties = self.counties[rng.choice(regions)] if regions else ("",)
        initials = f"{rng.choice('ABCDEFGHJKLMNPRSTVWY')}.{rng.choice('ABCDEFGHJKLMNPRSTVWY')}."
        return {
            "person_name": initials if rng.random() < 0.7 else f"goes by {rng.choice(('Kay', 'Mo', 'Lulu', 'Tee', 'Dee'))}",
            "person_age": rng.choice(AGES), "person_gender": rng.choice(GENDERS),
            "person_languages": rng.choice(PERSON_LANGUAGES), "person_county": rng.choice(counties),
            "person_contact": rng.choice(CONTACTS),
        }  # fmt: skip

    # --- what happened to it ---

    def at(self, moment: dt.datetime) -> dt.datetime:
        if moment > self.now:
            raise _Stop()
        return moment

    def step(
        self,
        ref: ReferralPlan,
        status: str,
        at: dt.datetime,
        org: str | None,
        by: str | None,
        note: str = "",
    ) -> None:
        ref.steps.append(StepPlan(status, at, org, by, note))

    def escalate_until(self, ref: ReferralPlan, until: dt.datetime) -> None:
        """The escalation steps of a wait that ended (or is still going) at ``until``."""
        start = ref.assigned_at or ref.sent_at
        assert ref.ack_due_at is not None
        window = max(ref.ack_due_at - start, dt.timedelta(minutes=1))
        times = {
            REMIND: ref.ack_due_at - window / 4,
            NAVIGATOR: ref.ack_due_at,
            COORDINATOR: ref.ack_due_at + window,
        }
        since = _wait_start(ref)
        for level in range(ref.escalation_level + 1, COORDINATOR + 1):
            if times[level] <= until:
                self.step(
                    ref, ref.status, max(times[level], since), None, None, f"escalation {level}"
                )
                ref.escalation_level = level

    def history(self, ref: ReferralPlan) -> None:
        rng = self.rng
        tf = self.task_force
        self.step(ref, Status.SENT, ref.sent_at, ref.from_org, ref.sender)
        ref.ack_due_at = ack_due(tf, ref.urgency, ref.sent_at)
        start = ref.sent_at
        if ref.to_region is not None:
            start = self.assign(ref, start)
        assert ref.to_org is not None
        for _round in range(2):
            due = ref.ack_due_at
            answer = self.answer_after(start, due)
            fate = rng.random()
            if fate < 0.04:
                # The sender withdraws while waiting.
                when = self.at(start + (answer - start) * rng.uniform(0.2, 0.9))
                self.escalate_until(ref, when)
                return self.withdraw(ref, when)
            self.escalate_until(ref, min(answer, self.now))
            answer = self.at(answer)
            recipient = self.person_of(ref.to_org)  # type: ignore[arg-type]  # set above
            declining = fate < 0.16 and _round == 0
            if not declining or rng.random() < 0.5:
                quick_accept = not declining and rng.random() < 0.3
                ref.acknowledged_at = answer
                if quick_accept:
                    ref.status, ref.accepted_at = Status.ACCEPTED, answer
                    self.step(ref, Status.ACCEPTED, answer, ref.to_org, recipient)
                    break
                ref.status = Status.ACKNOWLEDGED
                self.step(ref, Status.ACKNOWLEDGED, answer, ref.to_org, recipient)
            if declining:
                when = self.at(
                    answer + dt.timedelta(hours=rng.uniform(0, 72))
                    if ref.acknowledged_at
                    else answer
                )
                reason = _pick(rng, DECLINES)
                ref.acknowledged_at = ref.acknowledged_at or when
                ref.decline_reason, ref.declined_at = reason, when
                self.step(ref, Status.DECLINED, when, ref.to_org, recipient, DECLINE_NOTES[reason])
                if ref.to_region is None:
                    ref.status = Status.DECLINED
                    return None
                # Back to the navigator's queue, and assigned again.
                declined_by = ref.to_org
                ref.to_org, ref.status = None, Status.SENT
                ref.acknowledged_at = ref.accepted_at = None
                ref.ack_due_at, ref.escalation_level = ack_due(tf, ref.urgency, when), 0
                start = self.assign(ref, when, exclude=declined_by)
                continue
            if rng.random() < 0.03:
                when = self.at(answer + dt.timedelta(hours=rng.uniform(1, 100)))
                return self.withdraw(ref, when)
            when = self.at(answer + dt.timedelta(hours=rng.uniform(0.5, 72)))
            ref.status, ref.accepted_at = Status.ACCEPTED, when
            self.step(ref, Status.ACCEPTED, when, ref.to_org, self.person_of(ref.to_org))  # type: ignore[arg-type]
            break
        else:
            return None
        assert ref.accepted_at is not None and ref.to_org is not None
        last = ref.accepted_at
        if rng.random() < 0.92:
            last = self.at(last + dt.timedelta(hours=rng.uniform(2, 24 * 12)))
            ref.status, ref.in_service_at = Status.IN_SERVICE, last
            self.step(ref, Status.IN_SERVICE, last, ref.to_org, self.person_of(ref.to_org))
            self.thread(ref, last)
            last = self.at(last + dt.timedelta(days=rng.uniform(10, 240)))
        else:
            last = self.at(last + dt.timedelta(days=rng.uniform(1, 20)))
        ref.outcome = rng.choice(OUTCOMES)
        ref.status, ref.closed_at = Status.CLOSED, last
        self.step(ref, Status.CLOSED, last, ref.to_org, self.person_of(ref.to_org), ref.outcome)
        return None

    def assign(
        self, ref: ReferralPlan, start: dt.datetime, exclude: str | None = None
    ) -> dt.datetime:
        """A navigator of the queue's region assigns a provider; returns when the wait restarts."""
        assert ref.to_region is not None and ref.ack_due_at is not None
        when = self.answer_after(start, ref.ack_due_at)
        self.escalate_until(ref, min(when, self.now))
        when = self.at(when)
        serving = [
            p
            for p in self.providers
            if ref.to_region in self.serves[p] and p not in (exclude, ref.from_org)
        ]
        ref.to_org = self.weighted(
            serving or [p for p in self.providers if p != ref.from_org], PROVIDER_WEIGHTS
        )
        ref.assigned_at, ref.assigned_by = when, self.rng.choice(self.navigators[ref.to_region])
        ref.status, ref.ack_due_at, ref.escalation_level = (
            Status.SENT,
            ack_due(self.task_force, ref.urgency, when),
            0,
        )
        self.step(ref, Status.SENT, when, ref.to_org, ref.assigned_by, "Assigned by the navigator")
        return when

    def withdraw(self, ref: ReferralPlan, when: dt.datetime) -> None:
        ref.status, ref.withdrawn_at = Status.WITHDRAWN, when
        self.step(
            ref, Status.WITHDRAWN, when, ref.to_org, ref.sender, self.rng.choice(WITHDRAW_NOTES)
        )

    def thread(self, ref: ReferralPlan, until: dt.datetime) -> None:
        if self.rng.random() >= 0.15 or ref.to_org is None:
            return
        question, answer = self.rng.choice(MESSAGES)
        first = ref.sent_at + (until - ref.sent_at) * self.rng.uniform(0.1, 0.6)
        second = first + (until - first) * self.rng.uniform(0.1, 0.9)
        ref.messages.append((ref.sender, ref.from_org, question, first))
        ref.messages.append((self.person_of(ref.to_org), ref.to_org, answer, second))


def _provides(discipline: str, agency_type: str) -> bool:
    return is_provider(Organization(discipline=discipline, agency_type=agency_type, is_active=True))


def plan_referrals(tf_plan: TaskForcePlan, task_force: TaskForce, *, scale: str, seed: int,
                   now: dt.datetime, consents: Sequence[ConsentFact]) -> list[ReferralPlan]:  # fmt: skip
    """Every referral of a demo task force, oldest first (depends only on its arguments)."""
    return _Planner(tf_plan, task_force, scale=scale, seed=seed, now=now, consents=consents).plan()


def consent_facts(
    task_force: TaskForce, organizations: dict[str, Organization]
) -> list[ConsentFact]:
    """The consents of the task force that allow referring a client, in a stable order."""
    keys = {org.pk: key for key, org in organizations.items()}
    recipients: dict[int, set[str]] = defaultdict(set)
    through = Consent.recipients.through
    for consent_id, org_id in through.objects.filter(consent__task_force=task_force).values_list(
        "consent_id", "organization_id"
    ):
        recipients[consent_id].add(keys[org_id])
    facts = []
    rows = Consent.objects.filter(task_force=task_force, client__deleted_at=None).order_by("pk")
    for pk, client_id, org_id, groups, purposes, signed, expires, revoked in rows.values_list(
        "pk",
        "client_id",
        "organization_id",
        "field_groups",
        "purposes",
        "signed_on",
        "expires_on",
        "revoked_at",
    ):
        if REFERRAL_PURPOSE not in purposes:
            continue
        zone = ZoneInfo(task_force.time_zone)
        facts.append(ConsentFact(
            client_id=client_id, organization=keys[org_id], recipients=frozenset(recipients[pk]),
            field_groups=tuple(groups), signed_on=signed, expires_on=expires,
            revoked_on=revoked.astimezone(zone).date() if revoked else None,
        ))  # fmt: skip
    return facts


# --- Building -------------------------------------------------------------------------------------


class _Checker:
    """The rules the referral actions enforce, checked on each planned referral before it is loaded."""

    def __init__(self, task_force: TaskForce, organizations: dict[str, Organization],
                 consents: Sequence[ConsentFact], now: dt.datetime) -> None:  # fmt: skip
        self.task_force = task_force
        self.orgs = organizations
        self.now = now
        self.consents: dict[int, list[ConsentFact]] = defaultdict(list)
        for consent in consents:
            self.consents[consent.client_id].append(consent)
        self.zone = ZoneInfo(task_force.time_zone)
        self.client_orgs = dict(
            Client.objects.filter(task_force=task_force).values_list("pk", "organization_id")
        )

    def check(self, ref: ReferralPlan) -> None:
        _require(
            ref.from_org in self.orgs and (ref.to_org is None or ref.to_org in self.orgs),
            "known organizations",
        )
        _require((ref.to_org is not None) or (ref.to_region is not None), "a recipient")
        _require(ref.to_org != ref.from_org, "refer to another organization than your own")
        _require(bool(ref.services) and all(vocabularies.is_valid("service_category", s) for s in ref.services),
                 "services from the list")  # fmt: skip
        _require(ref.urgency in Urgency.values, "a known urgency")
        _require(ref.status in Status.values, "a known status")
        for name, value in ref.person.items():
            _require(
                name in PERSON_FIELDS and len(value) <= PERSON_FIELDS[name], f"person field {name}"
            )
        if ref.client_id is not None:
            _require(not any(ref.person.values()), "a client referral carries no person form")
            _require(
                self.client_orgs.get(ref.client_id) == self.orgs[ref.from_org].pk,
                "refer your own clients",
            )
            _require(bool(ref.field_groups) and clean_groups(list(ref.field_groups)) == list(ref.field_groups),
                     "known field groups")  # fmt: skip
            day = ref.sent_at.astimezone(self.zone).date()
            _require(any(
                c.signed_on <= day <= c.expires_on and (c.revoked_on is None or day < c.revoked_on)
                and ref.to_org in c.recipients and set(ref.field_groups) <= set(c.field_groups)
                for c in self.consents[ref.client_id]), "a consent in force covers the recipient and purpose")  # fmt: skip
        times = [s.at for s in ref.steps]
        _require(
            times == sorted(times) and times[-1] <= self.now and times[0] == ref.sent_at,
            "steps in order, none in the future",
        )
        _require(ref.steps[0].status == Status.SENT, "the first step is the sending")
        chain = [
            t
            for t in (
                ref.sent_at,
                ref.acknowledged_at,
                ref.accepted_at,
                ref.in_service_at,
                ref.closed_at,
            )
            if t
        ]
        _require(chain == sorted(chain), "acknowledged ≤ accepted ≤ in service ≤ closed")
        expected = {
            Status.SENT: ref.acknowledged_at is None
            and ref.accepted_at is None
            and ref.closed_at is None,
            Status.ACKNOWLEDGED: ref.acknowledged_at is not None and ref.accepted_at is None,
            Status.ACCEPTED: ref.accepted_at is not None
            and ref.in_service_at is None
            and ref.closed_at is None,
            Status.IN_SERVICE: ref.in_service_at is not None and ref.closed_at is None,
            Status.CLOSED: ref.closed_at is not None
            and bool(ref.outcome)
            and ref.accepted_at is not None,
            Status.DECLINED: ref.declined_at is not None
            and bool(ref.decline_reason)
            and ref.to_region is None,
            Status.WITHDRAWN: ref.withdrawn_at is not None,
        }
        _require(expected[Status(ref.status)], f"the times of a {ref.status} referral")
        _require(
            ref.ack_due_at == ack_due(self.task_force, ref.urgency, _wait_start(ref)),
            "the target from ally.referrals.targets",
        )
        _require(ref.escalation_level == _level(ref), "the escalation level due at the answer")
        if ref.status == Status.SENT and ref.acknowledged_at is None:
            _require(
                ref.escalation_level == level_due(_as_row(ref), self.now),
                "the escalation level due now",
            )
        if ref.to_region is not None and ref.status != Status.WITHDRAWN:
            _require(
                ref.to_org is None or ref.assigned_at is not None,
                "a queue referral is assigned by a navigator",
            )


def _wait_start(ref: ReferralPlan) -> dt.datetime:
    """When the current target was set: sending, the last assignment, or a decline back to the queue."""
    moments = [
        s.at for s in ref.steps if s.status == Status.SENT and not s.note.startswith("escalation")
    ]
    declines = [s.at for s in ref.steps if s.status == Status.DECLINED]
    if ref.to_region is not None and declines and ref.to_org is None:
        return declines[-1]
    return moments[-1]


def _as_row(ref: ReferralPlan) -> Referral:
    assert ref.ack_due_at is not None
    return Referral(sent_at=ref.sent_at, assigned_at=ref.assigned_at, ack_due_at=ref.ack_due_at)


def _level(ref: ReferralPlan) -> int:
    """Escalation steps since the target was last set, as level_due counts them at the answer."""
    since = _wait_start(ref)
    return sum(1 for s in ref.steps if s.note.startswith("escalation") and s.at >= since)


def _by_kind(step: StepPlan) -> EventType:
    if step.note.startswith("escalation"):
        return EventType.REFERRAL_ESCALATED
    if step.status == Status.SENT and step.note == "Assigned by the navigator":
        return EventType.REFERRAL_ASSIGNED
    return {
        Status.SENT: EventType.REFERRAL_SENT, Status.ACKNOWLEDGED: EventType.REFERRAL_ACKNOWLEDGED,
        Status.ACCEPTED: EventType.REFERRAL_ACCEPTED, Status.DECLINED: EventType.REFERRAL_DECLINED,
        Status.IN_SERVICE: EventType.REFERRAL_IN_SERVICE, Status.CLOSED: EventType.REFERRAL_CLOSED,
        Status.WITHDRAWN: EventType.REFERRAL_WITHDRAWN,
    }[Status(step.status)]  # fmt: skip


def build_referrals(
    task_force: TaskForce,
    tf_plan: TaskForcePlan,
    *,
    scale: str,
    seed: int,
    organizations: dict[str, Organization],
    users: dict[str, User],
    report: Progress,
    now: dt.datetime | None = None,
) -> list[ReferralPlan]:
    """Create the planned referrals of one demo task force (call inside its transaction)."""
    from django.utils import timezone

    now = now or timezone.now()
    consents = consent_facts(task_force, organizations)
    planned = plan_referrals(
        tf_plan, task_force, scale=scale, seed=seed, now=now, consents=consents
    )
    checker = _Checker(task_force, organizations, consents, now)
    regions = {r.name: r for r in Region.objects.filter(task_force=task_force)}
    recent_from = now - dt.timedelta(days=RECENT_DAYS)
    bulk, live = [], []
    for ref in planned:
        checker.check(ref)
        waiting = (
            ref.status == Status.SENT and ref.acknowledged_at is None and ref.assigned_at is None
        )
        if (
            waiting
            and ref.client_id is None
            and ref.sent_at >= recent_from
            and len(ref.steps) == 1 + ref.escalation_level
        ):
            live.append(ref)
        else:
            bulk.append(ref)
    _load(task_force, bulk, organizations, users, regions)
    for n, ref in enumerate(live, start=1):
        _send(ref, organizations, users, regions)
        report(f"{tf_plan.slug}: recent referrals", n, len(live))
    return planned


def _load(task_force: TaskForce, planned: list[ReferralPlan], orgs: dict[str, Organization],
          users: dict[str, User], regions: dict[str, Region]) -> None:  # fmt: skip
    def uid(key: str | None) -> Any:
        return users[key].pk if key else None

    def oid(key: str | None) -> Any:
        return orgs[key].pk if key else None

    rows = [Referral(
        task_force=task_force, from_organization_id=oid(r.from_org), sent_by_id=uid(r.sender),
        to_organization_id=oid(r.to_org), to_region=regions[r.to_region] if r.to_region else None,
        assigned_by_id=uid(r.assigned_by), assigned_at=r.assigned_at, client_id=r.client_id,
        field_groups=list(r.field_groups), services=list(r.services), urgency=r.urgency, note=r.note,
        status=r.status, sent_at=r.sent_at, ack_due_at=r.ack_due_at or r.sent_at, acknowledged_at=r.acknowledged_at,
        accepted_at=r.accepted_at, declined_at=r.declined_at, decline_reason=r.decline_reason,
        in_service_at=r.in_service_at, closed_at=r.closed_at, outcome=r.outcome, withdrawn_at=r.withdrawn_at,
        escalation_level=r.escalation_level, version=len(r.steps) - sum(s.note.startswith("escalation") for s in r.steps),
        **r.person,
    ) for r in planned]  # fmt: skip
    Referral.objects.bulk_create(rows, batch_size=1000)
    steps, messages = [], []
    counts: dict[tuple[int, EventType], int] = Counter()
    for row, r in zip(rows, planned, strict=True):
        for s in r.steps:
            steps.append(ReferralStep(referral_id=row.pk, status=s.status, note=s.note, by_id=uid(s.by),
                                      organization_id=oid(s.organization), at=s.at))  # fmt: skip
            counts[(oid(s.organization or r.to_org) or oid(r.from_org) or 0, _by_kind(s))] += 1
        for author, org, text, at in r.messages:
            messages.append(ReferralMessage(referral_id=row.pk, author_id=uid(author), organization_id=oid(org),
                                            text=text, created_at=at))  # fmt: skip
            counts[(oid(r.to_org) or oid(r.from_org) or 0, EventType.REFERRAL_MESSAGE)] += 1
    ReferralStep.objects.bulk_create(steps, batch_size=2000)
    ReferralMessage.objects.bulk_create(messages, batch_size=1000)
    by_pk = {o.pk: o for o in orgs.values()}
    for (org_id, event), n in sorted(counts.items(), key=lambda i: (i[0][0], i[0][1].value)):
        record(event, actor=None, task_force=task_force, organization=by_pk[org_id],
               changes={"loaded": BULK_MARK, "records": n})  # fmt: skip


def _send(
    ref: ReferralPlan,
    orgs: dict[str, Organization],
    users: dict[str, User],
    regions: dict[str, Region],
) -> None:
    """Send through the action (notifications, audit), then date it as planned."""
    sent = referral_actions.send_referral(
        orgs[ref.from_org], acting_user=None, services=list(ref.services),
        urgency=ref.urgency, to_organization=orgs[ref.to_org] if ref.to_org else None,
        to_region=regions[ref.to_region] if ref.to_region else None, person=ref.person, note=ref.note,
    )  # fmt: skip
    # The system sent it (as the rest of the demo); the sender is the person who asked.
    sender = users[ref.sender]
    Referral.objects.filter(pk=sent.pk).update(sent_at=ref.sent_at, ack_due_at=ref.ack_due_at, sent_by=sender,
                                               escalation_level=ref.escalation_level)  # fmt: skip
    ReferralStep.objects.filter(referral=sent).update(at=ref.sent_at, by=sender)
    ReferralStep.objects.bulk_create([
        ReferralStep(referral=sent, status=s.status, note=s.note, at=s.at) for s in ref.steps[1:]
    ])  # fmt: skip


def referral_summary(task_force: TaskForce) -> dict[str, Any]:
    """Counts of a task force's referrals, without identifiers (for tests and benchmarks)."""
    referrals: QuerySet[Referral] = Referral.objects.filter(task_force=task_force)

    def by(name: str) -> dict[str, int]:
        return dict(
            sorted(Counter(referrals.values_list(name, flat=True)).items(), key=lambda i: str(i[0]))
        )

    return {
        "referrals": referrals.count(),
        "status": by("status"),
        "urgency": by("urgency"),
        "escalation_level": by("escalation_level"),
        "about_clients": referrals.exclude(client=None).count(),
        "through_queue": referrals.exclude(to_region=None).count(),
        "steps": ReferralStep.objects.filter(referral__task_force=task_force).count(),
        "messages": ReferralMessage.objects.filter(referral__task_force=task_force).count(),
        "fingerprint": sorted(
            f"{r[0]:%Y%m%d%H%M}|{r[1]}|{r[2]}|{r[3]}" for r in referrals.values_list(
                "sent_at", "status", "urgency", "from_organization__name")
        ),
    }  # fmt: skip
