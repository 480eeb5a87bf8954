"""The demo's trainings part: two years of sessions with gaps, and two roadmap assessments."""

from __future__ import annotations

from random import Random

from django.urls import resolve

from ally.demo.governance import GovernanceContext
from ally.demo.governance import trainings as demo
from ally.trainings.models import (
    AssessmentStatus,
    RoadmapAssessment,
    TrainingAttendance,
    TrainingSession,
)
from ally.trainings.queries import coverage, default_window
from tests import factories


def test_the_demo_builds_sessions_with_gaps_and_two_assessments(tf, coordinator, today):
    regions = {name: factories.region(tf, name) for name in ("Central", "North", "South")}
    orgs = {}
    for n, (discipline, served) in enumerate((
        ("law_enforcement", ["Central", "North"]), ("law_enforcement", ["South"]), ("victim_services", ["Central"]),
        ("victim_services", ["South"]), ("prosecution", ["Central", "North", "South"]), ("community", ["North"]),
        ("government_other", ["Central"]),
    )):
        org = factories.organization(tf, f"Org {n}", discipline=discipline, regions_served=[regions[r] for r in served])
        orgs[f"org{n}"] = org
        for k in range(6):
            factories.member(org, "supervisor" if k == 0 else "member")
    context = GovernanceContext(tf, None, orgs, {"coordinator": coordinator}, regions, Random(7), lambda *a: None)  # type: ignore[arg-type]
    resolve("/trainings/")  # the URLs load once per process, before any part of the demo runs
    demo.build(context)
    assert TrainingSession.objects.count() >= 40 and TrainingAttendance.objects.count() > 100
    assert TrainingSession.objects.filter(held_on__gt=today).count() == 3
    table = coverage(tf, *default_window(today))
    labor, sex = table.row("labor_trafficking_identification"), table.row("sex_trafficking_identification")
    assert 0 < labor.sessions < sex.sessions
    assert table.region_count("labor_trafficking_identification", regions["South"].pk) == 0
    assert any(row.region_gaps for row in table.rows) and any(row.discipline_gaps for row in table.rows)
    last, current = RoadmapAssessment.objects.order_by("year")
    assert last.status == AssessmentStatus.COMPLETED and current.status == AssessmentStatus.IN_PROGRESS
    assert current.year == last.year + 1
