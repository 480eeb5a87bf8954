"""Each member's training record: who reads it, and hours by federal fiscal year."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from ally.trainings import actions
from ally.trainings.queries import training_record
from tests import factories
from tests.conftest import client_for
from tests.trainings.conftest import session


@pytest.fixture
def attended(tf, shelter_advocate, today):
    made = session(tf, held_on=today, title="SENTINEL-ish Interviewing day", hours=Decimal("3.5"))
    actions.record_attendance(made, acting_user=None, people=[shelter_advocate])
    return made


@pytest.mark.parametrize(
    ("reader", "status"),
    [
        ("shelter_advocate", 200),  # their own
        ("shelter_supervisor", 200),  # supervisor of their organization
        ("shelter_admin", 200),  # administrator of their organization
        ("coordinator", 200),
        ("co_lead", 404),  # leadership, but not their organization
        ("officer", 404),
        ("pd_supervisor", 404),  # a supervisor of another organization
        ("auditor", 404),
        ("outsider", 404),
    ],
)
def test_who_reads_a_members_record(request, attended, shelter_advocate, reader, status):
    user = request.getfixturevalue(reader)
    response = client_for(user).get(f"/trainings/people/{shelter_advocate.pk}/")
    assert response.status_code == status
    if status == 200:
        assert "Interviewing day" in response.content.decode() and "3.5" in response.content.decode()


def test_my_record_and_the_attendee_names_on_a_session(attended, shelter_advocate, officer, shelter_supervisor):
    mine = client_for(shelter_advocate).get("/trainings/me/").content.decode()
    assert "My training record" in mine and "Interviewing day" in mine
    assert "Interviewing day" not in client_for(officer).get("/trainings/me/").content.decode()
    # A colleague of another organization sees the session, but not who attended.
    page = client_for(officer).get(f"/trainings/{attended.pk}/").content.decode()
    assert "Interviewing day" in page and "Avery Advocate" not in page
    assert "Avery Advocate" in client_for(shelter_supervisor).get(f"/trainings/{attended.pk}/").content.decode()


def test_the_records_list_shows_only_readable_people(attended, shelter_advocate, shelter_supervisor, officer):
    page = client_for(shelter_supervisor).get("/trainings/people/").content.decode()
    assert "Avery Advocate" in page and "Olga Officer" not in page
    own = client_for(officer).get("/trainings/people/").content.decode()
    assert "Olga Officer" in own and "Avery Advocate" not in own


def test_hours_by_federal_fiscal_year(tf, shelter_advocate):
    with time_machine.travel(dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC), tick=False):
        days = [(dt.date(2024, 9, 30), "1"), (dt.date(2024, 10, 1), "2.25"), (dt.date(2025, 9, 30), "4"), (dt.date(2025, 10, 1), "0.5")]
        for day, hours in days:
            made = session(tf, held_on=day, hours=Decimal(hours))
            actions.record_attendance(made, acting_user=None, people=[shelter_advocate])
        cancelled = session(tf, held_on=dt.date(2025, 11, 1), hours=Decimal(8))
        actions.record_attendance(cancelled, acting_user=None, people=[shelter_advocate])
        actions.cancel_training(cancelled, acting_user=None)
    record = training_record(tf.pk, shelter_advocate.pk)
    assert record.hours_by_fiscal_year == ((2026, Decimal("0.50")), (2025, Decimal("6.25")), (2024, Decimal("1.00")))
    assert record.total_hours == Decimal("7.75") and len(record.lines) == 4
    assert actions.fiscal_year(dt.date(2025, 10, 1)) == 2026 and actions.fiscal_year(dt.date(2025, 9, 30)) == 2025


def test_a_person_in_another_task_force_is_not_found(tf, coordinator):
    elsewhere = factories.member(factories.organization(factories.task_force("Elsewhere")), "member")
    assert client_for(coordinator).get(f"/trainings/people/{elsewhere.pk}/").status_code == 404
