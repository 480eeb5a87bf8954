"""The outreach API: the same rules as the pages."""

from __future__ import annotations

from ally.audit.models import AuditEvent
from ally.outreach import actions
from ally.outreach.models import Engagement, OutreachEvent
from tests.api.token_client import Api


def test_zero_compensation_without_reason_is_a_400_and_nothing_changes(coordinator, leader, today):
    api = Api(coordinator)
    before = (Engagement.objects.count(), AuditEvent.objects.count())
    answer = api.post(f"/survivor-leaders/{leader.pk}/engagements",
                      {"kind": "review", "occurred_on": today.isoformat(), "hours": "2", "compensation": "0"})
    assert answer.status_code == 400 and "paid for their expertise" in answer.json()["detail"]
    assert (Engagement.objects.count(), AuditEvent.objects.count()) == before
    created = api.post(f"/survivor-leaders/{leader.pk}/engagements",
                       {"kind": "review", "occurred_on": today.isoformat(), "hours": "2", "compensation": "150.00"})
    assert created.status_code == 201 and created.json()["compensation"] == "150.00"
    totals = api.get("/engagement-totals").json()
    assert totals[0]["engagements"] == 1 and totals[0]["paid"] == "150.00"


def test_feedback_list_names_the_author_for_the_coordinator_only(tf, sol, leader, coordinator, co_lead):
    posted = Api(sol).post("/feedback", {"topic": "Pay", "text": "Pay faster."})
    assert posted.status_code == 201 and posted.json()["mine"] is True
    (as_co_lead,) = Api(co_lead).get("/feedback").json()["items"]
    assert as_co_lead["from_leader"] is None and as_co_lead["text"] == "Pay faster."
    (as_coordinator,) = Api(coordinator).get("/feedback").json()["items"]
    assert as_coordinator["from_leader"] == "Sol L."
    answered = Api(co_lead).post(f"/feedback/{as_co_lead['id']}/response", {"response": "Done."})
    assert answered.json()["status"] == "answered"
    assert Api(sol).get(f"/feedback/{as_co_lead['id']}").json()["response"] == "Done."


def test_event_lifecycle(co_lead, south, today, navigator, north):
    api = Api(co_lead)
    created = api.post("/outreach-events", {"kind": "listening_session", "title": "Listening", "occurred_on": today.isoformat(),
                                            "region_id": south.pk, "county": "Rock"})
    assert created.status_code == 201
    pk = created.json()["id"]
    assert api.post(f"/outreach-events/{pk}/held", {"attendance": -1}).status_code == 400
    held = api.post(f"/outreach-events/{pk}/held", {"attendance": 14})
    assert held.json()["status"] == "held" and held.json()["attendance"] == 14
    assert api.post(f"/outreach-events/{pk}/cancel").status_code == 409
    assert Api(navigator).post("/outreach-events", {"kind": "other", "title": "x", "occurred_on": today.isoformat(),
                                                    "region_id": north.pk}).status_code == 403
    assert OutreachEvent.objects.count() == 1
    (year,) = Api(co_lead).get("/outreach-attendance").json()
    assert {r["label"]: r["attendance"] for r in year["regions"]} == {"North": 0, "South": 14}


def test_assessments_through_the_api(co_lead, south, detective):
    api = Api(co_lead)
    created = api.post("/threat-assessments", {"region_id": south.pk, "fiscal_year": 2025})
    assert created.status_code == 201
    pk = created.json()["id"]
    added = api.post(f"/threat-assessments/{pk}/industries", {"naics_code": "812113", "factors": ["recruiter_debt", "cash_based"]})
    (row,) = added.json()["industries"]
    assert row["title"] == "Nail Salons" and row["score"] == 18 and row["tips"] == "0"
    assert api.post(f"/threat-assessments/{pk}/industries", {"naics_code": "812113"}).status_code == 400
    patched = api.patch(f"/assessed-industries/{row['id']}", {"factors": []})
    assert patched.json()["score"] == 0
    assert Api(detective).get(f"/threat-assessments/{pk}").status_code == 200
    assert Api(detective).patch(f"/threat-assessments/{pk}", {"notes": "x"}).status_code == 403
    codes = {i["code"] for i in api.get("/naics").json()}
    assert {"112120", "111", "1151", "721110", "722", "812113", "5617", "2361", "3116", "2383", "4841", "5613", "713940"} <= codes
    assert api.get("/vulnerability-factors").json()["max_score"] == 100


def test_an_engagement_on_the_api_is_the_coordinators(co_lead, leader, today):
    actions.record_engagement(leader, acting_user=None, kind="review", occurred_on=today, hours=1, compensation=10)
    assert Api(co_lead).get(f"/survivor-leaders/{leader.pk}/engagements").status_code == 404
