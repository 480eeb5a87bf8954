"""Outreach and awareness events: who records, attendance rules, attendance by region."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from ally.audit.models import AuditEvent
from ally.core.errors import Conflict, InvalidInput, NotPermitted
from ally.outreach import actions
from ally.outreach.models import OutreachEvent
from ally.outreach.queries import attendance_by_region
from tests import factories
from tests.api.token_client import Api
from tests.conftest import client_for

D = dt.timedelta


def plan(tf, region, day, **values):
    values.setdefault("kind", "awareness")
    values.setdefault("title", "Awareness at the library")
    return actions.plan_event(tf, acting_user=values.pop("acting_user", None), region=region, occurred_on=day, **values)


def test_held_needs_attendance_and_a_past_date(tf, south, today):
    event = plan(tf, south, today + D(days=5))
    before = AuditEvent.objects.count()
    with pytest.raises(InvalidInput, match="future"):
        actions.record_event_held(event, acting_user=None, attendance=30)
    with pytest.raises(InvalidInput, match="attendance"):
        actions.record_event_held(event, acting_user=None, attendance=None, occurred_on=today)
    with pytest.raises(InvalidInput):
        actions.update_event(event, acting_user=None, attendance=12)  # attendance for a future date
    event.refresh_from_db()
    assert (event.status, event.attendance, AuditEvent.objects.count()) == ("planned", None, before)
    actions.record_event_held(event, acting_user=None, attendance=30, occurred_on=today)
    event.refresh_from_db()
    assert (event.status, event.attendance, event.occurred_on) == ("held", 30, today)
    with pytest.raises(Conflict):
        actions.cancel_event(event, acting_user=None)


def test_a_county_outside_the_region_is_refused(tf, south, today):
    with pytest.raises(InvalidInput, match="county"):
        plan(tf, south, today, county="Ashland")
    assert plan(tf, south, today, county="dane").county == "Dane"


def test_navigators_record_in_their_regions_only(tf, south, north, navigator, advocate, co_lead, today):
    plan(tf, south, today, acting_user=navigator)
    with pytest.raises(NotPermitted):
        plan(tf, north, today, acting_user=navigator)
    with pytest.raises(NotPermitted):
        plan(tf, south, today, acting_user=advocate)
    plan(tf, north, today, acting_user=co_lead)
    assert OutreachEvent.objects.count() == 2


def test_survivor_leader_links_are_for_the_coordinator_only(tf, south, coordinator, co_lead, leader, today):
    event = plan(tf, south, today, kind="art", survivor_led=True, leaders=[leader], acting_user=coordinator)
    page = reverse("outreach_detail", args=[event.pk])
    assert "Sol L." in client_for(coordinator).get(page).content.decode()
    body = client_for(co_lead).get(page).content.decode()
    assert "Sol L." not in body and "Survivor-led" in body
    assert Api(co_lead).get(f"/outreach-events/{event.pk}").json()["leader_ids"] is None
    assert Api(coordinator).get(f"/outreach-events/{event.pk}").json()["leader_ids"] == [leader.pk]
    with pytest.raises(NotPermitted):
        plan(tf, south, today, kind="art", survivor_led=True, leaders=[leader], acting_user=co_lead)


def test_attendance_by_region_per_fiscal_year_and_kind(tf, south, north, today):
    fy_day = dt.date(2025, 3, 1)
    a = plan(tf, south, fy_day, kind="art")
    actions.record_event_held(a, acting_user=None, attendance=40)
    b = plan(tf, south, fy_day, kind="awareness")
    actions.record_event_held(b, acting_user=None, attendance=10)
    c = plan(tf, north, dt.date(2024, 9, 30))
    actions.record_event_held(c, acting_user=None, attendance=7)
    actions.cancel_event(plan(tf, north, fy_day), acting_user=None)
    years = attendance_by_region(tf)
    assert [y.fiscal_year for y in years] == [2025, 2024]
    assert [(r.label, r.held, r.attendance) for r in years[0].regions] == [("North", 0, 0), ("South", 2, 50)]
    assert [(r.label, r.attendance) for r in years[0].kinds] == [("Awareness presentation", 10), ("Survivor-led art event", 40)]
    assert [(r.label, r.attendance) for r in years[1].regions] == [("North", 7), ("South", 0)]


def test_the_auditor_reads_attendance_by_region_but_not_events(tf, south, today):
    auditor = factories.role(tf, "auditor", factories.person("Aldo Auditor"))
    actions.record_event_held(plan(tf, south, today, title="SECRET-TITLE"), acting_user=None, attendance=3)
    client = client_for(auditor)
    body = client.get(reverse("outreach_by_region")).content.decode()
    assert "SECRET-TITLE" not in body and "South" in body and "<svg" in body
    assert client.get(reverse("outreach_list")).status_code == 403


def test_the_event_list_queries_do_not_grow(tf, south, co_lead, today, django_assert_max_num_queries):
    client = client_for(co_lead)
    for _ in range(2):
        plan(tf, south, today)
    with django_assert_max_num_queries(15) as small:
        client.get(reverse("outreach_list"))
    for _ in range(5):
        plan(tf, south, today)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("outreach_list"))
    api = Api(co_lead)
    with django_assert_max_num_queries(20) as api_small:
        assert api.get("/outreach-events").json()["count"] == 7
    for _ in range(3):
        plan(tf, south, today)
    with django_assert_max_num_queries(len(api_small.captured_queries)):
        api.get("/outreach-events")
