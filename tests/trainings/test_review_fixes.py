"""Security-review fixes: who names a session's attendees, acting only in one's own task force,
concurrent attendance, the list's page links, and the chart's text escaped once."""

from __future__ import annotations

import datetime as dt
import html
import re
from decimal import Decimal

import pytest

from ally.audit.models import AuditEvent
from ally.core.errors import Conflict, NotVisible
from ally.trainings import actions, views
from ally.trainings.chart import roadmap_svg
from ally.trainings.models import RoadmapAssessment, TrainingAttendance, TrainingSession
from ally.trainings.queries import AreaAverage, RoadmapHistory
from tests import factories
from tests.api.token_client import Api
from tests.conftest import client_for
from tests.trainings.conftest import session


@pytest.fixture
def delivered(tf, shelter, shelter_advocate, officer, today):
    """A session the shelter delivered, attended by a shelter advocate and a police officer."""
    made = session(tf, held_on=today, title="Screening day", trainer_organization=shelter)
    actions.record_attendance(made, acting_user=None, people=[shelter_advocate, officer])
    return made


def _named(user, made) -> set[str]:
    return {row["full_name"] for row in Api(user).get(f"/trainings/{made.pk}/attendance").json()["named"]}


def test_a_co_lead_names_only_the_attendees_whose_records_they_read(delivered, co_lead):
    # The co-lead (a member of the police) manages the session but reads nobody's record but
    # their own: the count, no names — on the page and over the API.
    page = client_for(co_lead).get(f"/trainings/{delivered.pk}/").content.decode()
    assert "Screening day" in page
    assert "Avery Advocate" not in page and "Olga Officer" not in page
    assert _named(co_lead, delivered) == set()
    assert Api(co_lead).get(f"/trainings/{delivered.pk}/attendance").json()["attendees"] == 2


def test_the_coordinator_and_the_trainer_organizations_admins_name_every_attendee(
    delivered, coordinator, shelter_admin, pd_supervisor
):
    for user in (coordinator, shelter_admin):
        page = client_for(user).get(f"/trainings/{delivered.pk}/").content.decode()
        assert "Avery Advocate" in page and "Olga Officer" in page
        assert _named(user, delivered) == {"Avery Advocate", "Olga Officer"}
    # A supervisor of the police names the officer (whose record they read), not the advocate.
    assert _named(pd_supervisor, delivered) == {"Olga Officer"}


@pytest.fixture
def elsewhere(db):
    return factories.task_force("Another Task Force")


def test_nobody_records_a_session_in_another_task_force(elsewhere, coordinator, co_lead, today):
    before = (TrainingSession.objects.count(), AuditEvent.objects.count())
    for user in (coordinator, co_lead):
        with pytest.raises(NotVisible):
            actions.record_training(
                elsewhere, acting_user=user, title="Intro", topics=["trauma_informed_practice"],
                disciplines=["victim_services"], trainer_name="Dr. Trainer", held_on=today, hours=Decimal("2"),
            )
    assert (TrainingSession.objects.count(), AuditEvent.objects.count()) == before


def test_nobody_starts_an_assessment_in_another_task_force(elsewhere, coordinator, co_lead):
    before = (RoadmapAssessment.objects.count(), AuditEvent.objects.count())
    for user in (coordinator, co_lead):
        with pytest.raises(NotVisible):
            actions.start_assessment(elsewhere, acting_user=user, year=2025)
    assert (RoadmapAssessment.objects.count(), AuditEvent.objects.count()) == before


def test_concurrent_attendance_is_a_conflict(monkeypatch, tf, coordinator, shelter_advocate, officer, today):
    made = session(tf, held_on=today)
    bulk_create = TrainingAttendance.objects.bulk_create

    def raced(rows, *args, **kwargs):
        rows = list(rows)
        # Another request records the first of these people between our check and our insert.
        TrainingAttendance.objects.create(task_force_id=made.task_force_id, session=made, person=rows[0].person)
        return bulk_create(rows, *args, **kwargs)

    monkeypatch.setattr(TrainingAttendance.objects, "bulk_create", raced)
    before = AuditEvent.objects.count()
    with pytest.raises(Conflict, match="just recorded as attending by somebody else"):
        actions.record_attendance(made, acting_user=coordinator, people=[shelter_advocate, officer])
    assert not TrainingAttendance.objects.filter(person=officer).exists()
    assert AuditEvent.objects.count() == before


def test_the_page_links_keep_the_filter_escaped_once(monkeypatch, tf, coordinator, today):
    monkeypatch.setattr(views, "PAGE", 1)
    for days in (1, 2):
        session(tf, held_on=today - dt.timedelta(days=days))
    client = client_for(coordinator)
    page = client.get("/trainings/?when=held").content.decode()
    assert 'href="?when=held&amp;page=2"' in page and "&amp;amp;" not in page
    # Anything but the known filters is ignored, and never written back into the links.
    page = client.get("/trainings/", {"when": 'x"><b>'}).content.decode()
    assert 'href="?page=2"' in page and "x&quot;" not in page and "<b>" not in page


class _Odd(Decimal):
    """An average whose text needs escaping, to show it is escaped exactly once."""

    def __str__(self) -> str:
        return "2.5 <&>"


def test_the_chart_description_is_escaped_once():
    history = RoadmapHistory(((2025, True),), (AreaAverage("data", "Data & trust", (_Odd("2.5"),)),))
    svg = str(roadmap_svg(history))
    desc = re.search(r'<desc id="roadmap-chart-desc">(.*?)</desc>', svg).group(1)
    assert "&amp;amp;" not in desc and "<&>" not in desc
    assert html.unescape(desc) == "Data & trust: FY 2025 2.5 <&>"
