"""The demo's survivor data: distributions, every rule the actions enforce, the access policy on
it, and determinism. The plan is checked without a database; the small demo is built for the rest."""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction

from ally import demo
from ally.access import visible_to
from ally.access.survivors import today_in
from ally.accounts.models import User
from ally.audit.chain import verify
from ally.audit.events import EventType
from ally.audit.models import AuditEvent
from ally.demo import names
from ally.demo.survivors import CLIENTS, caseload_summary, plan_caseload, words
from ally.survivors import vocabularies
from ally.survivors.models import (
    CaseNote,
    Client,
    CompelledDisclosure,
    Consent,
    Goal,
    NeedsAssessment,
    NotifySurvivorTask,
    PlannedService,
    PlanReview,
    Screening,
    ServiceDelivery,
    ServicePlan,
    Share,
    TraffickingEvent,
)
from ally.tenancy.models import Membership, Organization, TaskForce
from ally.tenancy.vocab import Discipline, MembershipRole

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(autouse=True)
def _demo_mode(settings):
    settings.DEMO = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@functools.cache
def _plan(scale: str = "small", seed: int = 1, today: dt.date = TODAY):
    return plan_caseload(demo.plan(scale, seed)[0], scale=scale, seed=seed, today=today)


def _share(values: list, wanted) -> float:
    return sum(1 for v in values if wanted(v)) / len(values)


# --- The plan (no database) ------------------------------------------------------------------


def test_the_plan_depends_on_the_seed_only():
    (tf_plan,) = demo.plan("small", 1)
    first = plan_caseload(tf_plan, scale="small", seed=1, today=TODAY)
    assert first == plan_caseload(tf_plan, scale="small", seed=1, today=TODAY)
    assert first != plan_caseload(demo.plan("small", 2)[0], scale="small", seed=2, today=TODAY)
    # Adding survivors changed none of the demo's accounts.
    assert demo.accounts("small", 1) == demo.accounts("small", 1)


def test_statewide_distributions_are_believable():
    plan = _plan("statewide")
    clients = plan.clients
    values = [c.values for c in clients]
    assert len(clients) == CLIENTS["statewide"] == 1500
    kinds = [v["trafficking_type"] for v in values]
    assert 0.28 <= _share(kinds, lambda k: k == "labor") <= 0.38
    assert 0.40 <= _share(kinds, lambda k: k == "sex") <= 0.55
    assert 0.05 <= _share(kinds, lambda k: k == "both") <= 0.15
    assert 0.05 <= _share(kinds, lambda k: k == "unknown") <= 0.15
    assert 0.16 <= _share(values, lambda v: v["minor_at_intake"]) <= 0.24
    assert 0.30 <= _share(values, lambda v: v["citizenship_status"] == "foreign_national") <= 0.40
    foreign_labor = [v for v in values if v["trafficking_type"] == "labor"]
    assert _share(foreign_labor, lambda v: v["citizenship_status"] == "foreign_national") > 0.6
    genders = Counter(v["gender"] for v in values)
    assert set(genders) <= set(vocabularies.vocabulary("prs_Gender").value_set())
    assert len(genders) >= 5 and genders["Feminine"] > genders["Masculine"] > 0.2 * len(values)
    assert len({v["country_of_origin"] for v in values}) >= 12
    assert len({lang for v in values for lang in v["languages"]}) >= 15
    for v in values:
        assert (v["labor_industry"] != "") == (v["trafficking_type"] in ("labor", "both"))
        assert v["exploitation_types"] or v["trafficking_type"] == "unknown"
        assert plan.since <= v["intake_date"] <= TODAY
        first, last = v["legal_name"].rsplit(" ", 1)
        assert first in names.FIRST_NAMES and last in names.LAST_NAMES
        if v["status_determined_by"]:
            assert v["trafficking_status"] in ("ActualVictimOfTrafficking", "NotAVictimOfTrafficking")
            assert v["intake_date"] <= v["status_determined_on"] <= TODAY
    # Three federal fiscal years, up to today (FY 2027 began on 1 October 2026).
    assert plan.since == dt.date(2024, 10, 1)
    fiscal_years = Counter(v["intake_date"].year + (v["intake_date"].month >= 10) for v in values)
    assert set(fiscal_years) == {2025, 2026, 2027}
    statuses = Counter(v["case_status"] for v in values)
    assert statuses["Active"] > statuses["Closed"] > 0 and statuses["ClosedReferred"] > 0
    assert {v["referral_source"] for v in values} == set(vocabularies.vocabulary("referral_source").value_set())
    providers = Counter(c.organization for c in clients)
    assert set(providers) == {"lead_vsp", "vsp2", "vsp3", "youth_shelter", "legal_aid", "tribal_vsp"}
    consents = [k for c in clients for k in c.consents]
    states = Counter(k.state for k in consents)
    assert states["active"] > states["expired"] > states["revoked"] > 50
    assert 0.45 <= _share(clients, lambda c: bool(c.consents)) <= 0.7
    assert sum(1 for c in clients if c.screening) > 0.8 * len(clients)
    assert len(plan.unlinked_screenings) >= 50
    per_client = sum(len(c.deliveries) for c in clients) / len(clients)
    assert 8 <= per_client <= 20
    goals = [g for c in clients for p in c.plans for g in p.goals]
    assert {g.text for g in goals} & set(words.GOALS_ES) and {g.text for g in goals} & set(words.GOALS_EN)
    assert all(1 <= len(p.goals) <= 4 for c in clients for p in c.plans)


def test_national_is_ten_task_forces_of_the_national_size():
    for tf_plan in demo.plan("national", 1)[:2]:
        plan = plan_caseload(tf_plan, scale="national", seed=1, today=TODAY)
        assert len(plan.clients) == CLIENTS["national"]
        assert {c.values["state"] for c in plan.clients} == set(tf_plan.states)


def test_screening_answers_point_to_the_kind_of_trafficking():
    from ally.survivors.screening import load_instrument, score

    instrument = load_instrument("ally-screening")
    plan = _plan("statewide")
    results: dict[str, list[dict[str, str]]] = {"labor": [], "sex": []}
    for client in plan.clients:
        kind = client.values["trafficking_type"]
        if client.screening is not None and kind in results:
            results[kind].append(dict(score(instrument, client.screening.answers).suggested_level))
    assert _share(results["labor"], lambda r: r["labor"] == "strong_indicators") > 0.8
    assert _share(results["sex"], lambda r: r["sex"] == "strong_indicators") > 0.8
    assert _share(results["labor"], lambda r: r["sex"] == "none") > 0.6


# --- Built -----------------------------------------------------------------------------------


def _build_small() -> TaskForce:
    (task_force,) = demo.build("small", 1).task_forces
    return task_force


def _user(persona: str) -> User:
    return User.objects.get(email=demo.account(persona, "small", 1).email)


@pytest.mark.django_db
def test_the_small_demo_has_every_kind_of_survivor_record():
    calls: list[tuple[str, int, int]] = []
    result = demo.build("small", 1, progress=lambda what, done, total: calls.append((what, done, total)))
    (tf,) = result.task_forces
    phases = [what for what, done, total in calls if done == total]
    care = [p for p in phases if p.endswith(("clients", "consents and shares", "care history"))]
    assert care == ["demo-small: clients", "demo-small: consents and shares", "demo-small: care history"]
    assert phases[-1] == "demo-small: referrals"
    summary = caseload_summary(tf)
    plan = plan_caseload(demo.plan("small", 1)[0], scale="small", seed=1, today=today_in(tf.pk))
    assert summary["clients"] == len(plan.clients) == CLIENTS["small"]
    assert summary["consents"] == sum(len(c.consents) for c in plan.clients)
    assert summary["consents_in_force"] > 0 and summary["consents_expired"] > 0
    assert summary["consents_revoked"] > 0
    assert summary["services"] == sum(len(c.deliveries) for c in plan.clients)
    assert summary["screenings"]["linked"] > 0 and summary["screenings"]["unlinked"] > 0
    for model in (NeedsAssessment, ServicePlan, Goal, PlannedService, PlanReview, TraffickingEvent):
        assert model.objects.filter(task_force=tf).exists(), model
    assert CaseNote.objects.filter(task_force=tf, sensitive=True).exists()
    assert ServiceDelivery.objects.filter(task_force=tf, cost__isnull=False).exists()
    assert Goal.objects.filter(task_force=tf, text__in=words.GOALS_ES).exists()
    # Shares in force to law enforcement, the investigator personas' agencies among them.
    today = today_in(tf.pk)
    in_force = Share.objects.filter(
        task_force=tf, revoked_at=None, expires_on__gte=today, consent__revoked_at=None,
        consent__expires_on__gte=today, recipient__discipline=Discipline.LAW_ENFORCEMENT)
    for persona in ("investigator_local", "investigator_state"):
        (agency,) = Membership.objects.filter(user=_user(persona)).values_list("organization", flat=True)
        assert in_force.filter(recipient=agency).values("client").distinct().count() >= 4, persona
    # Shares on consents that expired or were revoked are there, and grant nothing now.
    lapsed = Share.objects.filter(task_force=tf).exclude(consent__revoked_at=None)
    lapsed = list(lapsed) + list(Share.objects.filter(task_force=tf, consent__expires_on__lt=today))
    assert lapsed and all(not s.granted_groups(today) for s in lapsed)
    # Compelled disclosures, each with a notify task; one done, the others still open.
    assert CompelledDisclosure.objects.filter(task_force=tf).count() == 2
    tasks = NotifySurvivorTask.objects.filter(task_force=tf)
    assert tasks.filter(done_at=None).exists() and tasks.exclude(done_at=None).exists()
    # The history is summarized in the audit log, which still verifies.
    summaries = AuditEvent.objects.filter(task_force=tf, changes__loaded__isnull=False)
    assert {e.event_type for e in summaries} >= {
        EventType.SERVICE_RECORDED, EventType.NOTE_ADDED, EventType.CONSENT_RECORDED,
        EventType.SHARE_CREATED, EventType.SCREENING_RECORDED, EventType.ADVOCATE_ASSIGNED,
    }
    assert AuditEvent.objects.filter(task_force=tf, event_type=EventType.CLIENT_CREATED).count() == 120
    assert verify() == []


@pytest.mark.django_db
def test_the_demo_data_keeps_every_rule_the_actions_enforce():
    tf = _build_small()
    today = today_in(tf.pk)
    zone = ZoneInfo(tf.time_zone)
    members = set(Membership.objects.filter(is_active=True).values_list("user_id", "organization_id"))
    clients = {c.pk: c for c in Client.objects.filter(task_force=tf).prefetch_related("advocates")}
    for client in clients.values():
        assert client.organization.discipline == Discipline.VICTIM_SERVICES
        assert client.intake_date <= today
        assert client.advocates.exists()
        assert all((a.pk, client.organization_id) in members for a in client.advocates.all())
    for consent in Consent.objects.filter(task_force=tf).prefetch_related("recipients"):
        client = clients[consent.client_id]
        assert consent.organization_id == client.organization_id
        assert consent.signed_on <= today and consent.signed_on < consent.expires_on
        assert consent.expires_on <= consent.signed_on + dt.timedelta(days=tf.consent_max_days)
        assert consent.field_groups and consent.purposes
        recipients = list(consent.recipients.all())
        assert recipients and all(
            r.task_force_id == tf.pk and r.pk != client.organization_id for r in recipients)
        if client.is_minor_on(consent.signed_on):
            assert consent.guardian_name or consent.minor_consents_alone_basis
        if consent.revoked_at is not None:
            assert consent.signed_on <= consent.revoked_at.astimezone(zone).date() <= today
    for share in Share.objects.filter(task_force=tf).select_related("consent").prefetch_related(
            "recipient_users", "consent__recipients"):
        consent = share.consent
        made_on = share.created_at.astimezone(zone).date()
        assert share.client_id == consent.client_id
        assert share.recipient in consent.recipients.all()
        assert set(share.field_groups) <= set(consent.field_groups)
        assert share.purpose in consent.purposes
        assert made_on <= share.expires_on <= consent.expires_on
        assert consent.signed_on <= made_on
        if consent.revoked_at is not None:
            assert made_on <= consent.revoked_at.astimezone(zone).date()
        assert all((u.pk, share.recipient_id) in members for u in share.recipient_users.all())
    for service in ServiceDelivery.objects.filter(task_force=tf):
        assert service.delivered_on <= today
        assert service.delivered_on >= clients[service.client_id].intake_date
        assert vocabularies.is_valid("service_category", service.category)
        assert service.units >= 0 and (service.cost is None or service.cost >= 0)
        assert service.staff_id is None or (service.staff_id, service.provider_id) in members
        assert service.goal is None or service.goal.client_id == service.client_id
    for plan in ServicePlan.objects.filter(task_force=tf):
        assert plan.started_on <= today
        assert plan.closed_on is None or plan.started_on <= plan.closed_on <= today
        open_ranks = sorted(plan.goals.filter(status="open").values_list("priority", flat=True))
        assert open_ranks == list(range(1, len(open_ranks) + 1))
        for review in plan.reviews.all():
            assert plan.started_on <= review.reviewed_on <= (plan.closed_on or today)
            assert review.next_review_on is None or review.next_review_on > review.reviewed_on
    active_plans = Counter(ServicePlan.objects.filter(task_force=tf, status="active").values_list("client", flat=True))
    assert max(active_plans.values()) == 1
    for model, day in ((NeedsAssessment, "assessed_on"), (PlanReview, "reviewed_on"),
                       (Screening, "screened_on")):
        assert not model.objects.filter(task_force=tf, **{f"{day}__gt": today}).exists()
    assert not TraffickingEvent.objects.filter(task_force=tf, occurred_on__gt=today).exists()
    assert not CaseNote.objects.filter(task_force=tf, written_at__date__gt=today).exists()
    for screening in Screening.objects.filter(task_force=tf).exclude(client=None):
        assert screening.organization_id == clients[screening.client_id].organization_id


@pytest.mark.django_db
def test_the_access_policy_holds_on_the_demo_data():
    tf = _build_small()
    today = today_in(tf.pk)
    roles = {(m.user_id, m.organization_id): m.role for m in Membership.objects.filter(is_active=True)}
    advocates = set(Client.advocates.through.objects.values_list("client_id", "user_id"))
    shares = list(Share.objects.filter(task_force=tf).select_related("consent").prefetch_related(
        "recipient_users", "consent__recipients"))
    clients = list(Client.objects.filter(task_force=tf))

    def expected(user: User) -> set[int]:
        seen = set()
        for client in clients:
            role = roles.get((user.pk, client.organization_id))
            if role in (MembershipRole.SUPERVISOR, MembershipRole.ORG_ADMIN) or (
                    role is not None and (client.pk, user.pk) in advocates):
                seen.add(client.pk)
        for share in shares:
            readers = list(share.recipient_users.all())
            if ((user.pk, share.recipient_id) in roles and share.granted_groups(today)
                    and share.recipient in share.consent.recipients.all()
                    and (not readers or user in readers)):
                seen.add(share.client_id)
        return seen

    for account in demo.accounts("small", 1):
        user = User.objects.get(email=account.email)
        assert set(visible_to(user, Client).values_list("pk", flat=True)) == expected(user), account.key
    lead, tribal = (Organization.objects.get(task_force=tf, name=n) for n in (
        "Harbor Light Survivor Services", "Pine Lake Band Family Healing Program"))
    advocate = _user("advocate")
    seen = visible_to(advocate, Client)
    assert seen.filter(organization=lead).exists()
    assert set(seen.filter(organization=lead)) == set(Client.objects.filter(advocates=advocate))
    # Of another provider's clients, only those shared with hers under a consent in force.
    shared_with_lead = {s.client_id for s in shares if s.recipient_id == lead.pk and s.granted_groups(today)}
    assert set(seen.filter(organization=tribal).values_list("pk", flat=True)) <= shared_with_lead
    assert Client.objects.filter(organization=tribal).count() > len(shared_with_lead)
    assert seen.filter(organization=tribal).count() < Client.objects.filter(organization=tribal).count()
    detective = _user("investigator_local")
    assert visible_to(detective, Client).count() >= 4
    assert set(visible_to(detective, Client).values_list("pk", flat=True)) <= {s.client_id for s in shares}
    for persona in ("coordinator", "auditor", "outsider", "labor_inspector"):
        seen_by = set(visible_to(_user(persona), Client).values_list("pk", flat=True))
        assert seen_by == expected(_user(persona)) and seen_by <= {s.client_id for s in shares}
    supervisor = _user("vsp_supervisor")
    assert visible_to(supervisor, Client).filter(organization=lead).count() == Client.objects.filter(
        organization=lead).count()


class _Rollback(Exception):
    pass


@pytest.mark.django_db
def test_the_same_seed_builds_the_same_survivor_data():
    summaries = []
    for _ in range(2):
        with pytest.raises(_Rollback), transaction.atomic():
            summaries.append(caseload_summary(_build_small()))
            raise _Rollback
    assert not TaskForce.objects.exists()
    first, second = summaries
    assert first == second
    assert first["clients"] == CLIENTS["small"] and first["shares_in_force"] > 0
