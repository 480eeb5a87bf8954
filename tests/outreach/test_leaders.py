"""Survivor leaders and their engagements: who sees the list, paid work, totals per fiscal year."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from ally.audit.models import AuditEvent
from ally.core.errors import InvalidInput, NotPermitted
from ally.outreach import actions
from ally.outreach.models import Engagement, SurvivorLeader
from ally.outreach.queries import totals_by_fiscal_year
from tests import factories
from tests.api.token_client import Api
from tests.conftest import client_for
from tests.outreach.conftest import engage


def test_only_the_coordinator_and_the_leader_themselves_see_the_list(
    coordinator, co_lead, navigator, advocate, sol, leader, other_leader, outsider, tf
):
    auditor = factories.role(tf, "auditor", factories.person("Aldo Auditor"))
    page = reverse("survivor_leader_list")
    own = reverse("survivor_leader_detail", args=[leader.pk])
    other = reverse("survivor_leader_detail", args=[other_leader.pk])
    coordinator_page = client_for(coordinator).get(page)
    assert coordinator_page.status_code == 200
    assert "Sol L." in coordinator_page.content.decode() and "Rae Consultant" in coordinator_page.content.decode()
    # SECURITY: co-leads too: the list does not exist for them.
    for user in (co_lead, navigator, advocate, auditor, outsider):
        client = client_for(user)
        assert client.get(page).status_code == 404
        assert client.get(own).status_code == 404
    mine = client_for(sol)
    body = mine.get(page).content.decode()
    assert "Sol L." in body and "Rae Consultant" not in body
    assert mine.get(own).status_code == 200
    assert mine.get(other).status_code == 404
    assert mine.get(reverse("engagement_create", args=[leader.pk])).status_code == 403


def test_the_api_hides_the_list_from_co_leads(co_lead, coordinator, leader):
    assert Api(co_lead).get("/survivor-leaders").status_code == 404
    answer = Api(coordinator).get("/survivor-leaders").json()
    assert [item["name"] for item in answer["items"]] == ["Sol L."]


def test_zero_compensation_without_a_reason_is_refused(leader, today):
    before = (Engagement.objects.count(), AuditEvent.objects.count())
    with pytest.raises(InvalidInput, match="paid for their expertise"):
        engage(leader, today, paid="0")
    assert (Engagement.objects.count(), AuditEvent.objects.count()) == before
    engagement = engage(leader, today, paid="0", unpaid_reason="declined payment")
    assert engagement.compensation == 0 and engagement.unpaid_reason == "declined payment"


@pytest.mark.parametrize("hours, paid", [("0", "10"), ("-1", "10"), ("2", "-5"), ("2.555", "10")])
def test_hours_and_compensation_are_checked(leader, today, hours, paid):
    with pytest.raises(InvalidInput):
        engage(leader, today, hours=hours, paid=paid)
    assert not Engagement.objects.exists()


def test_an_engagement_is_not_recorded_ahead(leader, today):
    with pytest.raises(InvalidInput, match="future"):
        engage(leader, today + dt.timedelta(days=1))


def test_only_the_coordinator_records(co_lead, leader, today):
    with pytest.raises(Exception) as refused:
        actions.record_engagement(leader, acting_user=co_lead, kind="review", occurred_on=today,
                                  hours=Decimal(1), compensation=Decimal(50))
    assert refused.type.__name__ == "NotVisible"
    assert not Engagement.objects.exists()


def test_totals_per_leader_and_fiscal_year(coordinator, leader, other_leader, tf):
    engage(leader, dt.date(2024, 9, 30), hours="2", paid="100.00")  # FY2024
    engage(leader, dt.date(2024, 10, 1), hours="3", paid="150.00")  # FY2025
    engage(other_leader, dt.date(2025, 3, 1), hours="1.5", paid="0", unpaid_reason="declined payment")
    years = totals_by_fiscal_year(Engagement.objects.filter(task_force=tf))
    assert [(y["fy"], y["count"], y["hours"], y["paid"], y["leaders"]) for y in years] == [
        (2025, 2, Decimal("4.50"), Decimal("150.00"), 2),
        (2024, 1, Decimal("2.00"), Decimal("100.00"), 1),
    ]
    body = client_for(coordinator).get(reverse("survivor_leader_list")).content.decode()
    assert "FY2025" in body and "FY2024" in body


def test_linking_an_account_needs_the_role(tf, advocate, today):
    with pytest.raises(InvalidInput, match="survivor-leader-advisor"):
        actions.add_survivor_leader(tf, acting_user=None, name="X", kind="advisor", user=advocate, started_on=today)
    assert not SurvivorLeader.objects.exists()


def test_the_coordinator_adds_a_leader_through_the_page(coordinator, sol, today):
    response = client_for(coordinator).post(reverse("survivor_leader_create"), {
        "name": "Marisol", "kind": "consultant", "user": sol.pk, "expertise": "art, peer support",
        "started_on": today.isoformat(), "hourly_rate": "60",
    })
    assert response.status_code == 302
    leader = SurvivorLeader.objects.get()
    assert leader.expertise == ["art", "peer support"] and leader.user == sol
    event = AuditEvent.objects.filter(event_type="survivor_leader.added").get()
    assert "Marisol" not in str(event.changes)


def test_a_co_lead_cannot_add(co_lead):
    with pytest.raises(NotPermitted):
        actions.add_survivor_leader(co_lead.active_task_force, acting_user=co_lead, name="X", kind="advisor",
                                    started_on=dt.date(2025, 1, 1))


def test_leader_list_queries_do_not_grow(coordinator, tf, today, django_assert_max_num_queries):
    client = client_for(coordinator)
    client.get(reverse("survivor_leader_list"))

    def make(n):
        for i in range(n):
            leader = actions.add_survivor_leader(tf, acting_user=None, name=f"L{i}", kind="advisor", started_on=today)
            engage(leader, today)

    make(2)
    with django_assert_max_num_queries(12) as small:
        client.get(reverse("survivor_leader_list"))
    make(4)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("survivor_leader_list"))
