"""The roadmap self-assessment: completion rules, pre-fill, read-only, the chart."""

from __future__ import annotations

import pytest

from ally.audit.models import AuditEvent
from ally.core.errors import Conflict, InvalidInput, NotPermitted
from ally.trainings import actions, catalog
from ally.trainings.models import RoadmapAssessment, RoadmapRating
from tests.conftest import client_for


def rate_all(assessment, stage=2, user=None):
    keys = catalog.framework().element_keys()
    actions.rate_elements(assessment, acting_user=user, ratings={k: {"stage": stage, "goal_stage": stage + 1, "goal": f"Goal {k}"} for k in keys})


def test_completion_needs_every_element_rated(tf, coordinator):
    assessment = actions.start_assessment(tf, acting_user=coordinator, year=2025)
    assert assessment.framework_id == "roadmap" and assessment.framework_version == "1"
    keys = catalog.framework().element_keys()
    assert RoadmapRating.objects.filter(assessment=assessment).count() == len(keys)
    actions.rate_elements(assessment, acting_user=coordinator, ratings={keys[0]: {"stage": 3}})
    events = AuditEvent.objects.count()
    with pytest.raises(InvalidInput, match=f"{len(keys) - 1} not rated yet"):
        actions.complete_assessment(assessment, acting_user=coordinator)
    assessment.refresh_from_db()
    assert not assessment.is_completed and AuditEvent.objects.count() == events
    rate_all(assessment, user=coordinator)
    actions.complete_assessment(assessment, acting_user=coordinator)
    with pytest.raises(Conflict, match="can no longer change"):
        actions.rate_elements(assessment, acting_user=coordinator, ratings={keys[0]: {"stage": 5}})
    assert RoadmapRating.objects.get(assessment=assessment, element=keys[0]).stage == 2


def test_bad_ratings_are_refused(tf, co_lead):
    assessment = actions.start_assessment(tf, acting_user=co_lead, year=2025)
    key = catalog.framework().element_keys()[0]
    for bad in ({"stage": 6}, {"stage": 0}, {"stage": 4, "goal_stage": 2}, {"colour": "red"}):
        with pytest.raises(InvalidInput):
            actions.rate_elements(assessment, acting_user=co_lead, ratings={key: bad})
    with pytest.raises(InvalidInput, match="Not elements"):
        actions.rate_elements(assessment, acting_user=co_lead, ratings={"made.up": {"stage": 1}})
    assert not RoadmapRating.objects.filter(stage__isnull=False).exists()


def test_one_a_year_by_leadership_only(tf, coordinator, shelter_admin, auditor):
    actions.start_assessment(tf, acting_user=coordinator, year=2025)
    with pytest.raises(Conflict):
        actions.start_assessment(tf, acting_user=coordinator, year=2025)
    with pytest.raises(InvalidInput):
        actions.start_assessment(tf, acting_user=coordinator, year=1999)
    for user in (shelter_admin, auditor):
        with pytest.raises(NotPermitted):
            actions.start_assessment(tf, acting_user=user, year=2024)
    assert RoadmapAssessment.objects.count() == 1


def test_next_year_starts_prefilled_from_last_year(tf, coordinator):
    last = actions.start_assessment(tf, acting_user=coordinator, year=2024)
    rate_all(last, stage=2)
    key = catalog.framework().element_keys()[0]
    actions.rate_elements(last, acting_user=coordinator, ratings={key: {"stage": 3, "progress": "Signed the MOU"}})
    actions.complete_assessment(last, acting_user=coordinator)
    this = actions.start_assessment(tf, acting_user=coordinator, year=2025)
    copied = RoadmapRating.objects.get(assessment=this, element=key)
    assert (copied.stage, copied.goal_stage, copied.goal, copied.progress) == (3, 3, f"Goal {key}", "Signed the MOU")
    assert not this.is_completed
    # Changing this year's leaves last year's as it was.
    actions.rate_elements(this, acting_user=coordinator, ratings={key: {"stage": 4, "goal_stage": 5}})
    assert RoadmapRating.objects.get(assessment=last, element=key).stage == 3
    # Going past the goal carried over from last year clears it (a new goal is set later).
    other = catalog.framework().element_keys()[1]
    actions.rate_elements(this, acting_user=coordinator, ratings={other: {"stage": 5}})
    assert RoadmapRating.objects.get(assessment=this, element=other).goal_stage is None


def test_the_chart_shows_areas_years_and_values(tf, coordinator, shelter_advocate, auditor, outsider):
    last = actions.start_assessment(tf, acting_user=coordinator, year=2024)
    rate_all(last, stage=2)
    actions.complete_assessment(last, acting_user=coordinator)
    this = actions.start_assessment(tf, acting_user=coordinator, year=2025)
    area = catalog.framework().areas[0]
    actions.rate_elements(this, acting_user=coordinator, ratings={e.value: {"stage": 4} for e in area.elements})
    page = client_for(shelter_advocate).get("/roadmap/").content.decode()
    svg = page[page.index("<svg"):page.index("</svg>")]
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert "FY 2024" in svg and "FY 2025 (in progress)" in svg
    assert ">2.0</text>" in svg and ">4.0</text>" in svg
    assert "Collaboration" in svg and "Victim services" in svg
    assert "diagonal stripes" in svg and 'url(#roadmap-solid)' in svg and 'url(#roadmap-stripes)' in svg
    assert "Average stage by area and fiscal year" in page  # the table beside it
    assert "Start a self-assessment" not in page  # a colleague reads, leadership writes
    assert "Start a self-assessment" in client_for(coordinator).get("/roadmap/").content.decode()
    assert client_for(auditor).get("/roadmap/").status_code == 403
    assert client_for(outsider).get("/roadmap/").status_code == 404


def test_the_pages_rate_and_complete(tf, coordinator, shelter_advocate):
    response = client_for(coordinator).post("/roadmap/new/", {"year": "2025"})
    assessment = RoadmapAssessment.objects.get()
    assert response.status_code == 302
    area = catalog.framework().areas[0]
    url = f"/roadmap/{assessment.pk}/areas/{area.value}/"
    assert client_for(shelter_advocate).get(url).status_code == 403
    data = {}
    for element in area.elements:
        key = element.value.replace(".", "-")
        data |= {f"{key}-stage": "3", f"{key}-goal_stage": "4", f"{key}-goal": "Write it down", f"{key}-progress": ""}
    assert client_for(coordinator).post(url, data).status_code == 302
    assert RoadmapRating.objects.filter(assessment=assessment, stage=3).count() == len(area.elements)
    client = client_for(coordinator)
    client.post(f"/roadmap/{assessment.pk}/complete/")
    assessment.refresh_from_db()
    assert not assessment.is_completed  # other areas are not rated
    page = client.get(f"/roadmap/{assessment.pk}/").content.decode()
    assert "Rate every element before completing" in page and "Not rated" in page
    assert client_for(coordinator).get(f"/roadmap/{assessment.pk}/areas/nowhere/").status_code == 404
