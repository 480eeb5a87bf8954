"""Build a planned caseload (ally.demo.survivors.plan) in a demo task force's transaction.

What goes through the actions, with their checks and one audit event each, acting as the system:

- every client (create_client);
- every consent in force today (record_consent), the shares resting on it (share_client) and the
  few shares withdrawn since (revoke_share);
- the compelled disclosures, recorded by a supervisor of the provider as the law requires
  (record_compelled_disclosure), and the notification tasks already done
  (complete_notification_task, by the advocate).

What is bulk-loaded, because going through the actions would write tens of thousands of
hash-chained audit events and take minutes: the advocates assigned to each client, and the
history — screenings (linked to clients, and the
unlinked crisis calls and inspections), needs assessments, service plans with their goals,
planned services and reviews, services delivered, case notes, trafficking events, and the
consents that have since expired or been revoked with the shares that rested on them (dated when
they happened, which no action can do). Every bulk row is first checked against the same rules
its action enforces (the same vocabularies, amounts, dates not in the future, a consent's length
and a minor's guardian or legal basis, a share covered by its consent's recipients, groups,
purpose and dates, open goals ranked 1..n, one active plan per client, staff who belong to the
providing organization, the screening scored by the instrument engine); a broken rule stops the
build. Instead of one audit event per row, each organization gets one summarizing audit event
per kind of record loaded (e.g. "Service recorded" with the count and the number of clients),
recorded by the system.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from django.db import models
from django.db.models import Count, Q

from ally.access.survivors import today_in
from ally.accounts.models import User
from ally.audit.chain import record
from ally.audit.events import EventType
from ally.core.errors import DomainError
from ally.demo.planner import DemoError, TaskForcePlan
from ally.demo.survivors.plan import (
    CaseloadPlan,
    ClientPlan,
    ConsentPlan,
    DeliveryPlan,
    EventPlan,
    ScreeningPlan,
    ServicePlanPlan,
    plan_caseload,
)
from ally.survivors import actions as survivor_actions
from ally.survivors import vocabularies
from ally.survivors.actions import CONSENT_PURPOSES
from ally.survivors.care._common import _amount
from ally.survivors.disclosures import complete_notification_task, record_compelled_disclosure
from ally.survivors.fieldgroups import clean_groups
from ally.survivors.models import (
    CaseNote,
    Client,
    CompelledDisclosure,
    Consent,
    Goal,
    NeedLevel,
    NeedsAssessment,
    NotifySurvivorTask,
    PlannedService,
    PlanReview,
    Screening,
    ServiceDelivery,
    ServicePlan,
    ServiceUnit,
    Share,
    SignatureMethod,
    TraffickingEvent,
)
from ally.survivors.screening import InvalidAnswer, load_instrument, score
from ally.survivors.screenings import _stored_answers, result_as_json
from ally.survivors.trafficking import DATE_PRECISIONS
from ally.tenancy.models import Membership, Organization, TaskForce

M = TypeVar("M", bound=models.Model)
Progress = Callable[[str, int, int], None]
INSTRUMENT_ID = "ally-screening"
CHUNK = 100  # clients whose history is loaded per round of bulk inserts
BULK_MARK = "ally demo (bulk-loaded history)"


class BrokenRule(DemoError):
    """A planned record breaks a rule its action enforces (a bug in the demo's planner)."""


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise BrokenRule(f"demo data breaks a rule: {message}")


# --- The rules, as the actions check them ------------------------------------------------------


class _Rules:
    def __init__(self, task_force: TaskForce, today: dt.date) -> None:
        self.task_force = task_force
        self.today = today
        self.zone = ZoneInfo(task_force.time_zone)
        self.instrument = load_instrument(INSTRUMENT_ID)
        self.members = set(
            Membership.objects.filter(task_force=task_force, is_active=True).values_list(
                "user_id", "organization_id"
            )
        )
        self.organizations = {
            o.pk: o for o in Organization.objects.filter(task_force=task_force, is_active=True)
        }

    def past(self, day: object, what: str) -> dt.date:
        if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
            raise BrokenRule(f"demo data breaks a rule: {what} is a date")
        _require(day <= self.today, f"{what} {day} is in the future")
        return day

    def vocabulary(self, vocabulary_id: str, value: str) -> None:
        _require(vocabularies.is_valid(vocabulary_id, value), f"{value!r} is not in {vocabulary_id}")

    def text(self, value: str, what: str) -> str:
        _require(isinstance(value, str) and bool(value.strip()), f"{what} is empty")
        return value.strip()

    def provider(self, organization: Organization) -> None:
        _require(organization.pk in self.organizations, f"{organization} is not an active organization of the task force")

    def member(self, user: User | None, organization: Organization, what: str) -> None:
        _require(user is None or (user.pk, organization.pk) in self.members,
                 f"{what} is not an active member of {organization}")  # fmt: skip

    def screening(self, plan: ScreeningPlan, organization: Organization, client: Client | None) -> dict[str, Any]:
        """As record_screening: same organization, known language, valid answers, not future."""
        _require(client is None or client.organization_id == organization.pk,
                 "a screening is linked only to a client of its own organization")  # fmt: skip
        _require(plan.language in self.instrument.languages, f"no {plan.language} version")
        try:
            result = score(self.instrument, plan.answers)
        except InvalidAnswer as error:
            raise BrokenRule(f"demo data breaks a rule: {error}") from None
        self.past(plan.screened_on, "the screening date")
        return result_as_json(result)

    def needs(self, needs: Iterable[dict[str, str]]) -> list[dict[str, str]]:
        """As assess_needs."""
        cleaned = []
        for need in needs:
            _require(set(need) <= {"domain", "level", "note"}, "a need has a domain, level and note")
            self.vocabulary("need_domain", need["domain"])
            _require(need["level"] in NeedLevel.values, f"need level {need['level']!r}")
            cleaned.append({"domain": need["domain"], "level": need["level"],
                            "note": need.get("note", "").strip()})  # fmt: skip
        _require(bool(cleaned), "rate at least one need")
        _require(len({n["domain"] for n in cleaned}) == len(cleaned), "each need domain once")
        return cleaned

    def consent(self, client: Client, plan: ConsentPlan, recipients: list[Organization]) -> None:
        """As record_consent (signed in the past, so it may have expired or been revoked since)."""
        self.past(plan.signed_on, "the signing date")
        _require(plan.expires_on > plan.signed_on, "a consent expires after it is signed")
        _require(plan.expires_on <= plan.signed_on + dt.timedelta(days=self.task_force.consent_max_days),
                 "a consent lasts at most the task force's longest consent")  # fmt: skip
        _require(clean_groups(list(plan.field_groups)) == list(plan.field_groups) and bool(plan.field_groups),
                 "known field groups, at least one")  # fmt: skip
        _require(bool(plan.purposes) and set(plan.purposes) <= set(CONSENT_PURPOSES), "known purposes")
        _require(bool(recipients), "at least one recipient")
        _require(all(r.task_force_id == client.task_force_id and r.pk != client.organization_id
                     for r in recipients), "recipients are other organizations of the task force")  # fmt: skip
        _require(plan.signature_method in SignatureMethod.values, "how the consent was signed")
        if client.is_minor_on(plan.signed_on):
            _require(bool(plan.guardian_name.strip() or plan.minor_consents_alone_basis.strip()),
                     "a minor's consent names a guardian or the rule letting the minor consent alone")  # fmt: skip
        if plan.revoked_on is not None:
            self.past(plan.revoked_on, "the revocation date")
            _require(plan.revoked_on >= plan.signed_on, "revoked after it was signed")

    def share(self, consent: Consent, plan: ConsentPlan, recipient: Organization,
              groups: list[str], purpose: str, expires_on: dt.date, made_on: dt.date,
              readers: list[User], recipient_ids: set[int]) -> None:  # fmt: skip
        """As share_client, on the day the share was made."""
        self.past(made_on, "the share date")
        _require(bool(groups) and clean_groups(groups) == groups, "share known field groups")
        in_force = plan.signed_on <= made_on <= plan.expires_on and (
            plan.revoked_on is None or made_on < plan.revoked_on)
        _require(in_force, "a share is made while its consent is in force")
        _require(recipient.pk in recipient_ids, "the consent names the share's recipient")
        _require(set(groups) <= set(consent.field_groups), "the consent covers the shared groups")
        _require(purpose in consent.purposes, "the consent covers the share's purpose")
        _require(made_on <= expires_on <= consent.expires_on, "a share ends by the day its consent does")
        for reader in readers:
            self.member(reader, recipient, "a named reader")


# --- Building ------------------------------------------------------------------------------------


@dataclass
class _Loaded:
    """Rows of one round of bulk inserts, and counts per organization for the summary events."""

    counts: dict[tuple[int, EventType], Counter[str]] = field(
        default_factory=lambda: defaultdict(Counter)
    )

    def add(self, organization_id: int, event: EventType, client_id: int | None, n: int = 1) -> None:
        bucket = self.counts[(organization_id, event)]
        bucket["count"] += n
        if client_id is not None and n:
            bucket[f"client:{client_id}"] = 1


def _bulk(model: type[M], rows: list[M]) -> list[M]:
    return model._default_manager.bulk_create(rows, batch_size=500) if rows else rows


class _Builder:
    def __init__(
        self,
        task_force: TaskForce,
        plan: CaseloadPlan,
        organizations: dict[str, Organization],
        users: dict[str, User],
        report: Progress,
    ) -> None:
        self.task_force = task_force
        self.plan = plan
        self.orgs = organizations
        self.users = users
        self.report = report
        self.label = task_force.slug
        self.rules = _Rules(task_force, today_in(task_force.pk))
        self.loaded = _Loaded()
        self.tick = 0

    def at(self, day: dt.date) -> dt.datetime:
        """A time during office hours on that day (deterministic, spread over the day)."""
        self.tick = (self.tick + 37) % 480
        return dt.datetime.combine(
            day, dt.time(9 + self.tick // 60, self.tick % 60), tzinfo=self.rules.zone
        )

    def user(self, key: str | None) -> User | None:
        return self.users[key] if key else None

    # --- through the actions ---

    def clients(self) -> list[Client]:
        clients = []
        total = len(self.plan.clients)
        for n, planned in enumerate(self.plan.clients, start=1):
            org = self.orgs[planned.organization]
            clients.append(survivor_actions.create_client(org, acting_user=None, **planned.values))
            self.report(f"{self.label}: clients", n, total)
        # Advocates, as assign_advocate would: active members of the client's organization.
        through = Client.advocates.through
        rows = []
        for client, planned in zip(clients, self.plan.clients, strict=True):
            for key in planned.advocates:
                self.rules.member(self.users[key], self.orgs[planned.organization], "an advocate")
                rows.append(through(client_id=client.pk, user_id=self.users[key].pk))
                self.loaded.add(client.organization_id, EventType.ADVOCATE_ASSIGNED, client.pk)
        _bulk(through, rows)
        return clients

    def consents_in_force(self, clients: list[Client]) -> None:
        pairs = [(c, p) for c, planned in zip(clients, self.plan.clients, strict=True)
                 for p in planned.consents if p.state == "active"]  # fmt: skip
        for n, (client, planned) in enumerate(pairs, start=1):
            survivor_actions.record_consent(
                client,
                acting_user=None,
                recipients=[self.orgs[k] for k in planned.recipients],
                field_groups=list(planned.field_groups),
                purposes=list(planned.purposes),
                signed_on=planned.signed_on,
                expires_on=planned.expires_on,
                signature_method=planned.signature_method,
                guardian_name=planned.guardian_name,
                guardian_relationship=planned.guardian_relationship,
                minor_consents_alone_basis=planned.minor_consents_alone_basis,
                language=planned.language,
                interpreter=planned.interpreter,
            )
            for share_plan in planned.shares:
                share = survivor_actions.share_client(
                    client,
                    recipient=self.orgs[share_plan.recipient],
                    field_groups=list(share_plan.field_groups),
                    purpose=share_plan.purpose,
                    acting_user=None,
                    expires_on=share_plan.expires_on,
                    recipient_users=[self.users[k] for k in share_plan.readers],
                )
                if share_plan.revoked:
                    survivor_actions.revoke_share(share, acting_user=None)
            self.report(f"{self.label}: consents and shares", n, len(pairs))

    def compelled(self, clients: list[Client]) -> None:
        for client, planned in zip(clients, self.plan.clients, strict=True):
            if planned.compelled is None:
                continue
            p = planned.compelled
            # Fresh objects: the grants of people added in this transaction are read anew.
            supervisor = User.objects.get(pk=self.users[p.recorded_by].pk)
            disclosure = record_compelled_disclosure(
                client, legal_basis=p.legal_basis, citation=p.citation,
                field_groups=list(p.field_groups), recipient=p.recipient,
                disclosed_on=p.disclosed_on, description=p.description, acting_user=supervisor,
            )  # fmt: skip
            if p.notified_by is not None:
                advocate = User.objects.get(pk=self.users[p.notified_by].pk)
                task = NotifySurvivorTask.objects.get(compelled_disclosure=disclosure)
                complete_notification_task(task, outcome=p.outcome, acting_user=advocate)

    # --- bulk-loaded history ---

    def screening_row(self, planned: ScreeningPlan, client: Client | None) -> Screening:
        org = self.orgs[planned.organization]
        result = self.rules.screening(planned, org, client)
        linked = None
        if client is not None:
            linked = self.at(max(planned.screened_on, client.intake_date))
        return Screening(
            task_force=self.task_force, organization=org, client=client,
            instrument_id=self.rules.instrument.id, instrument_version=self.rules.instrument.version,
            language=planned.language, answers=_stored_answers(planned.answers), result=result,
            reference=planned.reference.strip()[:80], screened_on=planned.screened_on,
            screened_by=self.user(planned.screened_by), created_at=self.at(planned.screened_on),
            linked_at=linked,
        )  # fmt: skip

    def history(self, clients: list[Client]) -> None:
        pairs = list(zip(clients, self.plan.clients, strict=True))
        for start in range(0, len(pairs), CHUNK):
            self._history_chunk(pairs[start : start + CHUNK])
            self.report(f"{self.label}: care history", min(start + CHUNK, len(pairs)), len(pairs))
        rows = [self.screening_row(s, None) for s in self.plan.unlinked_screenings]
        for row in rows:
            self.loaded.add(row.organization_id, EventType.SCREENING_RECORDED, None)
        _bulk(Screening, rows)

    def _history_chunk(self, pairs: list[tuple[Client, ClientPlan]]) -> None:
        rules, loaded = self.rules, self.loaded
        screenings: list[Screening] = []
        needs: list[NeedsAssessment] = []
        plans: list[ServicePlan] = []
        notes: list[CaseNote] = []
        events: list[TraffickingEvent] = []
        consents: list[tuple[Consent, ConsentPlan, Client]] = []
        for client, planned in pairs:
            org_id = client.organization_id
            owned = {"task_force": self.task_force, "organization_id": org_id, "client": client}
            if planned.screening is not None:
                screenings.append(self.screening_row(planned.screening, client))
                loaded.add(org_id, EventType.SCREENING_RECORDED, client.pk)
            for n in planned.needs:
                rules.past(n.assessed_on, "the assessment date")
                needs.append(NeedsAssessment(
                    **owned, created_by=self.user(n.assessed_by), created_at=self.at(n.assessed_on),
                    assessed_on=n.assessed_on, needs=rules.needs(n.needs),
                    assessed_by=self.user(n.assessed_by)))  # fmt: skip
                loaded.add(org_id, EventType.NEEDS_ASSESSED, client.pk)
            active = [p for p in planned.plans if p.closed_on is None]
            _require(len(active) <= 1, "at most one active service plan per client")
            for p in planned.plans:
                rules.past(p.started_on, "the plan's start")
                status = "active"
                if p.closed_on is not None:
                    rules.past(p.closed_on, "the plan's closing date")
                    _require(p.closed_on >= p.started_on, "a plan closes after it started")
                    status = "closed"
                plans.append(ServicePlan(
                    **owned, created_by=self.user(p.created_by), created_at=self.at(p.started_on),
                    started_on=p.started_on, status=status, closed_on=p.closed_on))  # fmt: skip
                loaded.add(org_id, EventType.PLAN_CREATED, client.pk)
                if p.closed_on is not None:
                    loaded.add(org_id, EventType.PLAN_CLOSED, client.pk)
            for note in planned.notes:
                rules.vocabulary("case_note_type", note.note_type)
                _require(note.written_at.date() <= rules.today, "a note is not written in the future")
                notes.append(CaseNote(
                    **owned, created_by=self.user(note.written_by), created_at=note.written_at,
                    note_type=note.note_type, text=rules.text(note.text, "a note"),
                    sensitive=note.sensitive, written_by=self.user(note.written_by),
                    written_at=note.written_at))  # fmt: skip
                loaded.add(org_id, EventType.NOTE_ADDED, client.pk)
            for e in planned.events:
                events.append(self._event(client, e))
                loaded.add(org_id, EventType.TRAFFICKING_EVENT_ADDED, client.pk)
            for c in planned.consents:
                if c.state == "active":
                    continue
                recipients = [self.orgs[k] for k in c.recipients]
                rules.consent(client, c, recipients)
                consent = Consent(
                    task_force=self.task_force, organization_id=org_id, client=client,
                    field_groups=list(c.field_groups), purposes=list(c.purposes),
                    signed_on=c.signed_on, expires_on=c.expires_on, signed_by_client=True,
                    guardian_name=c.guardian_name.strip(),
                    guardian_relationship=c.guardian_relationship.strip(),
                    minor_consents_alone_basis=c.minor_consents_alone_basis.strip(),
                    language=c.language, interpreter=c.interpreter.strip(),
                    signature_method=c.signature_method, recorded_by=self.user(c.recorded_by),
                    recorded_at=self.at(c.signed_on),
                    revoked_at=self.at(c.revoked_on) if c.revoked_on else None,
                    revoked_by=self.user(c.recorded_by) if c.revoked_on else None,
                    revocation_note=c.revocation_note[:300],
                )  # fmt: skip
                consents.append((consent, c, client))
                loaded.add(org_id, EventType.CONSENT_RECORDED, client.pk)
                if c.revoked_on:
                    loaded.add(org_id, EventType.CONSENT_REVOKED, client.pk)
        _bulk(Screening, screenings)
        _bulk(NeedsAssessment, needs)
        _bulk(ServicePlan, plans)
        _bulk(CaseNote, notes)
        _bulk(TraffickingEvent, events)
        self._care(pairs, plans)
        self._consents(consents)

    def _event(self, client: Client, e: EventPlan) -> TraffickingEvent:
        """As add_trafficking_event."""
        rules = self.rules
        rules.vocabulary("hte_Type", e.event_type)
        _require(e.date_precision in DATE_PRECISIONS, f"date precision {e.date_precision!r}")
        occurred = e.occurred_on
        if occurred is not None:
            occurred = rules.past(occurred, "the event date")
            if e.date_precision == "month":
                occurred = occurred.replace(day=1)
            elif e.date_precision == "year":
                occurred = occurred.replace(month=1, day=1)
        places = {"country": e.country.strip(), "state": e.state.strip(), "city": e.city.strip(),
                  "place": e.place.strip()}  # fmt: skip
        _require(occurred is not None or any(places.values()), "an event has a date or a place")
        return TraffickingEvent(
            task_force=self.task_force, organization_id=client.organization_id, client=client,
            event_type=e.event_type, occurred_on=occurred, date_precision=e.date_precision,
            description=e.description.strip(), created_by=self.user(e.created_by),
            created_at=self.at(min(client.intake_date, rules.today)), **places,
        )  # fmt: skip

    def _care(self, pairs: list[tuple[Client, ClientPlan]], plans: list[ServicePlan]) -> None:
        """Goals, planned services, reviews and services delivered, for plans just inserted."""
        rules, loaded = self.rules, self.loaded
        goals: list[Goal] = []
        goal_slots: list[list[Goal]] = []
        index = 0
        per_client: list[list[tuple[ServicePlan, ServicePlanPlan]]] = []
        for client, planned in pairs:
            mine = []
            for p in planned.plans:
                row = plans[index]
                index += 1
                mine.append((row, p))
                open_ranks = sorted(g.priority for g in p.goals if g.status == "open")
                _require(open_ranks == list(range(1, len(open_ranks) + 1)),
                         "a plan's open goals are ranked 1..n without gaps")  # fmt: skip
                slot = []
                for g in p.goals:
                    _require(g.status in ("open", "achieved", "changed", "dropped"), "goal status")
                    goal = Goal(
                        task_force=self.task_force, organization_id=client.organization_id,
                        client=client, plan=row, created_by=self.user(p.created_by),
                        created_at=self.at(p.started_on),
                        text=rules.text(g.text, "a goal"), priority=g.priority,
                        target_date=g.target_date, status=g.status,
                    )  # fmt: skip
                    goals.append(goal)
                    slot.append(goal)
                    loaded.add(client.organization_id, EventType.GOAL_ADDED, client.pk)
                goal_slots.append(slot)
            per_client.append(mine)
        _bulk(Goal, goals)
        planned_rows: list[PlannedService] = []
        reviews: list[PlanReview] = []
        services: list[ServiceDelivery] = []
        slot_index = 0
        for (client, planned), mine in zip(pairs, per_client, strict=True):
            org_id = client.organization_id
            client_goals: list[list[Goal]] = []
            for row, p in mine:
                slot = goal_slots[slot_index]
                slot_index += 1
                client_goals.append(slot)
                for s in p.planned:
                    rules.vocabulary("service_category", s.category)
                    provider = self.orgs[s.provider] if s.provider else None
                    if provider is not None:
                        rules.provider(provider)
                    planned_rows.append(PlannedService(
                        task_force=self.task_force, organization_id=org_id, client=client, plan=row,
                        created_by=self.user(p.created_by), created_at=self.at(p.started_on),
                        category=s.category, provider=provider, frequency=s.frequency.strip(),
                        goal=slot[s.goal] if s.goal is not None else None))  # fmt: skip
                    loaded.add(org_id, EventType.SERVICE_PLANNED, client.pk)
                for r in p.reviews:
                    rules.past(r.reviewed_on, "the review date")
                    _require(r.reviewed_on >= p.started_on, "a review comes after the plan started")
                    _require(p.closed_on is None or r.reviewed_on <= p.closed_on,
                             "a plan is reviewed while it is active")  # fmt: skip
                    _require(r.next_review_on is None or r.next_review_on > r.reviewed_on,
                             "the next review comes after this one")  # fmt: skip
                    reviews.append(PlanReview(
                        task_force=self.task_force, organization_id=org_id, client=client, plan=row,
                        created_by=self.user(r.reviewed_by), created_at=self.at(r.reviewed_on),
                        reviewed_on=r.reviewed_on, summary=rules.text(r.summary, "a review"),
                        next_review_on=r.next_review_on, reviewed_by=self.user(r.reviewed_by)))  # fmt: skip
                    loaded.add(org_id, EventType.PLAN_REVIEWED, client.pk)
            for d in planned.deliveries:
                services.append(self._service(client, d, client_goals))
                loaded.add(org_id, EventType.SERVICE_RECORDED, client.pk)
        _bulk(PlannedService, planned_rows)
        _bulk(PlanReview, reviews)
        _bulk(ServiceDelivery, services)

    def _service(self, client: Client, d: DeliveryPlan, goals: list[list[Goal]]) -> ServiceDelivery:
        """As record_service."""
        rules = self.rules
        rules.vocabulary("service_category", d.category)
        rules.past(d.delivered_on, "the service date")
        try:
            units = _amount(d.units, "units", 8)
            cost = _amount(d.cost, "cost", 12) if d.cost is not None else None
        except DomainError as error:
            raise BrokenRule(f"demo data breaks a rule: {error}") from None
        _require(d.unit in ServiceUnit.values, f"unit {d.unit!r}")
        provider = self.orgs[d.provider]
        rules.provider(provider)
        staff = self.user(d.staff)
        rules.member(staff, provider, "the staff member")
        goal = goals[d.goal[0]][d.goal[1]] if d.goal is not None else None
        return ServiceDelivery(
            task_force=self.task_force, organization_id=client.organization_id, client=client,
            created_by=self.user(d.created_by), created_at=self.at(d.delivered_on),
            category=d.category, delivered_on=d.delivered_on, provider=provider, staff=staff,
            units=units, unit=d.unit, cost=cost, outcome=d.outcome.strip(), goal=goal,
        )  # fmt: skip

    def _consents(self, consents: list[tuple[Consent, ConsentPlan, Client]]) -> None:
        """Consents that expired or were revoked, and the shares made while they were in force."""
        _bulk(Consent, [c for c, _, _ in consents])
        through = Consent.recipients.through
        _bulk(through, [through(consent_id=c.pk, organization_id=self.orgs[k].pk)
                        for c, p, _ in consents for k in p.recipients])  # fmt: skip
        shares: list[Share] = []
        readers: list[list[User]] = []
        for consent, planned, client in consents:
            recipient_ids = {self.orgs[k].pk for k in planned.recipients}
            for s in planned.shares:
                recipient = self.orgs[s.recipient]
                groups = list(s.field_groups)
                named = [self.users[k] for k in s.readers]
                self.rules.share(consent, planned, recipient, groups, s.purpose, s.expires_on,
                                 s.created_on, named, recipient_ids)  # fmt: skip
                shares.append(Share(
                    task_force=self.task_force, organization_id=client.organization_id,
                    client=client, consent=consent, recipient=recipient, field_groups=groups,
                    purpose=s.purpose, expires_on=s.expires_on,
                    created_by=self.user(planned.recorded_by), created_at=self.at(s.created_on)))  # fmt: skip
                readers.append(named)
                self.loaded.add(client.organization_id, EventType.SHARE_CREATED, client.pk)
        _bulk(Share, shares)
        share_through = Share.recipient_users.through
        _bulk(share_through, [share_through(share_id=share.pk, user_id=user.pk)
                              for share, named in zip(shares, readers, strict=True)
                              for user in named])  # fmt: skip

    def summarize(self) -> None:
        """One audit event per organization and kind of record bulk-loaded, with the counts."""
        by_pk = {org.pk: org for org in self.orgs.values()}
        for (org_id, event), bucket in sorted(self.loaded.counts.items(), key=lambda i: (i[0][0], i[0][1].value)):
            clients = sum(1 for key in bucket if key.startswith("client:"))
            record(
                event,
                actor=None,
                task_force=self.task_force,
                organization=by_pk[org_id],
                changes={"loaded": BULK_MARK, "records": bucket["count"], "clients": clients},
            )


def build_caseload(
    task_force: TaskForce,
    tf_plan: TaskForcePlan,
    *,
    scale: str,
    seed: int,
    organizations: dict[str, Organization],
    users: dict[str, User],
    report: Progress,
) -> CaseloadPlan:
    """Create the planned survivors of one demo task force (call inside its transaction)."""
    plan = plan_caseload(
        tf_plan,
        scale=scale,
        seed=seed,
        today=today_in(task_force.pk),
        consent_max_days=task_force.consent_max_days,
    )
    builder = _Builder(task_force, plan, organizations, users, report)
    clients = builder.clients()
    builder.consents_in_force(clients)
    builder.history(clients)
    builder.summarize()
    builder.compelled(clients)
    return plan


# --- What was built, for tests and benchmarks ------------------------------------------------------


def caseload_summary(task_force: TaskForce) -> dict[str, Any]:
    """Counts and distributions of a task force's survivor data, without identifiers."""
    today = today_in(task_force.pk)
    clients = Client.objects.filter(task_force=task_force, deleted_at=None)
    consents = Consent.objects.filter(task_force=task_force)
    shares = Share.objects.filter(task_force=task_force)

    def by(queryset: Any, name: str) -> dict[str, int]:
        return dict(sorted(Counter(queryset.values_list(name, flat=True)).items(), key=lambda i: str(i[0])))

    in_force = Q(revoked_at=None, signed_on__lte=today, expires_on__gte=today)
    shares_in_force = shares.filter(
        revoked_at=None, expires_on__gte=today, consent__revoked_at=None,
        consent__signed_on__lte=today, consent__expires_on__gte=today,
    )  # fmt: skip
    fingerprint = sorted(
        f"{name}|{dob}|{age}|{intake}|{kind}|{org}"
        for name, dob, age, intake, kind, org in clients.values_list(
            "legal_name", "date_of_birth", "estimated_age", "intake_date", "trafficking_type",
            "organization__name")
    )  # fmt: skip
    return {
        "clients": clients.count(),
        "by_organization": by(clients, "organization__name"),
        "trafficking_type": by(clients, "trafficking_type"),
        "gender": by(clients, "gender"),
        "citizenship_status": by(clients, "citizenship_status"),
        "minor_at_intake": clients.filter(minor_at_intake=True).count(),
        "case_status": by(clients, "case_status"),
        "referral_source": by(clients, "referral_source"),
        "advocate_assignments": Client.advocates.through.objects.filter(client__in=clients).count(),
        "consents": consents.count(),
        "consents_in_force": consents.filter(in_force).count(),
        "consents_revoked": consents.exclude(revoked_at=None).count(),
        "consents_expired": consents.filter(revoked_at=None, expires_on__lt=today).count(),
        "shares": shares.count(),
        "shares_in_force": shares_in_force.count(),
        "shares_in_force_by_recipient": by(shares_in_force, "recipient__name"),
        "screenings": by_link(task_force),
        "needs_assessments": NeedsAssessment.objects.filter(task_force=task_force).count(),
        "service_plans": by(ServicePlan.objects.filter(task_force=task_force), "status"),
        "goals": by(Goal.objects.filter(task_force=task_force), "status"),
        "planned_services": PlannedService.objects.filter(task_force=task_force).count(),
        "plan_reviews": PlanReview.objects.filter(task_force=task_force).count(),
        "services": ServiceDelivery.objects.filter(task_force=task_force).count(),
        "service_cost": str(ServiceDelivery.objects.filter(task_force=task_force).aggregate(
            total=models.Sum("cost"))["total"] or Decimal(0)),
        "case_notes": by(CaseNote.objects.filter(task_force=task_force), "sensitive"),
        "trafficking_events": by(TraffickingEvent.objects.filter(task_force=task_force), "event_type"),
        "compelled_disclosures": CompelledDisclosure.objects.filter(task_force=task_force).count(),
        "notify_tasks_open": NotifySurvivorTask.objects.filter(task_force=task_force, done_at=None).count(),
        "fingerprint": hash_lines(fingerprint),
    }  # fmt: skip


def by_link(task_force: TaskForce) -> dict[str, int]:
    counts = Screening.objects.filter(task_force=task_force).aggregate(
        linked=Count("pk", filter=Q(client__isnull=False)),
        unlinked=Count("pk", filter=Q(client__isnull=True)),
    )
    return {"linked": counts["linked"], "unlinked": counts["unlinked"]}


def hash_lines(lines: list[str]) -> str:
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()
