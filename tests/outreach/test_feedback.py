"""Feedback from survivor leaders: routed to leadership, the author hidden from co-leads,
answered with a response the author reads."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from ally.audit.models import AuditEvent
from ally.core.errors import InvalidInput, NotPermitted
from ally.notifications.models import Notification
from ally.outreach import actions
from ally.outreach.models import Feedback
from ally.outreach.queries import open_feedback
from tests.api.token_client import Api
from tests.conftest import client_for


def test_feedback_reaches_leadership_without_the_authors_name(tf, sol, leader, coordinator, co_lead, advocate):
    feedback = actions.submit_feedback(tf, acting_user=sol, topic="Intake forms", text="The forms ask too much too soon.")
    notified = Notification.objects.filter(kind="survivor_leader.feedback")
    assert {n.user_id for n in notified} == {coordinator.pk, co_lead.pk}
    assert all("Sol" not in n.title and "forms" not in n.title for n in notified)
    page = reverse("feedback_detail", args=[feedback.pk])
    as_co_lead = client_for(co_lead).get(page).content.decode()
    assert "The forms ask too much too soon." in as_co_lead
    assert "Sol L." not in as_co_lead and "Sol Leader" not in as_co_lead and "A survivor leader" in as_co_lead
    assert "Sol L." in client_for(coordinator).get(page).content.decode()
    co_lead_api = Api(co_lead).get(f"/feedback/{feedback.pk}").json()
    assert co_lead_api["from_leader"] is None and co_lead_api["leader_id"] is None
    assert Api(coordinator).get(f"/feedback/{feedback.pk}").json()["from_leader"] == "Sol L."
    assert client_for(advocate).get(page).status_code == 404
    assert client_for(advocate).get(reverse("feedback_list")).status_code == 403
    assert "Sol" not in str(AuditEvent.objects.filter(event_type="survivor_leader.feedback_submitted").get().changes)


def test_the_response_goes_back_to_the_author(tf, sol, leader, co_lead):
    feedback = actions.submit_feedback(tf, acting_user=sol, topic="Pay", text="Pay within 30 days.")
    actions.respond_to_feedback(feedback, acting_user=co_lead, response="Invoices are now paid within 14 days.")
    feedback.refresh_from_db()
    assert feedback.status == "answered"
    assert Notification.objects.filter(kind="survivor_leader.feedback_answered", user=sol).count() == 1
    body = client_for(sol).get(reverse("feedback_detail", args=[feedback.pk])).content.decode()
    assert "Invoices are now paid within 14 days." in body


def test_the_coordinator_records_feedback_received(leader, other_leader, coordinator, today):
    feedback = actions.record_feedback(other_leader, acting_user=coordinator, topic="Outreach", text="More art events.",
                                       received_on=today - dt.timedelta(days=3))
    assert feedback.author is None and feedback.leader == other_leader
    with pytest.raises(InvalidInput):
        actions.record_feedback(other_leader, acting_user=coordinator, topic="", text="x")
    assert Feedback.objects.count() == 1


def test_only_survivor_leaders_submit_and_only_leadership_responds(tf, advocate, sol, leader):
    with pytest.raises(NotPermitted):
        actions.submit_feedback(tf, acting_user=advocate, topic="t", text="x")
    feedback = actions.submit_feedback(tf, acting_user=sol, topic="t", text="x")
    with pytest.raises(NotPermitted):
        actions.respond_to_feedback(feedback, acting_user=sol, response="self answer")
    assert Feedback.objects.get().status == "open"


def test_open_feedback_older_than_30_days(tf, leader, other_leader, today):
    old = actions.record_feedback(leader, acting_user=None, topic="a", text="x", received_on=today - dt.timedelta(days=31))
    actions.record_feedback(leader, acting_user=None, topic="b", text="x", received_on=today - dt.timedelta(days=29))
    answered = actions.record_feedback(other_leader, acting_user=None, topic="c", text="x", received_on=today - dt.timedelta(days=60))
    actions.respond_to_feedback(answered, acting_user=None, response="done")
    assert list(open_feedback(tf)) == [old]
