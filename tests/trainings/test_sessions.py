"""Recording, cancelling and attending training sessions: who may, and the refusals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ally.audit.models import AuditEvent
from ally.core.errors import Conflict, InvalidInput, NotPermitted, NotVisible
from ally.notifications.models import Notification
from ally.trainings import actions
from ally.trainings.models import TrainingAttendance, TrainingSession
from tests import factories
from tests.conftest import client_for
from tests.trainings.conftest import session

VALUES = {
    "title": "Labor trafficking 101", "topics": ["labor_trafficking_identification"],
    "disciplines": ["law_enforcement"], "trainer_name": "Dr. Trainer",
}


@pytest.mark.parametrize("hours", ["0", "-1", "40.25", "1.1", "abc", None])
def test_bad_hours_are_refused_and_nothing_changes(tf, coordinator, today, hours):
    events = AuditEvent.objects.count()
    with pytest.raises(InvalidInput):
        actions.record_training(tf, acting_user=coordinator, held_on=today, hours=hours, **VALUES)
    assert not TrainingSession.objects.exists() and AuditEvent.objects.count() == events


def test_quarter_hours_up_to_forty_are_accepted(tf, coordinator, today):
    made = actions.record_training(tf, acting_user=coordinator, held_on=today, hours="40", **VALUES)
    assert made.hours == Decimal("40.00")
    assert actions.record_training(tf, acting_user=coordinator, held_on=today, hours="0.75", **VALUES).hours == Decimal("0.75")


def test_unknown_topic_or_discipline_is_refused(tf, coordinator, today):
    with pytest.raises(InvalidInput, match="not on the list"):
        actions.record_training(tf, acting_user=coordinator, held_on=today, hours=1, **{**VALUES, "topics": ["astrology"]})
    with pytest.raises(InvalidInput, match="Choose at least one"):
        actions.record_training(tf, acting_user=coordinator, held_on=today, hours=1, **{**VALUES, "disciplines": []})
    assert not TrainingSession.objects.exists()


def test_a_future_session_tells_its_audience_disciplines_only(tf, coordinator, officer, pd_supervisor, shelter_advocate, today):
    made = actions.record_training(tf, acting_user=coordinator, held_on=today + dt.timedelta(days=10), hours=2, **VALUES)
    told = set(Notification.objects.filter(kind="training.scheduled").values_list("user_id", flat=True))
    assert told == {officer.pk, pd_supervisor.pk}
    note = Notification.objects.filter(user=officer).get()
    assert note.link == f"/trainings/{made.pk}/" and "Labor trafficking identification" in note.title
    actions.record_training(tf, acting_user=coordinator, held_on=today, hours=2, **VALUES)
    assert Notification.objects.filter(kind="training.scheduled").count() == 2  # a held session tells nobody


def test_an_org_admin_records_only_sessions_their_organization_delivers(tf, shelter, pd, shelter_admin, shelter_advocate, auditor, outsider, today):
    made = actions.record_training(tf, acting_user=shelter_admin, held_on=today, hours=1, trainer_organization=shelter, **VALUES)
    assert made.trainer_organization == shelter
    for other in (pd, None):
        with pytest.raises(NotPermitted):
            actions.record_training(tf, acting_user=shelter_admin, held_on=today, hours=1, trainer_organization=other, **VALUES)
    with pytest.raises(NotPermitted):
        actions.record_training(tf, acting_user=shelter_advocate, held_on=today, hours=1, **VALUES)
    with pytest.raises(NotPermitted):
        actions.record_training(tf, acting_user=auditor, held_on=today, hours=1, **VALUES)
    with pytest.raises(NotVisible):
        actions.record_training(tf, acting_user=outsider, held_on=today, hours=1, **VALUES)
    assert TrainingSession.objects.count() == 1


def test_cancel_once_then_conflict(tf, co_lead, today):
    made = session(tf, held_on=today)
    actions.cancel_training(made, acting_user=co_lead)
    with pytest.raises(Conflict):
        actions.cancel_training(made, acting_user=co_lead)
    assert AuditEvent.objects.filter(event_type="training.cancelled").count() == 1


def test_attendance_refusals_change_nothing(tf, coordinator, shelter_advocate, outsider, today):
    future = session(tf, held_on=today + dt.timedelta(days=3))
    with pytest.raises(InvalidInput, match="not happened yet"):
        actions.record_attendance(future, acting_user=coordinator, people=[shelter_advocate])
    held = session(tf, held_on=today - dt.timedelta(days=3))
    other_tf_person = factories.member(factories.organization(factories.task_force("Elsewhere")), "member")
    for stranger in (outsider, other_tf_person):
        with pytest.raises(InvalidInput, match="Only participants"):
            actions.record_attendance(held, acting_user=coordinator, people=[shelter_advocate, stranger])
    assert not TrainingAttendance.objects.exists()
    actions.record_attendance(held, acting_user=coordinator, people=[shelter_advocate], external_attendees=12)
    events = AuditEvent.objects.count()
    with pytest.raises(InvalidInput, match="Already recorded as attending: Avery Advocate"):
        actions.record_attendance(held, acting_user=coordinator, people=[shelter_advocate])
    assert TrainingAttendance.objects.count() == 1 and AuditEvent.objects.count() == events
    actions.cancel_training(held, acting_user=coordinator)
    with pytest.raises(Conflict):
        actions.record_attendance(held, acting_user=coordinator, external_attendees=3)


def test_attendance_keeps_the_organization_at_the_time(tf, coordinator, shelter, shelter_advocate, today):
    held = session(tf, held_on=today)
    actions.record_attendance(held, acting_user=coordinator, people=[shelter_advocate], external_attendees=5)
    row = TrainingAttendance.objects.get()
    assert row.organization == shelter and row.person == shelter_advocate
    held.refresh_from_db()
    assert held.external_attendees == 5
    event = AuditEvent.objects.filter(event_type="training.attendance_recorded").get()
    assert event.changes == {"attendees_added": 1, "external_attendees": [0, 5]}


def test_the_attendance_page_refuses_a_future_session_on_the_form(tf, coordinator, shelter_advocate, today):
    future = session(tf, held_on=today + dt.timedelta(days=3))
    response = client_for(coordinator).post(f"/trainings/{future.pk}/attendance/", {"people": [shelter_advocate.pk]})
    assert response.status_code == 200 and "has not happened yet" in response.content.decode()
    assert not TrainingAttendance.objects.exists()


def test_pages_by_persona(tf, coordinator, shelter_admin, shelter_advocate, auditor, outsider, today):
    made = session(tf, held_on=today, notes="Bring the screening cards")
    assert client_for(shelter_advocate).get("/trainings/").status_code == 200
    assert client_for(auditor).get("/trainings/").status_code == 403
    assert client_for(outsider).get("/trainings/").status_code == 404
    page = client_for(shelter_advocate).get(f"/trainings/{made.pk}/").content.decode()
    assert "Bring the screening cards" in page and "Record attendance" not in page
    assert client_for(shelter_advocate).get(f"/trainings/{made.pk}/attendance/").status_code == 403
    assert client_for(shelter_admin).get(f"/trainings/{made.pk}/attendance/").status_code == 403  # not theirs
    assert client_for(coordinator).get(f"/trainings/{made.pk}/attendance/").status_code == 200
    assert client_for(shelter_advocate).get("/trainings/new/").status_code == 403
    assert client_for(shelter_admin).get("/trainings/new/").status_code == 200


def test_the_create_page_records_a_session(tf, coordinator, south, today):
    response = client_for(coordinator).post("/trainings/new/", {
        "title": "Screening tools", "topics": ["screening_tools"], "disciplines": ["victim_services", "community"],
        "trainer_name": "Ms. Tool", "held_on": today.isoformat(), "hours": "1.5", "region": south.pk,
        "delivered_to": "task_force", "external_attendees": "0",
    })
    made = TrainingSession.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/trainings/{made.pk}/"
    assert made.region == south and made.hours == Decimal("1.50")


def test_the_list_takes_a_fixed_number_of_queries(tf, coordinator, shelter_advocate, today, django_assert_num_queries):
    def count(n: int) -> int:
        for _ in range(n):
            made = session(tf, held_on=today)
            actions.record_attendance(made, acting_user=None, people=[shelter_advocate])
        client = client_for(coordinator)
        client.get("/trainings/")
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get("/trainings/").status_code == 200
        return len(queries)

    first = count(2)
    assert count(4) == first


def test_an_admin_must_name_their_organization_on_the_form(tf, shelter, shelter_admin, today):
    data = {"title": "Screening tools", "topics": ["screening_tools"], "disciplines": ["victim_services"],
            "trainer_name": "Ms. Tool", "held_on": today.isoformat(), "hours": "1", "delivered_to": "task_force"}
    client = client_for(shelter_admin)
    assert client.post("/trainings/new/", data).status_code == 200 and not TrainingSession.objects.exists()
    assert client.post("/trainings/new/", {**data, "trainer_organization": shelter.pk}).status_code == 302
    assert TrainingSession.objects.get().trainer_organization == shelter
