"""The survivor-driven care record: needs, plans, services, case notes, and who reads them."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ally.access.care import (
    access_note,
    access_service,
    needs_for,
    notes_for,
    plans_for,
    reads_sensitive_notes,
    services_for,
)
from ally.access.survivors import ClientAccess, today_in
from ally.accounts.models import User
from ally.audit.models import AuditEvent, DisclosureLog
from ally.core.errors import Conflict, InvalidInput, NotPermitted, NotVisible
from ally.survivors import actions, care
from ally.survivors.fieldgroups import ALL_GROUPS
from ally.survivors.models import CaseNote, Goal, ServiceDelivery, ServicePlan
from tests import factories


@pytest.fixture
def client_record(vsp, advocate):
    return actions.create_client(vsp, acting_user=advocate, legal_name="Maria Example")


@pytest.fixture
def today(tf):
    return today_in(tf.pk)


@pytest.fixture
def supervisor(vsp):
    return factories.member(vsp, "supervisor", full_name="Sam Supervisor")


def _fresh(user):
    """The user as the next request loads them (grants are cached per request)."""
    return User.objects.get(pk=user.pk)


def _share(client, recipient, groups, today):
    consent = actions.record_consent(
        client,
        acting_user=None,
        recipients=[recipient],
        field_groups=list(groups),
        purposes=["law_enforcement_coordination"],
        signed_on=today,
        expires_on=today + dt.timedelta(days=90),
        signature_method="scanned_form",
    )
    actions.share_client(
        client,
        recipient=recipient,
        field_groups=list(groups),
        purpose="law_enforcement_coordination",
        acting_user=None,
    )
    return consent


def _service(client, user, today, **values):
    return care.record_service(
        client,
        acting_user=user,
        category=values.pop("category", "case_management"),
        delivered_on=values.pop("delivered_on", today),
        units=values.pop("units", Decimal("1.5")),
        **values,
    )


# Services


def test_a_routine_service_takes_one_short_form(client_record, advocate, vsp, today):
    service = care.record_service(
        client_record, acting_user=advocate, category="transportation", delivered_on=today,
        units=Decimal("2"), unit="trips",
    )
    service.refresh_from_db()
    assert (service.category, service.units, service.unit) == ("transportation", Decimal("2"), "trips")
    assert service.provider == vsp
    assert service.organization == vsp
    assert list(services_for(advocate, client_record)) == [service]


def test_a_service_dated_in_the_future_is_refused_and_nothing_is_saved(client_record, advocate, today):
    with pytest.raises(InvalidInput, match="future"):
        _service(client_record, advocate, today, delivered_on=today + dt.timedelta(days=1))
    assert not ServiceDelivery.objects.exists()
    assert not AuditEvent.objects.filter(event_type="care.service_recorded").exists()


@pytest.mark.parametrize(
    "values",
    [
        {"category": "spa_day"},
        {"units": Decimal("-1")},
        {"unit": "minutes"},
        {"cost": Decimal("-5.00")},
    ],
)
def test_bad_service_values_are_refused(client_record, advocate, today, values):
    with pytest.raises(InvalidInput):
        _service(client_record, advocate, today, **values)
    assert not ServiceDelivery.objects.exists()


def test_a_service_links_only_a_goal_of_the_same_client(client_record, vsp, advocate, today):
    other = actions.create_client(vsp, acting_user=advocate, legal_name="Other Person")
    care.start_plan(other, acting_user=advocate, started_on=today)
    foreign_goal = care.add_goal(other, acting_user=advocate, text="Find work")
    with pytest.raises(InvalidInput, match="goal"):
        _service(client_record, advocate, today, goal=foreign_goal)


def test_a_correction_replaces_the_service_and_keeps_the_original(client_record, advocate, today):
    service = _service(client_record, advocate, today, cost=Decimal("40.00"))
    fixed = care.correct_service(service, acting_user=advocate, reason="typo in cost", cost=Decimal("45.00"))
    service.refresh_from_db()
    assert service.deleted_reason == "typo in cost" and service.deleted_at is not None
    assert fixed is not None and fixed.corrects == service and fixed.cost == Decimal("45.00")
    assert list(services_for(advocate, client_record)) == [fixed]


def test_a_service_recorded_in_error_is_withdrawn(client_record, advocate, today):
    service = _service(client_record, advocate, today)
    assert care.correct_service(service, acting_user=advocate, reason="wrong client") is None
    assert not services_for(advocate, client_record).exists()


def test_services_are_visible_through_a_services_share_until_the_consent_is_revoked(
    client_record, advocate, police, detective, today
):
    service = _service(client_record, advocate, today)
    consent = _share(client_record, police, ["services"], today)
    assert list(services_for(detective, client_record)) == [service]
    assert DisclosureLog.objects.filter(reader=detective, field_groups=["services"]).exists()
    actions.revoke_consent(consent, acting_user=advocate)
    with pytest.raises(NotVisible):
        services_for(_fresh(detective), client_record)
    with pytest.raises(NotVisible):
        access_service(_fresh(detective), service.pk)


def test_a_share_without_services_shows_no_services_plans_or_needs(client_record, advocate, police, detective, today):
    _service(client_record, advocate, today)
    care.start_plan(client_record, acting_user=advocate, started_on=today)
    care.assess_needs(client_record, acting_user=advocate, assessed_on=today, needs=[{"domain": "housing", "level": "urgent"}])
    _share(client_record, police, ["identity"], today)
    assert not services_for(detective, client_record).exists()
    assert not plans_for(detective, client_record).exists()
    assert not needs_for(detective, client_record).exists()


def test_an_investigator_cannot_record_a_service(client_record, police, detective, today):
    _share(client_record, police, ["services"], today)
    with pytest.raises(NotPermitted):
        _service(client_record, detective, today)


def test_services_for_costs_the_same_queries_for_one_or_twenty(client_record, advocate, today):
    care.start_plan(client_record, acting_user=advocate, started_on=today)
    goal = care.add_goal(client_record, acting_user=advocate, text="Stable housing")
    _service(client_record, advocate, today, staff=advocate, goal=goal)

    def read():
        return [(s.provider.name, s.staff and s.staff.full_name, s.goal and s.goal.text) for s in services_for(_fresh(advocate), client_record)]

    with CaptureQueriesContext(connection) as one:
        assert len(read()) == 1
    for _ in range(19):
        _service(client_record, advocate, today, staff=advocate, goal=goal)
    with CaptureQueriesContext(connection) as twenty:
        assert len(read()) == 20
    assert len(twenty) == len(one)


# Needs and the plan


def test_needs_are_rated_by_domain(client_record, advocate, today):
    needs = [{"domain": "housing", "level": "urgent", "note": "Shelter ends Friday"}, {"domain": "legal", "level": "met"}]
    assessment = care.assess_needs(client_record, acting_user=advocate, assessed_on=today, needs=needs)
    assert assessment.needs[0] == {"domain": "housing", "level": "urgent", "note": "Shelter ends Friday"}
    with pytest.raises(InvalidInput):
        care.assess_needs(client_record, acting_user=advocate, assessed_on=today, needs=[{"domain": "housing", "level": "dire"}])
    with pytest.raises(InvalidInput):
        care.assess_needs(client_record, acting_user=advocate, assessed_on=today, needs=[{"domain": "horses", "level": "low"}])


def test_only_one_plan_is_active_at_a_time(client_record, advocate, today):
    plan = care.start_plan(client_record, acting_user=advocate, started_on=today)
    with pytest.raises(Conflict):
        care.start_plan(client_record, acting_user=advocate, started_on=today)
    care.close_plan(plan, acting_user=advocate, closed_on=today)
    care.start_plan(client_record, acting_user=advocate, started_on=today)
    assert ServicePlan.objects.filter(client=client_record).count() == 2


def test_goals_keep_the_survivors_words_and_her_order(client_record, advocate, today):
    care.start_plan(client_record, acting_user=advocate, started_on=today)
    words = "  Get my kids back before summer — ¡con mi mamá!  "
    kids = care.add_goal(client_record, acting_user=advocate, text=words)
    job = care.add_goal(client_record, acting_user=advocate, text="A job with papers")
    safe = care.add_goal(client_record, acting_user=advocate, text="Feel safe at night", priority=1)
    ranked = list(Goal.objects.filter(plan__client=client_record, status="open").order_by("priority"))
    assert ranked == [safe, kids, job]
    assert ranked[1].text == words.strip()
    care.update_goal(job, version=1, acting_user=advocate, priority=1)
    assert [g.pk for g in Goal.objects.order_by("priority")] == [job.pk, safe.pk, kids.pk]
    care.update_goal(safe, version=1, acting_user=advocate, status="achieved")
    open_goals = Goal.objects.filter(status="open").order_by("priority")
    assert [(g.pk, g.priority) for g in open_goals] == [(job.pk, 1), (kids.pk, 2)]


def test_a_reopened_goal_goes_last_and_closed_goals_have_no_priority(client_record, advocate, today):
    care.start_plan(client_record, acting_user=advocate, started_on=today)
    first = care.add_goal(client_record, acting_user=advocate, text="Housing")
    second = care.add_goal(client_record, acting_user=advocate, text="School")
    first = care.update_goal(first, version=1, acting_user=advocate, status="dropped")
    with pytest.raises(InvalidInput, match="Only open goals"):
        care.update_goal(first, version=2, acting_user=advocate, priority=1)
    first = care.update_goal(first, version=2, acting_user=advocate, status="open")
    second.refresh_from_db()
    assert (second.priority, first.priority) == (1, 2)


def test_a_goal_needs_words_and_a_priority_in_range(client_record, advocate, today):
    care.start_plan(client_record, acting_user=advocate, started_on=today)
    with pytest.raises(InvalidInput):
        care.add_goal(client_record, acting_user=advocate, text="   ")
    with pytest.raises(InvalidInput):
        care.add_goal(client_record, acting_user=advocate, text="Housing", priority=3)
    assert not Goal.objects.exists()


def test_a_stale_goal_edit_is_refused(client_record, advocate, supervisor, today):
    care.start_plan(client_record, acting_user=advocate, started_on=today)
    goal = care.add_goal(client_record, acting_user=advocate, text="Learn English")
    care.update_goal(goal, version=1, acting_user=supervisor, text="Learn English well")
    with pytest.raises(Conflict):
        care.update_goal(goal, version=1, acting_user=advocate, status="dropped")
    goal.refresh_from_db()
    assert (goal.text, goal.status, goal.version) == ("Learn English well", "open", 2)


def test_plan_reviews_are_dated_in_the_past_and_the_next_one_later(client_record, advocate, today):
    care.start_plan(client_record, acting_user=advocate, started_on=today - dt.timedelta(days=30))
    with pytest.raises(InvalidInput, match="future"):
        care.review_plan(client_record, acting_user=advocate, reviewed_on=today + dt.timedelta(days=1), summary="ok")
    with pytest.raises(InvalidInput, match="next review"):
        care.review_plan(client_record, acting_user=advocate, reviewed_on=today, summary="ok", next_review_on=today)
    with pytest.raises(InvalidInput, match="before the plan started"):
        care.review_plan(client_record, acting_user=advocate, reviewed_on=today - dt.timedelta(days=31), summary="ok")
    review = care.review_plan(
        client_record, acting_user=advocate, reviewed_on=today, summary="Housing found", next_review_on=today + dt.timedelta(days=90)
    )
    plan = plans_for(advocate, client_record).get()
    assert list(plan.reviews.all()) == [review]


def test_services_are_planned_from_any_partner_of_the_task_force(client_record, advocate, police, today):
    care.start_plan(client_record, acting_user=advocate, started_on=today)
    goal = care.add_goal(client_record, acting_user=advocate, text="Papers")
    planned = care.plan_service(client_record, acting_user=advocate, category="immigration_legal", provider=police, goal=goal)
    assert planned.provider == police and planned.organization == client_record.organization
    other_tf = factories.organization(factories.task_force(), "Far Away Legal Aid")
    with pytest.raises(InvalidInput):
        care.plan_service(client_record, acting_user=advocate, category="civil_legal", provider=other_tf)


# Case notes


@pytest.fixture
def notes(client_record, advocate):
    plain = care.add_case_note(client_record, acting_user=advocate, note_type="contact", text="Called; doing well.")
    secret = care.add_case_note(
        client_record, acting_user=advocate, note_type="safety", text="Trafficker seen near the school.", sensitive=True
    )
    return plain, secret


def test_sensitive_notes_are_for_the_assigned_advocate_and_supervisors(client_record, notes, advocate, supervisor, vsp_admin):
    plain, secret = notes
    assert set(notes_for(advocate, client_record)) == {plain, secret}
    assert set(notes_for(supervisor, client_record)) == {plain, secret}
    assert set(notes_for(vsp_admin, client_record)) == {plain, secret}


def test_a_colleague_not_assigned_to_the_client_reads_no_notes(client_record, notes, vsp):
    colleague = factories.member(vsp)
    with pytest.raises(NotVisible):
        notes_for(colleague, client_record)
    with pytest.raises(NotVisible):
        access_note(colleague, notes[1].pk)


def test_owning_organization_members_read_sensitive_notes_only_when_assigned(client_record, vsp):
    colleague = factories.member(vsp)
    as_owner = ClientAccess(client_record, ALL_GROUPS)
    assert not reads_sensitive_notes(colleague, as_owner)
    actions.assign_advocate(client_record, user=colleague, acting_user=None)
    assert reads_sensitive_notes(_fresh(colleague), as_owner)


def test_sensitive_notes_never_go_through_a_share(client_record, notes, police, detective, today):
    plain, secret = notes
    _share(client_record, police, ["notes"], today)
    assert list(notes_for(detective, client_record)) == [plain]
    with pytest.raises(NotVisible):
        access_note(detective, secret.pk)
    assert access_note(detective, plain.pk) == plain


def test_notes_need_a_share_that_grants_notes(client_record, notes, police, detective, today):
    _share(client_record, police, ["services"], today)
    assert not notes_for(detective, client_record).exists()


def test_notes_are_corrected_by_a_new_note_never_edited(client_record, notes, advocate, police, detective, today):
    plain, secret = notes
    fix = care.add_case_note(client_record, acting_user=advocate, note_type="safety", text="It was the uncle.", corrects=secret)
    assert fix.sensitive and fix.corrects == secret
    secret.refresh_from_db()
    assert secret.text == "Trafficker seen near the school."
    _share(client_record, police, ["notes"], today)
    assert list(notes_for(detective, client_record)) == [plain]


def test_no_note_text_reaches_the_audit_log(client_record, notes):
    events = AuditEvent.objects.filter(event_type="care.note_added")
    assert events.count() == 2
    logged = json.dumps([e.changes for e in events])
    assert "Trafficker" not in logged and "doing well" not in logged
    assert set(events.first().changes["fields"]) == {"note_type", "text", "sensitive"}


def test_no_goal_or_review_words_reach_the_audit_log(client_record, advocate, today):
    care.start_plan(client_record, acting_user=advocate, started_on=today)
    goal = care.add_goal(client_record, acting_user=advocate, text="Leave the farm")
    care.update_goal(goal, version=1, acting_user=advocate, text="Leave the farm for good")
    care.review_plan(client_record, acting_user=advocate, reviewed_on=today, summary="Moved out")
    logged = json.dumps([e.changes for e in AuditEvent.objects.all()])
    assert "farm" not in logged and "Moved out" not in logged


def test_a_note_type_comes_from_the_list(client_record, advocate):
    with pytest.raises(InvalidInput):
        care.add_case_note(client_record, acting_user=advocate, note_type="gossip", text="x")
    assert not CaseNote.objects.exists()
