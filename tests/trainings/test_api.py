"""Trainings and the roadmap over the API: the same rules as the pages."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from ally.trainings import actions, catalog
from ally.trainings.models import TrainingAttendance, TrainingSession
from tests.api.token_client import Api
from tests.trainings.conftest import session


def body(today: dt.date, **more):
    return {"title": "Victim-centered interviewing", "topics": ["victim_centered_interviewing"],
            "disciplines": ["law_enforcement", "prosecution"], "trainer_name": "Ms. Lee",
            "held_on": today.isoformat(), "hours": "2.5", **more}


def test_sessions_and_attendance(tf, coordinator, shelter_advocate, outsider, auditor, north, today):
    api = Api(coordinator)
    assert Api(shelter_advocate).get("/trainings/topics").json()["topics"][0]["label_es"]
    made = api.post("/trainings", body(today, region_id=north.pk))
    assert made.status_code == 201 and made.json()["hours"] == "2.50"
    bad = api.post("/trainings", body(today, hours="41"))
    assert bad.status_code == 400 and TrainingSession.objects.count() == 1
    assert Api(shelter_advocate).post("/trainings", body(today)).status_code == 403
    pk = made.json()["id"]
    refused = api.post(f"/trainings/{pk}/attendance", {"person_ids": [shelter_advocate.pk, outsider.pk]})
    assert refused.status_code == 400 and not TrainingAttendance.objects.exists()
    done = api.post(f"/trainings/{pk}/attendance", {"person_ids": [shelter_advocate.pk], "external_attendees": 4})
    assert done.status_code == 201 and done.json()["attendees"] == 1 and done.json()["external_attendees"] == 4
    assert api.post(f"/trainings/{pk}/attendance", {"person_ids": [shelter_advocate.pk]}).status_code == 400
    assert Api(shelter_advocate).get(f"/trainings/{pk}").json()["attendees"] == 1
    assert Api(auditor).get(f"/trainings/{pk}").status_code == 403
    assert Api(outsider).get(f"/trainings/{pk}").status_code == 404
    record = Api(shelter_advocate).get("/trainings/records/me").json()
    assert record["total_hours"] == "2.50" and record["topics"] == ["victim_centered_interviewing"]
    assert api.get(f"/trainings/records/{shelter_advocate.pk}").status_code == 200
    assert api.post(f"/trainings/{pk}/cancel").json()["cancelled"] is True
    assert api.post(f"/trainings/{pk}/cancel").status_code == 409


def test_coverage_for_the_auditor_has_counts_only(tf, coordinator, officer, auditor, north, today):
    made = session(tf, held_on=today, topics=["labor_trafficking_identification"])
    actions.record_attendance(made, acting_user=None, people=[officer])
    answer = Api(auditor).get("/trainings/coverage").json()
    row = next(r for r in answer["rows"] if r["topic"] == "labor_trafficking_identification")
    assert row["by_discipline"]["law_enforcement"] == 1 and row["by_region"][str(north.pk)] == 1
    assert "Olga" not in str(answer)


def test_the_roadmap_over_the_api(tf, coordinator, shelter_advocate):
    api = Api(coordinator)
    assert Api(shelter_advocate).get("/roadmap/framework").json()["areas"][0]["elements"]
    made = api.post("/roadmap/assessments", {"year": 2025})
    assert made.status_code == 201
    pk = made.json()["id"]
    keys = catalog.framework().element_keys()
    assert api.post(f"/roadmap/assessments/{pk}/complete").status_code == 400
    ratings = [{"element": k, "stage": 3, "goal_stage": 4, "goal": "More"} for k in keys]
    assert api.post(f"/roadmap/assessments/{pk}/ratings", {"ratings": ratings}).status_code == 200
    partial = api.post(f"/roadmap/assessments/{pk}/ratings", {"ratings": [{"element": keys[0], "progress": "Half way"}]}).json()
    first = next(r for r in partial["ratings"] if r["element"] == keys[0])
    assert first == {"element": keys[0], "stage": 3, "goal_stage": 4, "goal": "More", "progress": "Half way"}
    done = api.post(f"/roadmap/assessments/{pk}/complete")
    assert done.status_code == 200 and done.json()["status"] == "completed"
    assert done.json()["area_averages"]["collaboration"] == "3.0"
    assert api.post(f"/roadmap/assessments/{pk}/ratings", {"ratings": ratings}).status_code == 409
    assert Api(shelter_advocate).post("/roadmap/assessments", {"year": 2026}).status_code == 403
    assert Api(shelter_advocate).get(f"/roadmap/assessments/{pk}").status_code == 200


def test_lists_take_a_fixed_number_of_queries(tf, coordinator, shelter_advocate, today):
    api = Api(coordinator)
    api.get("/trainings")  # the token's first use is recorded once

    def count(n: int) -> int:
        for _ in range(n):
            made = session(tf, held_on=today)
            actions.record_attendance(made, acting_user=None, people=[shelter_advocate])
        with CaptureQueriesContext(connection) as queries:
            assert api.get("/trainings").status_code == 200
        return len(queries)

    assert count(2) == count(4)
    for year in (2023, 2024):
        actions.start_assessment(tf, acting_user=None, year=year)
    with CaptureQueriesContext(connection) as two:
        api.get("/roadmap/assessments")
    actions.start_assessment(tf, acting_user=None, year=2025)
    with CaptureQueriesContext(connection) as three:
        api.get("/roadmap/assessments")
    assert len(two) == len(three)
