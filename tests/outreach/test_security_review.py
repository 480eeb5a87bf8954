"""Findings of the security review of survivor-leader engagement, outreach and threat assessment:
no count reveals a single tip by subtraction, leader links survive a co-lead's edit, outreach from
an industry stays in its region, feedback answers 403 the same on page and API, unknown filters
are not echoed, a raced assessment is a 400, honest audit flags, advisor-only account links."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import QuerySet
from django.urls import reverse

from ally.audit.models import AuditEvent
from ally.core.errors import InvalidInput
from ally.outreach import actions, api
from ally.outreach.models import AssessedIndustry, OutreachEvent, ThreatAssessment
from ally.outreach.queries import linked_counts
from ally.tenancy.models import TaskForceRole
from tests import factories
from tests.api.token_client import Api
from tests.conftest import client_for
from tests.outreach.test_threats import FY, tip


@pytest.fixture
def assessment(tf, south):
    return actions.record_threat_assessment(south, acting_user=None, fiscal_year=FY)


# --- 1. small cells cannot be recovered by subtraction ------------------------------------------


def test_overlapping_industries_are_refused_in_one_assessment(assessment):
    actions.add_assessed_industry(assessment, acting_user=None, naics_code="722", factors=[])
    before = (AssessedIndustry.objects.count(), AuditEvent.objects.count())
    with pytest.raises(InvalidInput, match="722 Food Services") as refused:
        actions.add_assessed_industry(assessment, acting_user=None, naics_code="722511", factors=[])
    assert "722511" in str(refused.value)
    with pytest.raises(InvalidInput, match="722 "):
        actions.add_assessed_industry(assessment, acting_user=None, naics_code="722410")
    assert (AssessedIndustry.objects.count(), AuditEvent.objects.count()) == before
    # An industry counting other tips is welcome; so is one counting none.
    actions.add_assessed_industry(assessment, acting_user=None, naics_code="721110")
    actions.add_assessed_industry(assessment, acting_user=None, naics_code="21")
    actions.add_assessed_industry(assessment, acting_user=None, naics_code="22")
    assert AssessedIndustry.objects.count() == 4


def test_overlap_is_refused_on_the_api_too(co_lead, assessment):
    client = Api(co_lead)
    assert client.post(f"/threat-assessments/{assessment.pk}/industries", {"naics_code": "722511"}).status_code == 201
    refused = client.post(f"/threat-assessments/{assessment.pk}/industries", {"naics_code": "722"})
    assert refused.status_code == 400 and "722511 " in refused.json()["detail"]
    assert list(assessment.industries.values_list("naics_code", flat=True)) == ["722511"]


def test_a_small_value_inside_a_code_suppresses_the_whole_count(assessment, police):
    for _ in range(7):
        tip(police, "Dane", "restaurant_food_service")
    tip(police, "Dane", "bars_strip_clubs")  # the single tip a subtraction would isolate
    for _ in range(6):
        tip(police, "Dane", "dairy")
    counts = linked_counts(assessment, ["722", "722511", "112120"])
    assert (counts["722"].tips, counts["722"].tips_shown) == (8, "1–4")
    assert (counts["722511"].tips, counts["722511"].tips_shown) == (7, "7")
    assert counts["112120"].tips_shown == "6"
    for _ in range(4):
        tip(police, "Dane", "bars_strip_clubs")
    assert linked_counts(assessment, ["722"])["722"].tips_shown == "12"


# --- 2. leader links are the coordinator's ----------------------------------------------------


@pytest.mark.parametrize("who", ["co_lead", "navigator"])
def test_unticking_survivor_led_keeps_the_coordinators_leader_links(request, who, tf, south, leader, today):
    actor = request.getfixturevalue(who)
    event = actions.plan_event(tf, acting_user=None, region=south, kind="awareness", title="Library talk",
                               occurred_on=today, survivor_led=True, leaders=[leader])
    if who == "co_lead":
        answer = Api(actor).patch(f"/outreach-events/{event.pk}", {"survivor_led": False})
        assert answer.status_code == 200 and answer.json()["leader_ids"] is None
    else:
        actions.update_event(event, acting_user=actor, survivor_led=False)
    event.refresh_from_db()
    assert event.survivor_led is False
    assert list(event.leaders.all()) == [leader]


def test_the_coordinator_unticking_survivor_led_clears_the_links_and_says_so(tf, south, leader, coordinator, today):
    event = actions.plan_event(tf, acting_user=None, region=south, kind="awareness", title="Library talk",
                               occurred_on=today, survivor_led=True, leaders=[leader])
    actions.update_event(event, acting_user=coordinator, survivor_led=False)
    assert not event.leaders.exists()
    audit = AuditEvent.objects.order_by("-pk").first()
    assert audit is not None and sorted(audit.changes["fields"]) == ["leaders", "survivor_led"]


# --- 3. outreach from an industry stays in the assessment's region ------------------------------


def test_outreach_from_an_industry_is_in_the_assessments_region(tf, assessment, north, south, co_lead, today):
    row = actions.add_assessed_industry(assessment, acting_user=None, naics_code="112120")
    web, client = client_for(co_lead), Api(co_lead)
    before = (OutreachEvent.objects.count(), AuditEvent.objects.count())
    page = web.post(reverse("outreach_create") + f"?industry={row.pk}", {
        "kind": "worker_outreach", "title": "Dairy outreach", "occurred_on": today.isoformat(), "region": north.pk,
    })
    assert page.status_code == 200 and "assessment&#x27;s region" in page.content.decode()
    answer = client.post("/outreach-events", {"kind": "worker_outreach", "title": "Dairy outreach",
                                                    "occurred_on": today.isoformat(), "region_id": north.pk,
                                                    "industry_id": row.pk})
    assert answer.status_code == 400 and "region" in answer.json()["detail"]
    assert (OutreachEvent.objects.count(), AuditEvent.objects.count()) == before
    event = actions.plan_event(tf, acting_user=None, region=south, kind="worker_outreach", title="Dairy",
                               occurred_on=today, industry=row)
    with pytest.raises(InvalidInput, match="region"):
        actions.update_event(event, acting_user=co_lead, region=north)
    event.refresh_from_db()
    assert event.region == south


# --- 4. feedback: the same 403 on the API as on the page ----------------------------------------


def test_an_author_whose_role_was_revoked_gets_403_everywhere(tf, sol, leader):
    feedback = actions.submit_feedback(tf, acting_user=sol, topic="Pay", text="Pay faster.")
    TaskForceRole.objects.filter(user=sol, task_force=tf).delete()
    assert client_for(sol).get(reverse("feedback_detail", args=[feedback.pk])).status_code == 403
    assert Api(sol).get(f"/feedback/{feedback.pk}").status_code == 403
    assert Api(sol).post(f"/feedback/{feedback.pk}/response", {"response": "x"}).status_code in (403, 404)


# --- 5. unknown filters are not echoed ---------------------------------------------------------


def test_an_unknown_show_value_is_not_echoed_into_the_links(coordinator, co_lead):
    bad = "SENTINEL-SHOW"
    client = client_for(coordinator)
    for name in ("feedback_list", "outreach_list"):
        page = client.get(reverse(name), {"show": bad})
        assert page.context["show"] == ""
        assert f"show={bad}&" not in page.content.decode()
    assert client.get(reverse("feedback_list"), {"show": "open"}).context["show"] == "open"


# --- 6. a raced second assessment is a 400 ------------------------------------------------------


def test_a_concurrent_second_assessment_is_refused_not_a_500(south, assessment, monkeypatch):
    real_exists = QuerySet.exists

    def blind(self):  # the check ran before the other request's insert
        return False if self.model is ThreatAssessment else real_exists(self)

    monkeypatch.setattr(QuerySet, "exists", blind)
    before = AuditEvent.objects.count()
    with pytest.raises(InvalidInput, match="already has a threat assessment"):
        actions.record_threat_assessment(south, acting_user=None, fiscal_year=FY)
    monkeypatch.undo()
    assert ThreatAssessment.objects.count() == 1 and AuditEvent.objects.count() == before


# --- 7. the self_submitted flag -----------------------------------------------------------------


def test_system_recorded_feedback_without_an_account_is_not_self_submitted(other_leader, sol, leader, tf):
    actions.record_feedback(other_leader, acting_user=None, topic="Training", text="More.")
    audit = AuditEvent.objects.order_by("-pk").first()
    assert audit is not None and audit.changes["self_submitted"] is False
    actions.submit_feedback(tf, acting_user=sol, topic="Pay", text="Pay faster.")
    audit = AuditEvent.objects.order_by("-pk").first()
    assert audit is not None and audit.changes["self_submitted"] is True


# --- 8. only advisors of this task force can be linked ------------------------------------------


def test_the_api_looks_up_only_this_task_forces_advisors(tf, coordinator, co_lead, sol):
    other_tf = factories.task_force("Elsewhere Task Force")
    with pytest.raises(InvalidInput, match="survivor-leader-advisor"):
        api._leader_values(coordinator, {"user_id": co_lead.pk})
    elsewhere = factories.role(other_tf, "survivor_leader_advisor", factories.person("Elsa Elsewhere"))
    with pytest.raises(InvalidInput, match="survivor-leader-advisor"):
        api._leader_values(coordinator, {"user_id": elsewhere.pk})
    assert api._leader_values(coordinator, {"user_id": sol.pk})["user"] == sol
    answer = Api(coordinator).post("/survivor-leaders", {"name": "Bo", "kind": "advisor", "user_id": co_lead.pk,
                                                         "started_on": dt.date(2025, 1, 1).isoformat()})
    assert answer.status_code == 400
