"""The coverage view: which disciplines and regions have not had each topic."""

from __future__ import annotations

import datetime as dt

import pytest

from ally.trainings import actions
from ally.trainings.queries import coverage, professionals_trained
from tests.conftest import client_for
from tests.trainings.conftest import session


@pytest.fixture
def trained(tf, shelter_advocate, shelter_supervisor, officer, today):
    sex = session(tf, held_on=today - dt.timedelta(days=30), topics=["sex_trafficking_identification", "trauma_informed_practice"],
                  external_attendees=20)
    actions.record_attendance(sex, acting_user=None, people=[shelter_advocate, shelter_supervisor, officer])
    labor = session(tf, held_on=today - dt.timedelta(days=60), topics=["labor_trafficking_identification"])
    actions.record_attendance(labor, acting_user=None, people=[officer])
    old = session(tf, held_on=today - dt.timedelta(days=900), topics=["screening_tools"])
    actions.record_attendance(old, acting_user=None, people=[shelter_advocate])
    cancelled = session(tf, held_on=today - dt.timedelta(days=10), topics=["screening_tools"], external_attendees=99)
    actions.record_attendance(cancelled, acting_user=None, people=[shelter_advocate])
    actions.cancel_training(cancelled, acting_user=None)
    return sex, labor


def test_gaps_by_discipline_and_region(tf, trained, north, south, today):
    table = coverage(tf, today - dt.timedelta(days=730), today)
    assert table.discipline_count("sex_trafficking_identification", "victim_services") == 2
    assert table.discipline_count("sex_trafficking_identification", "law_enforcement") == 1
    assert table.discipline_count("sex_trafficking_identification", "prosecution") == 0
    assert table.discipline_count("labor_trafficking_identification", "victim_services") == 0
    assert table.discipline_count("labor_trafficking_identification", "law_enforcement") == 1
    assert table.region_count("labor_trafficking_identification", south.pk) == 0
    assert table.region_count("labor_trafficking_identification", north.pk) == 1
    assert table.region_count("sex_trafficking_identification", south.pk) == 2
    # Outside the window, and cancelled, count for nothing.
    assert table.row("screening_tools").people == 0 and table.row("screening_tools").sessions == 0
    assert table.sessions == 2 and table.people_trained == 3 and table.external_attendees == 20
    assert table.trained_total == 23 and table.person_hours == 8


def test_professionals_trained(tf, trained, shelter, pd, today):
    start = today - dt.timedelta(days=730)
    assert professionals_trained(tf, start, today) == 23
    assert professionals_trained(tf, start, today, organization=shelter) == 2
    assert professionals_trained(tf, today - dt.timedelta(days=45), today, organization=pd) == 1


def test_the_page_marks_gaps_with_text_and_the_window_filters(tf, trained, shelter_advocate, auditor, outsider, today):
    page = client_for(shelter_advocate).get("/trainings/coverage/").content.decode()
    assert "Topics by discipline" in page and "Topics by region" in page
    assert page.count('class="badge badge--warning">Gap</span>') > 10 and "nobody trained" in page
    # The funder/auditor reads counts, never a name.
    audit = client_for(auditor).get("/trainings/coverage/")
    assert audit.status_code == 200 and "Avery Advocate" not in audit.content.decode()
    assert client_for(outsider).get("/trainings/coverage/").status_code == 404
    window = f"?start={(today - dt.timedelta(days=45)).isoformat()}&end={today.isoformat()}"
    narrow = client_for(shelter_advocate).get("/trainings/coverage/" + window).content.decode()
    assert "<dt>Sessions held</dt><dd>1</dd>" in narrow


def test_the_coverage_page_takes_a_fixed_number_of_queries(tf, trained, coordinator, today):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(coordinator)
    client.get("/trainings/coverage/")
    with CaptureQueriesContext(connection) as before:
        client.get("/trainings/coverage/")
    more = session(tf, held_on=today, topics=["language_access"])
    actions.record_attendance(more, acting_user=None, people=[coordinator])
    with CaptureQueriesContext(connection) as after:
        client.get("/trainings/coverage/")
    assert len(after) == len(before)


def test_the_home_helpers(tf, today):
    from ally.trainings.queries import assessment_of_year, upcoming_sessions

    soon = session(tf, held_on=today + dt.timedelta(days=5))
    session(tf, held_on=today + dt.timedelta(days=50))
    cancelled = session(tf, held_on=today + dt.timedelta(days=6))
    actions.cancel_training(cancelled, acting_user=None)
    assert upcoming_sessions(tf, today) == [soon]
    assert assessment_of_year(tf, 2030) is None
    made = actions.start_assessment(tf, acting_user=None, year=actions.fiscal_year(today))
    assert assessment_of_year(tf, actions.fiscal_year(today)) == made
