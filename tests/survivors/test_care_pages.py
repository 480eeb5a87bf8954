"""The care record's pages: needs and plan, corrections, trafficking events, advocates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ally.access.survivors import today_in
from ally.audit.models import AuditEvent, DisclosureLog
from ally.survivors import actions, care
from ally.survivors.models import CaseNote, Goal, ServiceDelivery, TraffickingEvent
from tests import factories
from tests.conftest import client_for


@pytest.fixture
def maria(vsp, advocate):
    return actions.create_client(vsp, acting_user=advocate, legal_name="Maria Example", trafficking_type="labor")


@pytest.fixture
def supervisor(vsp):
    return factories.member(vsp, "supervisor", full_name="Sam Supervisor")


def _share(client, recipient, groups):
    today = today_in(client.task_force_id)
    actions.record_consent(
        client, acting_user=None, recipients=[recipient], field_groups=groups,
        purposes=["law_enforcement_coordination"], signed_on=today, expires_on=today + dt.timedelta(days=30),
        signature_method="scanned_form",
    )
    actions.share_client(client, recipient=recipient, field_groups=groups, purpose="law_enforcement_coordination", acting_user=None)


def test_the_plan_is_built_from_the_plan_page_in_the_survivors_order(maria, advocate):
    browser = client_for(advocate)
    today = today_in(maria.task_force_id).isoformat()
    assert "No active service plan" in browser.get(f"/clients/{maria.pk}/plan/").content.decode()
    browser.post(f"/clients/{maria.pk}/plan/start/", {"started_on": today})
    browser.post(f"/clients/{maria.pk}/goals/new/", {"goal-text": "Find a safe place to live"})
    browser.post(f"/clients/{maria.pk}/goals/new/", {"goal-text": "  Get my passport back ", "goal-priority": "1"})
    page = browser.get(f"/clients/{maria.pk}/plan/").content.decode()
    assert page.index("Get my passport back") < page.index("Find a safe place to live")
    assert "“Get my passport back”" in page  # her words, only the outer spaces trimmed
    browser.post(f"/clients/{maria.pk}/planned-services/new/", {"planned-category": "transitional_housing", "planned-frequency": "weekly"})
    browser.post(f"/clients/{maria.pk}/plan-reviews/new/", {"review-reviewed_on": today, "review-summary": "Passport office called."})
    page = browser.get(f"/clients/{maria.pk}/plan/").content.decode()
    assert "weekly" in page and "Passport office called." in page


def test_a_goal_changed_by_someone_else_meanwhile_is_not_overwritten(maria, advocate, vsp_admin):
    care.start_plan(maria, acting_user=advocate, started_on=today_in(maria.task_force_id))
    goal = care.add_goal(maria, acting_user=advocate, text="Learn English")
    care.update_goal(goal, version=goal.version, acting_user=vsp_admin, text="Learn English at night school")
    response = client_for(advocate).post(
        f"/goals/{goal.pk}/edit/", {"text": "Learn to drive", "status": "open", "priority": "1", "version": goal.version}
    )
    assert response.status_code == 200
    assert "Someone else changed this goal" in response.content.decode()
    assert Goal.objects.get(pk=goal.pk).text == "Learn English at night school"


def test_a_plan_step_with_bad_input_says_why_and_saves_nothing(maria, advocate):
    browser = client_for(advocate)
    response = browser.post(f"/clients/{maria.pk}/goals/new/", {"goal-text": "Go back to school"}, follow=True)
    assert "no active service plan" in response.content.decode()
    future = (today_in(maria.task_force_id) + dt.timedelta(days=2)).isoformat()
    response = browser.post(f"/clients/{maria.pk}/plan/start/", {"started_on": future}, follow=True)
    assert "not in the future" in response.content.decode()
    assert not maria.service_plans.exists() and not Goal.objects.exists()


def test_needs_are_rated_per_domain_and_unrated_ones_left_out(maria, advocate):
    browser = client_for(advocate)
    today = today_in(maria.task_force_id).isoformat()
    assert browser.get(f"/clients/{maria.pk}/needs/new/").status_code == 200
    response = browser.post(
        f"/clients/{maria.pk}/needs/new/",
        {"assessed_on": today, "level_housing": "urgent", "note_housing": "Sleeping in a car", "level_legal": ""},
    )
    assert response.status_code == 302
    assessment = maria.needs_assessments.get()
    assert assessment.needs == [{"domain": "housing", "level": "urgent", "note": "Sleeping in a car"}]
    assert "Sleeping in a car" in browser.get(f"/clients/{maria.pk}/plan/").content.decode()
    response = browser.post(f"/clients/{maria.pk}/needs/new/", {"assessed_on": today})
    assert "Rate at least one need" in response.content.decode()


def test_a_reader_granted_services_sees_the_plan_without_forms_and_the_read_is_logged_once(maria, police, detective, advocate):
    care.start_plan(maria, acting_user=advocate, started_on=today_in(maria.task_force_id))
    care.add_goal(maria, acting_user=advocate, text="Testify safely")
    _share(maria, police, ["identity", "services"])
    page = client_for(detective).get(f"/clients/{maria.pk}/plan/").content.decode()
    assert "Testify safely" in page and "Add a goal" not in page and "Assess needs" not in page
    assert DisclosureLog.objects.filter(reader=detective).count() == 1


def test_a_reader_without_services_gets_404_on_the_plan(maria, police, detective):
    _share(maria, police, ["identity"])
    assert client_for(detective).get(f"/clients/{maria.pk}/plan/").status_code == 404


def test_a_corrected_service_keeps_the_original_with_the_reason(maria, advocate):
    service = care.record_service(
        maria, acting_user=advocate, category="transportation", delivered_on=today_in(maria.task_force_id), units=Decimal(1), unit="trips"
    )
    browser = client_for(advocate)
    assert "Correct" in browser.get(f"/clients/{maria.pk}/").content.decode()
    response = browser.post(f"/services/{service.pk}/correct/", {
        "category": "transportation", "delivered_on": service.delivered_on.isoformat(), "units": "2",
        "unit": "trips", "reason": "Two trips that day",
    })
    assert response.status_code == 302
    original = ServiceDelivery.objects.get(pk=service.pk)
    assert original.deleted_at is not None and original.deleted_reason == "Two trips that day"
    assert ServiceDelivery.objects.get(corrects=original).units == Decimal(2)


def test_a_service_recorded_in_error_is_withdrawn_only_with_a_reason(maria, advocate):
    service = care.record_service(
        maria, acting_user=advocate, category="transportation", delivered_on=today_in(maria.task_force_id), units=Decimal(1)
    )
    values = {"withdraw": "on", "category": "transportation", "delivered_on": service.delivered_on.isoformat(), "units": "1", "unit": "hours"}
    response = client_for(advocate).post(f"/services/{service.pk}/correct/", values)
    assert response.status_code == 200 and ServiceDelivery.objects.get(pk=service.pk).deleted_at is None
    client_for(advocate).post(f"/services/{service.pk}/correct/", {**values, "reason": "Wrong client"})
    assert not ServiceDelivery.objects.filter(deleted_at=None).exists()


def test_a_note_correction_is_a_new_note_and_a_sensitive_one_stays_sensitive(maria, advocate, vsp):
    note = care.add_case_note(maria, acting_user=advocate, note_type="safety", text="Lives at 12 Elm St", sensitive=True)
    response = client_for(advocate).post(f"/notes/{note.pk}/correct/", {"text": "Lives at 14 Elm St"})
    assert response.status_code == 302
    correction = CaseNote.objects.get(corrects=note)
    assert correction.sensitive and CaseNote.objects.get(pk=note.pk).text == "Lives at 12 Elm St"
    colleague = factories.member(vsp)
    assert client_for(colleague).get(f"/notes/{note.pk}/correct/").status_code == 404
    page = client_for(colleague).get(f"/clients/{maria.pk}/").content.decode()
    assert "Elm St" not in page


def test_trafficking_events_show_as_exactly_as_remembered(maria, advocate):
    browser = client_for(advocate)
    response = browser.post(f"/clients/{maria.pk}/trafficking-events/new/", {
        "event_type": "Recruitment", "occurred_on": "2024-03-17", "date_precision": "month",
        "country": "Guatemala", "city": "Quetzaltenango",
    })
    assert response.status_code == 302
    event = TraffickingEvent.objects.get()
    assert event.occurred_on == dt.date(2024, 3, 1)
    page = browser.get(f"/clients/{maria.pk}/").content.decode()
    assert "Quetzaltenango" in page and "March 2024" in page and "March 1" not in page


def test_an_event_with_neither_date_nor_place_or_in_the_future_is_refused(maria, advocate):
    browser = client_for(advocate)
    response = browser.post(f"/clients/{maria.pk}/trafficking-events/new/", {"event_type": "Transit", "date_precision": "day"})
    assert "Give the event a date or a place" in response.content.decode()
    future = (today_in(maria.task_force_id) + dt.timedelta(days=1)).isoformat()
    response = browser.post(f"/clients/{maria.pk}/trafficking-events/new/", {"event_type": "Transit", "occurred_on": future, "date_precision": "day"})
    assert "not in the future" in response.content.decode()
    assert not TraffickingEvent.objects.exists()


def test_events_reach_a_reader_only_with_trafficking_details(maria, police, detective, advocate):
    from ally.survivors.trafficking import add_trafficking_event

    add_trafficking_event(maria, acting_user=advocate, event_type="Exploitation", place="Dairy farm near Lodi")
    _share(maria, police, ["identity"])
    assert "Dairy farm" not in client_for(detective).get(f"/clients/{maria.pk}/").content.decode()
    _share(maria, police, ["trafficking_details"])
    page = client_for(detective).get(f"/clients/{maria.pk}/").content.decode()
    assert "Dairy farm near Lodi" in page and "Add an event" not in page


def test_a_removed_event_leaves_the_page_and_keeps_its_reason(maria, advocate):
    from ally.survivors.trafficking import add_trafficking_event

    event = add_trafficking_event(maria, acting_user=advocate, event_type="Transit", city="El Paso")
    client_for(advocate).post(f"/trafficking-events/{event.pk}/remove/", {"reason": "Entered twice"})
    assert "El Paso" not in client_for(advocate).get(f"/clients/{maria.pk}/").content.decode()
    assert TraffickingEvent.objects.get(pk=event.pk).deleted_reason == "Entered twice"


def test_supervisors_assign_advocates_and_advocates_may_not(maria, advocate, supervisor, vsp, tf):
    colleague = factories.member(vsp, full_name="Cam Colleague")
    elsewhere = factories.member(factories.organization(tf, "Other Shelter"), full_name="Ola Elsewhere")
    assert client_for(advocate).post(f"/clients/{maria.pk}/advocates/", {"user": colleague.pk}).status_code == 403
    page = client_for(supervisor).get(f"/clients/{maria.pk}/advocates/").content.decode()
    assert "Cam Colleague" in page and "Ola Elsewhere" not in page
    assert client_for(supervisor).post(f"/clients/{maria.pk}/advocates/", {"user": elsewhere.pk}).status_code == 200
    client_for(supervisor).post(f"/clients/{maria.pk}/advocates/", {"user": colleague.pk})
    assert set(maria.advocates.all()) == {advocate, colleague}
    client_for(supervisor).post(f"/clients/{maria.pk}/advocates/", {"remove": advocate.pk})
    assert set(maria.advocates.all()) == {colleague}
    assert AuditEvent.objects.filter(event_type="client.advocate_unassigned").count() == 1
