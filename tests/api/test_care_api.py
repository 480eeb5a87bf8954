"""The care record, trafficking events and screenings over the API: same rules as the pages."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ally.audit.models import AuditEvent, DisclosureLog
from ally.survivors import actions, care, trafficking
from ally.survivors.models import (
    CaseNote,
    Goal,
    NeedsAssessment,
    PlannedService,
    PlanReview,
    Screening,
    ServiceDelivery,
    ServicePlan,
    TraffickingEvent,
)
from ally.survivors.screenings import record_screening
from tests import factories
from tests.api.token_client import Api
from tests.survivors.test_screening_instrument import ALL_NO

STRONG_LABOR = {**ALL_NO, "documents_held": "yes", "could_quit": "no", "owes_money": "yes"}


@pytest.fixture
def client_record(vsp, advocate):
    return actions.create_client(vsp, acting_user=advocate, legal_name="Maria Example")


@pytest.fixture
def supervisor(vsp):
    return factories.member(vsp, "supervisor", full_name="Sam Supervisor")


@pytest.fixture
def other_provider(tf):
    org = factories.organization(tf, "Northwoods Advocacy Center", discipline="victim_services")
    return factories.member(org, "supervisor", full_name="Nell Northwoods")


def _share(client, recipient, groups, today):
    actions.record_consent(
        client, acting_user=None, recipients=[recipient], field_groups=list(groups),
        purposes=["law_enforcement_coordination"], signed_on=today,
        expires_on=today + dt.timedelta(days=90), signature_method="scanned_form",
    )
    actions.share_client(
        client, recipient=recipient, field_groups=list(groups),
        purpose="law_enforcement_coordination", acting_user=None,
    )


def _service(client, today, **values):
    return care.record_service(
        client, acting_user=None, category=values.pop("category", "case_management"),
        delivered_on=values.pop("delivered_on", today), units=values.pop("units", Decimal("1")),
        **values,
    )


def _items(response):
    assert response.status_code == 200, response.content
    return response.json()["items"]


# The owner records and reads


def test_the_owner_records_and_reads_the_whole_care_record(client_record, as_advocate, advocate, vsp, police, today):
    base = f"/clients/{client_record.pk}"
    day = today.isoformat()

    response = as_advocate.post(f"{base}/needs", {
        "assessed_on": day,
        "needs": [{"domain": "housing", "level": "urgent", "note": "Needs a safe place"},
                  {"domain": "legal", "level": "medium"}],
    })
    assert response.status_code == 201, response.content
    assert response.json()["assessed_by"] == advocate.full_name

    response = as_advocate.post(f"{base}/plans", {"started_on": day})
    assert response.status_code == 201, response.content
    plan_id = response.json()["id"]
    first = as_advocate.post(f"{base}/goals", {"text": "  Get my own apartment "}).json()
    second = as_advocate.post(f"{base}/goals", {"text": "Learn to drive", "priority": 1}).json()
    assert (first["text"], second["priority"]) == ("Get my own apartment", 1)
    response = as_advocate.post(f"{base}/planned-services", {
        "category": "transitional_housing", "provider_id": police.pk, "frequency": "weekly",
        "goal_id": first["id"],
    })
    assert response.status_code == 201, response.content
    assert response.json()["provider"] == police.name
    response = as_advocate.post(f"{base}/plan-reviews", {"reviewed_on": day, "summary": "Going well."})
    assert response.status_code == 201, response.content

    response = as_advocate.post(f"{base}/services", {
        "category": "transportation", "delivered_on": day, "units": "2", "unit": "trips",
        "cost": 12.5, "goal_id": first["id"],
    })
    assert response.status_code == 201, response.content
    service = response.json()
    assert (service["units"], service["cost"], service["provider_id"]) == ("2.00", "12.50", vsp.pk)
    assert service["staff_id"] == advocate.pk  # the person recording it, as on the page
    response = as_advocate.post(f"{base}/services", {
        "category": "transportation", "delivered_on": day, "units": 1, "staff_id": None,
    })
    assert response.status_code == 201 and response.json()["staff_id"] is None

    response = as_advocate.post(f"{base}/notes", {"note_type": "contact", "text": "Called."})
    assert response.status_code == 201, response.content
    response = as_advocate.post(f"{base}/trafficking-events", {
        "event_type": "Recruitment", "occurred_on": day, "date_precision": "month",
        "country": "Mexico", "city": "Oaxaca",
    })
    assert response.status_code == 201, response.content
    assert response.json()["occurred_on"] == today.replace(day=1).isoformat()

    needs = _items(as_advocate.get(f"{base}/needs"))
    assert [n["domain"] for n in needs[0]["needs"]] == ["housing", "legal"]
    [plan] = _items(as_advocate.get(f"{base}/plans"))
    assert plan["id"] == plan_id and plan["status"] == "active"
    assert [g["text"] for g in plan["goals"]] == ["Learn to drive", "Get my own apartment"]
    assert plan["planned_services"][0]["goal_id"] == first["id"]
    assert plan["reviews"][0]["summary"] == "Going well."
    assert service["id"] in [s["id"] for s in _items(as_advocate.get(f"{base}/services"))]
    assert [n["text"] for n in _items(as_advocate.get(f"{base}/notes"))] == ["Called."]
    assert [e["city"] for e in _items(as_advocate.get(f"{base}/trafficking-events"))] == ["Oaxaca"]

    response = as_advocate.post(f"/plans/{plan_id}/close", {"closed_on": day})
    assert response.status_code == 200 and response.json()["status"] == "closed"
    assert not DisclosureLog.objects.exists()  # the owner's reads are not disclosures


def test_a_second_active_plan_is_a_conflict(client_record, as_advocate, today):
    body = {"started_on": today.isoformat()}
    assert as_advocate.post(f"/clients/{client_record.pk}/plans", body).status_code == 201
    response = as_advocate.post(f"/clients/{client_record.pk}/plans", body)
    assert response.status_code == 409
    assert "already has an active service plan" in response.json()["detail"]


def test_recording_a_service_never_asks_about_consent(client_record, as_advocate, today):
    # No consent was ever recorded for this client: services are recorded all the same.
    response = as_advocate.post(f"/clients/{client_record.pk}/services", {
        "category": "crisis_intervention", "delivered_on": today.isoformat(), "units": 1,
    })
    assert response.status_code == 201
    assert not client_record.consents.exists()


def test_a_service_is_corrected_never_edited(client_record, as_advocate, today):
    original = _service(client_record, today, cost=Decimal("40.00"))
    response = as_advocate.post(f"/services/{original.pk}/correct", {
        "reason": "typo in cost", "corrections": {"cost": "45.00"},
    })
    assert response.status_code == 200, response.content
    replacement = response.json()["replacement"]
    assert response.json()["corrected_id"] == original.pk
    assert (replacement["cost"], replacement["corrects_id"]) == ("45.00", original.pk)
    original.refresh_from_db()
    assert original.deleted_reason == "typo in cost" and original.cost == Decimal("40.00")
    listed = _items(as_advocate.get(f"/clients/{client_record.pk}/services"))
    assert [s["id"] for s in listed] == [replacement["id"]]

    # Without corrections the record is withdrawn; an empty set of corrections is refused.
    response = as_advocate.post(f"/services/{replacement['id']}/correct", {"reason": "x", "corrections": {}})
    assert response.status_code == 400
    response = as_advocate.post(f"/services/{replacement['id']}/correct", {"reason": "wrong client"})
    assert response.status_code == 200 and response.json()["replacement"] is None
    assert _items(as_advocate.get(f"/clients/{client_record.pk}/services")) == []
    # A withdrawn record is gone for the API: correcting it again finds nothing.
    assert as_advocate.post(f"/services/{original.pk}/correct", {"reason": "again"}).status_code == 404


def test_a_note_is_corrected_by_a_new_note(client_record, as_advocate):
    base = f"/clients/{client_record.pk}"
    secret = as_advocate.post(f"{base}/notes", {"note_type": "safety", "text": "Seen near school.", "sensitive": True}).json()
    fix = as_advocate.post(f"{base}/notes", {"note_type": "safety", "text": "It was the uncle.", "corrects_id": secret["id"]})
    assert fix.status_code == 201, fix.content
    assert fix.json()["sensitive"] is True and fix.json()["corrects_id"] == secret["id"]
    assert CaseNote.objects.get(pk=secret["id"]).text == "Seen near school."
    assert as_advocate.patch(f"/notes/{secret['id']}", {"text": "edited"}).status_code == 404  # no such operation


def test_a_trafficking_event_is_removed_with_a_reason_and_kept(client_record, as_advocate, today):
    event = trafficking.add_trafficking_event(client_record, acting_user=None, event_type="Transit", country="Mexico")
    assert as_advocate.post(f"/trafficking-events/{event.pk}/remove", {"reason": " "}).status_code == 400
    response = as_advocate.post(f"/trafficking-events/{event.pk}/remove", {"reason": "duplicate"})
    assert response.status_code == 204
    event.refresh_from_db()
    assert event.deleted_reason == "duplicate"
    assert _items(as_advocate.get(f"/clients/{client_record.pk}/trafficking-events")) == []
    assert as_advocate.post(f"/trafficking-events/{event.pk}/remove", {"reason": "again"}).status_code == 404


# Who else


def test_another_provider_gets_404_for_everything(client_record, other_provider, today):
    plan = care.start_plan(client_record, acting_user=None, started_on=today)
    goal = care.add_goal(client_record, acting_user=None, text="Find work")
    service = _service(client_record, today)
    event = trafficking.add_trafficking_event(client_record, acting_user=None, event_type="Transit", country="Mexico")
    api = Api(other_provider)
    base = f"/clients/{client_record.pk}"
    for path in ("needs", "plans", "services", "notes", "trafficking-events"):
        assert api.get(f"{base}/{path}").status_code == 404, path
    day = today.isoformat()
    changes = [
        (f"{base}/needs", {"assessed_on": day, "needs": [{"domain": "housing", "level": "high"}]}),
        (f"{base}/plans", {"started_on": day}),
        (f"/plans/{plan.pk}/close", {"closed_on": day}),
        (f"{base}/goals", {"text": "Mine now"}),
        (f"{base}/planned-services", {"category": "medical"}),
        (f"{base}/plan-reviews", {"reviewed_on": day, "summary": "x"}),
        (f"{base}/services", {"category": "medical", "delivered_on": day, "units": 1}),
        (f"/services/{service.pk}/correct", {"reason": "x"}),
        (f"{base}/notes", {"note_type": "contact", "text": "x"}),
        (f"{base}/trafficking-events", {"event_type": "Transit", "country": "Peru"}),
        (f"/trafficking-events/{event.pk}/remove", {"reason": "x"}),
    ]
    for path, body in changes:
        assert api.post(path, body).status_code == 404, path
    assert api.patch(f"/goals/{goal.pk}", {"version": goal.version, "text": "x"}).status_code == 404
    assert ServiceDelivery.objects.count() == 1 and CaseNote.objects.count() == 0
    assert not DisclosureLog.objects.exists()


def test_a_detective_granted_services_but_not_notes(client_record, advocate, police, detective, as_detective, today):
    care.start_plan(client_record, acting_user=None, started_on=today)
    goal = care.add_goal(client_record, acting_user=None, text="Find work")
    service = _service(client_record, today, outcome="Bus pass")
    care.add_case_note(client_record, acting_user=advocate, note_type="contact", text="Called.")
    event = trafficking.add_trafficking_event(client_record, acting_user=None, event_type="Transit", country="Mexico")
    _share(client_record, police, ["services"], today)
    base = f"/clients/{client_record.pk}"

    assert [s["outcome"] for s in _items(as_detective.get(f"{base}/services"))] == ["Bus pass"]
    assert [g["text"] for g in _items(as_detective.get(f"{base}/plans"))[0]["goals"]] == ["Find work"]
    assert len(_items(as_detective.get(f"{base}/needs"))) == 0
    # Ungranted groups: 404, as the page of one group answers.
    assert as_detective.get(f"{base}/notes").status_code == 404
    assert as_detective.get(f"{base}/trafficking-events").status_code == 404
    # One disclosure-log row per request read through the share.
    assert DisclosureLog.objects.filter(reader=detective, field_groups=["services"]).count() == 5

    # Changes are the owner's: the client and its services are visible (403), the event is not (404).
    day = today.isoformat()
    assert as_detective.post(f"{base}/services", {"category": "medical", "delivered_on": day, "units": 1}).status_code == 403
    assert as_detective.post(f"{base}/notes", {"note_type": "contact", "text": "x"}).status_code == 403
    assert as_detective.post(f"/services/{service.pk}/correct", {"reason": "x"}).status_code == 403
    assert as_detective.patch(f"/goals/{goal.pk}", {"version": 1, "text": "x"}).status_code == 403
    assert as_detective.post(f"/trafficking-events/{event.pk}/remove", {"reason": "x"}).status_code == 404
    assert ServiceDelivery.objects.filter(deleted_at=None).count() == 1
    assert TraffickingEvent.objects.filter(deleted_at=None).count() == 1


def test_a_share_of_identity_only_opens_no_care_record(client_record, police, as_detective, today):
    service = _service(client_record, today)
    plan = care.start_plan(client_record, acting_user=None, started_on=today)
    goal = care.add_goal(client_record, acting_user=None, text="Find work")
    event = trafficking.add_trafficking_event(client_record, acting_user=None, event_type="Transit", country="Mexico")
    _share(client_record, police, ["identity"], today)
    base = f"/clients/{client_record.pk}"
    for path in ("needs", "plans", "services", "notes", "trafficking-events"):
        assert as_detective.get(f"{base}/{path}").status_code == 404, path
    # The client is visible, so changing its record is refused (403, as on the pages); its
    # records are not, so an operation on one of them finds nothing (404).
    assert as_detective.post(f"{base}/plans", {"started_on": today.isoformat()}).status_code == 403
    assert as_detective.post(f"/plans/{plan.pk}/close", {"closed_on": today.isoformat()}).status_code == 404
    assert as_detective.patch(f"/goals/{goal.pk}", {"version": 1, "text": "x"}).status_code == 404
    assert as_detective.post(f"/services/{service.pk}/correct", {"reason": "x"}).status_code == 404
    assert as_detective.post(f"/trafficking-events/{event.pk}/remove", {"reason": "x"}).status_code == 404


def test_sensitive_notes_are_hidden_and_not_counted(client_record, vsp, advocate, supervisor, police, as_detective, today):
    plain = care.add_case_note(client_record, acting_user=advocate, note_type="contact", text="Called.")
    secret = care.add_case_note(client_record, acting_user=advocate, note_type="safety", text="Trafficker seen.", sensitive=True)
    care.add_case_note(client_record, acting_user=advocate, note_type="safety", text="Correction.", corrects=secret)
    base = f"/clients/{client_record.pk}/notes"

    assert Api(advocate).get(base).json()["count"] == 3
    assert Api(supervisor).get(base).json()["count"] == 3
    # A colleague not assigned to the client does not see the client at all.
    colleague = factories.member(vsp, "member", full_name="Cole Colleague")
    assert Api(colleague).get(base).status_code == 404
    # Through a share of notes: the plain note only, and the count says one.
    _share(client_record, police, ["notes"], today)
    body = as_detective.get(base).json()
    assert body["count"] == 1 and [n["id"] for n in body["items"]] == [plain.pk]
    assert "Trafficker" not in json.dumps(body) and "Correction" not in json.dumps(body)


def test_a_stale_goal_version_is_a_conflict(client_record, as_advocate, supervisor, today):
    care.start_plan(client_record, acting_user=None, started_on=today)
    goal = care.add_goal(client_record, acting_user=None, text="Find work")
    read_version = goal.version
    response = Api(supervisor).patch(f"/goals/{goal.pk}", {"version": read_version, "text": "Find a job I like"})
    assert response.status_code == 200 and response.json()["version"] == read_version + 1
    response = as_advocate.patch(f"/goals/{goal.pk}", {"version": read_version, "status": "achieved"})
    assert response.status_code == 409
    assert "Someone else changed this goal" in response.json()["detail"]
    goal.refresh_from_db()
    assert (goal.text, goal.status) == ("Find a job I like", "open")
    # Only the fields given change; a misspelt field is refused, not ignored.
    response = as_advocate.patch(f"/goals/{goal.pk}", {"version": goal.version, "target_date": None})
    assert response.status_code == 200 and response.json()["text"] == "Find a job I like"
    assert as_advocate.patch(f"/goals/{goal.pk}", {"version": goal.version + 1, "txt": "x"}).status_code == 422


# Bad input


@pytest.mark.parametrize(
    ("path", "body", "message"),
    [
        ("services", {"category": "medical", "delivered_on": "FUTURE", "units": 1}, "future"),
        ("services", {"category": "spa_day", "delivered_on": "TODAY", "units": 1}, "service category"),
        ("services", {"category": "medical", "delivered_on": "TODAY", "units": "-1"}, "negative"),
        ("services", {"category": "medical", "delivered_on": "TODAY", "units": 1, "unit": "minutes"}, "unit"),
        ("services", {"category": "medical", "delivered_on": "TODAY", "units": 1, "provider_id": 999999}, "provider"),
        ("services", {"category": "medical", "delivered_on": "TODAY", "units": 1, "goal_id": 999999}, "goal"),
        ("needs", {"assessed_on": "TODAY", "needs": [{"domain": "yachts", "level": "high"}]}, "domain"),
        ("needs", {"assessed_on": "TODAY", "needs": []}, "at least one"),
        ("goals", {"text": "Find work", "priority": 7}, "Priority is a number from 1 to"),
        ("goals", {"text": "   "}, "own words"),
        ("notes", {"note_type": "gossip", "text": "x"}, "type"),
        ("notes", {"note_type": "contact", "text": ""}, "empty"),
        ("trafficking-events", {"event_type": "Vacation", "country": "Peru"}, "recruitment, transit or exploitation"),
        ("trafficking-events", {"event_type": "Transit"}, "date or a place"),
        ("trafficking-events", {"event_type": "Transit", "occurred_on": "FUTURE"}, "future"),
        ("plan-reviews", {"reviewed_on": "TODAY", "summary": "ok", "next_review_on": "TODAY"}, "after this one"),
    ],
)
def test_bad_input_is_a_clear_400_and_nothing_is_saved(client_record, as_advocate, today, path, body, message):
    care.start_plan(client_record, acting_user=None, started_on=today)
    dates = {"TODAY": today.isoformat(), "FUTURE": (today + dt.timedelta(days=1)).isoformat()}
    body = json.loads(json.dumps(body), object_hook=lambda d: {k: dates.get(v, v) if isinstance(v, str) else v for k, v in d.items()})
    events_before = AuditEvent.objects.count()
    response = as_advocate.post(f"/clients/{client_record.pk}/{path}", body)
    assert response.status_code == 400, response.content
    assert message in response.json()["detail"]
    assert AuditEvent.objects.count() == events_before
    for model in (ServiceDelivery, NeedsAssessment, Goal, CaseNote, TraffickingEvent, PlanReview, PlannedService):
        assert not model.objects.exists(), model


def test_closing_a_plan_before_it_started_is_refused(client_record, as_advocate, today):
    plan = care.start_plan(client_record, acting_user=None, started_on=today)
    yesterday = (today - dt.timedelta(days=1)).isoformat()
    response = as_advocate.post(f"/plans/{plan.pk}/close", {"closed_on": yesterday})
    assert response.status_code == 400 and "before it started" in response.json()["detail"]
    plan.refresh_from_db()
    assert plan.status == "active"


def test_a_malformed_body_is_refused_by_shape(client_record, as_advocate, today):
    response = as_advocate.post(f"/clients/{client_record.pk}/services", {
        "category": "medical", "delivered_on": "last tuesday", "units": 1,
    })
    assert response.status_code == 422
    assert not ServiceDelivery.objects.exists()


# Screenings


def test_screening_instruments_in_the_requested_language(as_advocate):
    [instrument] = as_advocate.get("/screening-instruments", language="es").json()
    assert (instrument["id"], instrument["version"], instrument["language"]) == ("ally-screening", 1, "es")
    assert instrument["languages"] == ["en", "es"]
    assert instrument["title"] == "Preguntas de detección de Ally"
    first = instrument["sections"][0]["questions"][0]
    assert first["text"] and first["choices"]
    assert "no una determinación" in instrument["disclaimer"]
    english = as_advocate.get("/screening-instruments").json()[0]
    assert english["title"] == "Ally screening questions"
    assert as_advocate.get("/screening-instruments", language="fr").json()[0]["language"] == "en"


def test_a_screening_before_the_client_exists_is_linked_later(vsp, advocate, as_advocate, today):
    response = as_advocate.post("/screenings", {
        "language": "en", "answers": STRONG_LABOR, "reference": "Call 14 Nov, 2:30 pm",
    })
    assert response.status_code == 201, response.content
    screening = response.json()
    assert screening["client_id"] is None and screening["organization_id"] == vsp.pk
    labor = next(s for s in screening["suggestions"] if s["domain"] == "labor")
    assert labor["level"] == "strong_indicators"
    assert labor["summary"].startswith("Suggested: strong indicators of labor trafficking")
    assert "ilo_retention_of_identity_documents" in labor["indicators"]
    assert "not a determination" in screening["disclaimer"]
    assert "determination" not in {key.lower() for key in screening}

    listed = _items(as_advocate.get("/screenings", unlinked="true"))
    assert [s["id"] for s in listed] == [screening["id"]]

    client_record = actions.create_client(vsp, acting_user=advocate, legal_name="Maria Example")
    response = as_advocate.post(f"/screenings/{screening['id']}/link", {"client_id": client_record.pk})
    assert response.status_code == 200 and response.json()["client_id"] == client_record.pk
    assert _items(as_advocate.get("/screenings", unlinked="true")) == []
    assert [s["id"] for s in _items(as_advocate.get("/screenings", client_id=client_record.pk))] == [screening["id"]]
    assert as_advocate.get(f"/screenings/{screening['id']}").json()["client_id"] == client_record.pk


def test_a_screening_stays_in_its_organization(tf, vsp, advocate, as_advocate, police, detective, as_detective, today):
    hotline = factories.organization(tf, "Lakeshore Crisis Line", discipline="community")
    call_taker = factories.member(hotline, "member", full_name="Cal Caller")
    as_hotline = Api(call_taker)
    screening = as_hotline.post("/screenings", {"answers": STRONG_LABOR}).json()
    assert screening["organization_id"] == hotline.pk
    # The provider cannot see it, nor link it to its client; the hotline cannot link it across.
    client_record = actions.create_client(vsp, acting_user=advocate, legal_name="Maria Example")
    assert as_advocate.get(f"/screenings/{screening['id']}").status_code == 404
    assert as_advocate.post(f"/screenings/{screening['id']}/link", {"client_id": client_record.pk}).status_code == 404
    assert as_hotline.post(f"/screenings/{screening['id']}/link", {"client_id": client_record.pk}).status_code == 404
    # Screening for an organization you do not work in is refused; a client of another one too.
    assert as_hotline.post("/screenings", {"answers": {}, "organization_id": vsp.pk}).status_code == 403
    response = as_advocate.post("/screenings", {"answers": {}, "organization_id": hotline.pk})
    assert response.status_code == 403
    # A share of the client never carries its screenings.
    own = as_advocate.post("/screenings", {"answers": STRONG_LABOR, "client_id": client_record.pk}).json()
    _share(client_record, police, ["identity", "services", "notes", "trafficking_details"], today)
    assert as_detective.get(f"/screenings/{own['id']}").status_code == 404
    assert _items(as_detective.get("/screenings")) == []
    assert Screening.objects.count() == 2


def test_bad_screening_input_is_a_clear_400(as_advocate, today):
    response = as_advocate.post("/screenings", {"answers": {**ALL_NO, "documents_held": "maybe"}})
    assert response.status_code == 400 and "documents_held" in response.json()["detail"]
    response = as_advocate.post("/screenings", {"answers": {}, "language": "fr"})
    assert response.status_code == 400 and "available in" in response.json()["detail"]
    response = as_advocate.post("/screenings", {"answers": {}, "instrument_id": "nope"})
    assert response.status_code == 400
    future = (today + dt.timedelta(days=1)).isoformat()
    response = as_advocate.post("/screenings", {"answers": {}, "screened_on": future})
    assert response.status_code == 400 and "future" in response.json()["detail"]
    assert not Screening.objects.exists()


def test_someone_in_two_organizations_names_the_one_screening(tf, advocate, as_advocate):
    hotline = factories.organization(tf, "Lakeshore Crisis Line", discipline="community")
    factories.member(hotline, "member", user=advocate)
    response = as_advocate.post("/screenings", {"answers": {}})
    assert response.status_code == 400 and "organization_id" in response.json()["detail"]
    response = as_advocate.post("/screenings", {"answers": {}, "organization_id": hotline.pk})
    assert response.status_code == 201 and response.json()["organization_id"] == hotline.pk


def test_auditors_and_outsiders_see_no_screenings(tf, outsider):
    auditor = factories.role(tf, "auditor")
    assert Api(auditor).get("/screenings").status_code == 403
    assert Api(auditor).post("/screenings", {"answers": {}}).status_code == 403
    assert Api(outsider).get("/screenings").status_code == 404
    assert Api(outsider).get("/screening-instruments").status_code == 200  # the questions are public


# No N+1: a list costs the same number of queries for one record or many


def _fill(client_record, advocate, today, n):
    if not ServicePlan.objects.filter(client=client_record).exists():
        care.start_plan(client_record, acting_user=None, started_on=today)
    for i in range(n):
        care.assess_needs(client_record, acting_user=advocate, assessed_on=today, needs=[{"domain": "housing", "level": "high"}])
        goal = care.add_goal(client_record, acting_user=advocate, text=f"Goal {i}")
        care.plan_service(client_record, acting_user=advocate, category="medical", provider=client_record.organization, goal=goal)
        care.review_plan(client_record, acting_user=advocate, reviewed_on=today, summary=f"Review {i}")
        _service(client_record, today, staff=advocate, goal=goal)
        care.add_case_note(client_record, acting_user=advocate, note_type="contact", text=f"Note {i}")
        trafficking.add_trafficking_event(client_record, acting_user=advocate, event_type="Transit", country="Mexico")
        record_screening(client_record.organization, instrument_id="ally-screening", language="en",
                         answers=STRONG_LABOR, client=client_record, acting_user=advocate)


LISTS = ["needs", "plans", "services", "notes", "trafficking-events", "SCREENINGS"]


def _path(client_record, name):
    return "/screenings" if name == "SCREENINGS" else f"/clients/{client_record.pk}/{name}"


def _queries(api, path):
    api.get(path)  # the token's first use of the day writes last_used_at: not counted
    with CaptureQueriesContext(connection) as queries:
        response = api.get(path)
    assert response.status_code == 200
    return len(queries), response.json()["count"]


@pytest.mark.parametrize("name", LISTS)
def test_a_list_costs_the_same_queries_for_one_record_or_many(client_record, advocate, as_advocate, today, name, django_assert_max_num_queries):
    path = _path(client_record, name)
    _fill(client_record, advocate, today, 1)
    one, count = _queries(as_advocate, path)
    assert count == 1
    _fill(client_record, advocate, today, 12)
    many, count = _queries(as_advocate, path)
    assert count == (1 if name == "plans" else 13)
    assert many == one
    with django_assert_max_num_queries(12):
        as_advocate.get(path)


@pytest.mark.parametrize("name", LISTS[:5])
def test_a_list_through_a_share_costs_the_same_queries_too(client_record, advocate, police, detective, as_detective, today, name):
    _share(client_record, police, ["services", "notes", "trafficking_details"], today)
    path = _path(client_record, name)
    _fill(client_record, advocate, today, 1)
    one, _count = _queries(as_detective, path)
    _fill(client_record, advocate, today, 12)
    many, _count = _queries(as_detective, path)
    assert many == one
