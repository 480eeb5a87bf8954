"""Trainings and the roadmap self-assessment over the API: the same access rules and actions as
the pages (ally/access/trainings.py, ally/trainings/actions.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import ConfigDict, Field

from ally.access.governance import require_colleague, require_leadership
from ally.access.survivors import today_in
from ally.access.trainings import (
    access_assessment,
    access_session,
    access_training_record,
    active_task_force,
    participants,
    require_coverage,
    visible_assessments,
    visible_attendance,
    visible_sessions,
)
from ally.api.auth import acting_user
from ally.api.common import CHANGE, E400, E403, E404, E409, all_named, one_named, paginated
from ally.core.errors import InvalidInput
from ally.tenancy.models import Organization, Region
from ally.trainings import actions, catalog
from ally.trainings.models import RoadmapAssessment, RoadmapRating, TrainingSession
from ally.trainings.queries import coverage, default_window, roadmap_history, training_record

router = Router(tags=["trainings"])


class StrictIn(Schema):
    model_config = ConfigDict(extra="forbid")


class TopicOut(Schema):
    value: str
    label_en: str
    label_es: str


class TopicListOut(Schema):
    id: str
    version: str
    source: str
    topics: list[TopicOut]


class SessionOut(Schema):
    id: int
    title: str
    topics: list[str]
    disciplines: list[str]
    trainer_name: str
    trainer_organization_id: int | None
    held_on: dt.date
    hours: Decimal
    region_id: int | None
    location: str
    delivered_to: str
    external_attendees: int
    attendees: int
    notes: str
    cancelled: bool


class SessionIn(StrictIn):
    title: str
    topics: list[str]
    disciplines: list[str]
    trainer_name: str
    trainer_organization_id: int | None = None
    held_on: dt.date
    hours: Decimal
    region_id: int | None = None
    location: str = ""
    delivered_to: str = "task_force"
    external_attendees: int = 0
    notes: str = ""


class AttendeeOut(Schema):
    person_id: int
    full_name: str
    organization_id: int | None


class AttendanceOut(Schema):
    session_id: int
    external_attendees: int
    attendees: int
    named: list[AttendeeOut]


class AttendanceIn(StrictIn):
    person_ids: list[int] = Field(default_factory=list)
    external_attendees: int | None = None


class RecordLineOut(Schema):
    session_id: int
    title: str
    held_on: dt.date
    hours: Decimal
    topics: list[str]
    organization: str
    fiscal_year: int


class FiscalYearHoursOut(Schema):
    fiscal_year: int
    hours: Decimal


class RecordOut(Schema):
    person_id: int
    full_name: str
    total_hours: Decimal
    hours_by_fiscal_year: list[FiscalYearHoursOut]
    topics: list[str]
    sessions: list[RecordLineOut]


class CoverageRowOut(Schema):
    topic: str
    sessions: int
    hours: Decimal
    people: int
    external: int
    by_discipline: dict[str, int]
    by_region: dict[str, int]


class CoverageOut(Schema):
    start: dt.date
    end: dt.date
    sessions: int
    session_hours: Decimal
    people_trained: int
    external_attendees: int
    person_hours: Decimal
    rows: list[CoverageRowOut]


class LabelOut(Schema):
    en: str
    es: str


class StageOut(Schema):
    value: int
    label: LabelOut
    description: LabelOut


class ElementOut(Schema):
    value: str
    label: LabelOut


class AreaOut(Schema):
    value: str
    label: LabelOut
    elements: list[ElementOut]


class FrameworkOut(Schema):
    id: str
    version: str
    source: str
    stages: list[StageOut]
    areas: list[AreaOut]


class RatingOut(Schema):
    element: str
    stage: int | None
    goal_stage: int | None
    goal: str
    progress: str


class AssessmentBrief(Schema):
    id: int
    year: int
    status: str
    framework_id: str
    framework_version: str
    area_averages: dict[str, Decimal | None]


class AssessmentOut(AssessmentBrief):
    ratings: list[RatingOut]


class AssessmentIn(StrictIn):
    year: int


class RatingIn(StrictIn):
    element: str
    stage: int | None = None
    goal_stage: int | None = None
    goal: str = ""
    progress: str = ""


class RatingsIn(StrictIn):
    ratings: list[RatingIn]


# --- topics and sessions ----------------------------------------------------------------


@router.get("/trainings/topics", response={200: TopicListOut, **E403, **E404})
def list_topics(request: HttpRequest) -> dict[str, Any]:
    """The training topics (versioned data), English and Spanish labels."""
    require_colleague(acting_user(request))
    topics = catalog.topics()
    return {
        "id": topics.id, "version": topics.version, "source": topics.source,
        "topics": [{"value": t.value, "label_en": t.label.en, "label_es": t.label.es} for t in topics.values],
    }


def _session_out(session: TrainingSession, attendees: int | None = None) -> dict[str, Any]:
    return {
        **{f: getattr(session, f) for f in (
            "id", "title", "topics", "disciplines", "trainer_name", "trainer_organization_id", "held_on", "hours",
            "region_id", "location", "delivered_to", "external_attendees", "notes",
        )},
        "attendees": attendees if attendees is not None else getattr(session, "attended", 0),
        "cancelled": session.is_cancelled,
    }


@router.get("/trainings", response={200: list[SessionOut], **E403, **E404})
@paginated
def list_sessions(request: HttpRequest, upcoming: bool = False) -> list[dict[str, Any]]:
    """The task force's sessions, newest first (``upcoming``: those still to come, soonest first)."""
    user = acting_user(request)
    require_colleague(user)
    sessions = visible_sessions(user).annotate(attended=Count("attendance"))
    if upcoming:
        sessions = sessions.filter(held_on__gt=today_in(user.active_task_force_id)).order_by("held_on", "id")
    else:
        sessions = sessions.order_by("-held_on", "-id")
    return [_session_out(s) for s in sessions]


@router.post("/trainings", response={201: SessionOut, **CHANGE})
def create_session(request: HttpRequest, payload: SessionIn) -> Status[dict[str, Any]]:
    """Record a session: leadership, or an administrator of the trainer organization."""
    user = acting_user(request)
    require_colleague(user)
    task_force = active_task_force(user)
    values = payload.dict()
    organization_id = values.pop("trainer_organization_id")
    region_id = values.pop("region_id")
    values["trainer_organization"] = (
        one_named(Organization.objects.filter(task_force=task_force, is_active=True), organization_id,
                  _("The trainer's organization is not an organization of the task force."))
        if organization_id is not None else None
    )
    values["region"] = (
        one_named(Region.objects.filter(task_force=task_force), region_id, _("The region is not a region of the task force."))
        if region_id is not None else None
    )
    session = actions.record_training(task_force, acting_user=user, **values)
    return Status(201, _session_out(session, 0))


@router.get("/trainings/{int:session_id}", response={200: SessionOut, **E403, **E404})
def get_session(request: HttpRequest, session_id: int) -> dict[str, Any]:
    user = acting_user(request)
    session = access_session(user, session_id)
    return _session_out(session, session.attendance.count())


@router.post("/trainings/{int:session_id}/cancel", response={200: SessionOut, **CHANGE, **E409})
def cancel_session(request: HttpRequest, session_id: int) -> dict[str, Any]:
    user = acting_user(request)
    session = actions.cancel_training(access_session(user, session_id, for_change=True), acting_user=user)
    return _session_out(session, session.attendance.count())


def _attendance_out(user: Any, session: TrainingSession) -> dict[str, Any]:
    rows = visible_attendance(user, session).select_related("person").order_by("person__full_name", "person_id")
    return {
        "session_id": session.pk, "external_attendees": session.external_attendees,
        "attendees": session.attendance.count(),
        "named": [{"person_id": r.person_id, "full_name": r.person.full_name, "organization_id": r.organization_id} for r in rows],
    }


@router.get("/trainings/{int:session_id}/attendance", response={200: AttendanceOut, **E403, **E404})
def get_attendance(request: HttpRequest, session_id: int) -> dict[str, Any]:
    """The attendance count; the names of the attendees whose records the reader may read (all
    of them for the coordinator and the administrators of the session's trainer organization)."""
    user = acting_user(request)
    return _attendance_out(user, access_session(user, session_id))


@router.post("/trainings/{int:session_id}/attendance", response={201: AttendanceOut, **CHANGE, **E409})
def add_attendance(request: HttpRequest, session_id: int, payload: AttendanceIn) -> Status[dict[str, Any]]:
    """Record attendees (task-force participants) and the count from outside the task force."""
    user = acting_user(request)
    session = access_session(user, session_id, for_change=True)
    if len(set(payload.person_ids)) != len(payload.person_ids):
        raise InvalidInput(_("A person is named twice."))
    people = all_named(participants(session.task_force_id), payload.person_ids,
                       _("Only participants of the task force can be recorded as attending."))
    by_id = {p.pk: p for p in people}
    actions.record_attendance(
        session, acting_user=user, people=[by_id[i] for i in payload.person_ids],
        external_attendees=payload.external_attendees,
    )
    session.refresh_from_db()
    return Status(201, _attendance_out(user, session))


# --- records and coverage ---------------------------------------------------------------


def _record_out(task_force_id: int, person: Any) -> dict[str, Any]:
    record = training_record(task_force_id, person.pk)
    return {
        "person_id": person.pk, "full_name": person.full_name, "total_hours": record.total_hours,
        "hours_by_fiscal_year": [{"fiscal_year": y, "hours": h} for y, h in record.hours_by_fiscal_year],
        "topics": [v for v, _label in record.topics],
        "sessions": [
            {"session_id": line.session.pk, "title": line.session.title, "held_on": line.session.held_on,
             "hours": line.session.hours, "topics": line.session.topics, "organization": line.organization_name,
             "fiscal_year": line.fiscal_year}
            for line in record.lines
        ],
    }


@router.get("/trainings/records/me", response={200: RecordOut, **E404})
def my_record(request: HttpRequest) -> dict[str, Any]:
    user = acting_user(request)
    return _record_out(user.active_task_force_id, access_training_record(user, user.pk))  # type: ignore[arg-type]


@router.get("/trainings/records/{int:person_id}", response={200: RecordOut, **E404})
def person_record(request: HttpRequest, person_id: int) -> dict[str, Any]:
    """A person's training record: theirs, their organization's supervisors and admins, the
    coordinator (404 for anybody else)."""
    user = acting_user(request)
    return _record_out(user.active_task_force_id, access_training_record(user, person_id))  # type: ignore[arg-type]


@router.get("/trainings/coverage", response={200: CoverageOut, **E400, **E404})
def get_coverage(request: HttpRequest, start: dt.date | None = None, end: dt.date | None = None) -> dict[str, Any]:
    """Counts of people trained per topic × discipline and topic × region (keys: discipline
    values, region ids) from ``start`` to ``end`` (default: the last 24 months). Every
    participant, the funder/auditor included: no names."""
    user = acting_user(request)
    require_coverage(user)
    task_force = active_task_force(user)
    default_start, default_end = default_window(today_in(task_force.pk))
    start, end = start or default_start, end or default_end
    if start > end:
        raise InvalidInput(_("The window starts after it ends."))
    table = coverage(task_force, start, end)
    return {
        **{f: getattr(table, f) for f in ("start", "end", "sessions", "session_hours", "people_trained",
                                          "external_attendees", "person_hours")},
        "rows": [
            {"topic": r.topic, "sessions": r.sessions, "hours": r.hours, "people": r.people, "external": r.external,
             "by_discipline": {d: n for (d, _l), n in zip(table.disciplines, r.by_discipline, strict=True)},
             "by_region": {str(i): n for (i, _n), n in zip(table.regions, r.by_region, strict=True)}}
            for r in table.rows
        ],
    }


# --- roadmap ----------------------------------------------------------------------------


def _label(label: catalog.Label) -> dict[str, str]:
    return {"en": label.en, "es": label.es}


@router.get("/roadmap/framework", response={200: FrameworkOut, **E403, **E404})
def get_framework(request: HttpRequest) -> dict[str, Any]:
    require_colleague(acting_user(request))
    framework = catalog.framework()
    return {
        "id": framework.id, "version": framework.version, "source": framework.source,
        "stages": [{"value": s.value, "label": _label(s.label), "description": _label(s.description)} for s in framework.stages],
        "areas": [
            {"value": a.value, "label": _label(a.label), "elements": [{"value": e.value, "label": _label(e.label)} for e in a.elements]}
            for a in framework.areas
        ],
    }


def _assessment_out(assessment: RoadmapAssessment, *, ratings: bool) -> dict[str, Any]:
    history = roadmap_history([assessment])
    out: dict[str, Any] = {
        **{f: getattr(assessment, f) for f in ("id", "year", "status", "framework_id", "framework_version")},
        "area_averages": {a.area: a.averages[0] for a in history.areas},
    }
    if ratings:
        out["ratings"] = [
            {f: getattr(r, f) for f in ("element", "stage", "goal_stage", "goal", "progress")}
            for r in assessment.ratings.all()
        ]
    return out


def _prefetched(queryset: QuerySet[RoadmapAssessment]) -> QuerySet[RoadmapAssessment]:
    return queryset.prefetch_related(Prefetch("ratings", queryset=RoadmapRating.objects.order_by("id")))


@router.get("/roadmap/assessments", response={200: list[AssessmentBrief], **E403, **E404})
@paginated
def list_assessments(request: HttpRequest) -> list[dict[str, Any]]:
    user = acting_user(request)
    require_colleague(user)
    return [_assessment_out(a, ratings=False) for a in _prefetched(visible_assessments(user)).order_by("-year")]


@router.post("/roadmap/assessments", response={201: AssessmentOut, **CHANGE, **E409})
def start_assessment(request: HttpRequest, payload: AssessmentIn) -> Status[dict[str, Any]]:
    """Start a fiscal year's self-assessment (leadership), pre-filled from the previous one."""
    user = acting_user(request)
    require_leadership(user)
    assessment = actions.start_assessment(active_task_force(user), acting_user=user, year=payload.year)
    return Status(201, _assessment_out(_prefetched(RoadmapAssessment.objects.all()).get(pk=assessment.pk), ratings=True))


@router.get("/roadmap/assessments/{int:assessment_id}", response={200: AssessmentOut, **E403, **E404})
def get_assessment(request: HttpRequest, assessment_id: int) -> dict[str, Any]:
    user = acting_user(request)
    access_assessment(user, assessment_id)
    return _assessment_out(_prefetched(RoadmapAssessment.objects.all()).get(pk=assessment_id), ratings=True)


@router.post("/roadmap/assessments/{int:assessment_id}/ratings", response={200: AssessmentOut, **CHANGE, **E409})
def rate(request: HttpRequest, assessment_id: int, payload: RatingsIn) -> dict[str, Any]:
    """Rate elements (leadership) while the assessment is in progress (409 once completed)."""
    user = acting_user(request)
    assessment = access_assessment(user, assessment_id, for_change=True)
    ratings: dict[str, dict[str, Any]] = {}
    for item in payload.ratings:
        if item.element in ratings:
                raise InvalidInput(_("An element is rated twice."))
        ratings[item.element] = item.dict(exclude={"element"}, exclude_unset=True)
    actions.rate_elements(assessment, acting_user=user, ratings=ratings)
    return _assessment_out(_prefetched(RoadmapAssessment.objects.all()).get(pk=assessment_id), ratings=True)


@router.post("/roadmap/assessments/{int:assessment_id}/complete", response={200: AssessmentOut, **CHANGE, **E409})
def complete(request: HttpRequest, assessment_id: int) -> dict[str, Any]:
    """Complete the assessment (leadership): every element rated (400 otherwise)."""
    user = acting_user(request)
    assessment = access_assessment(user, assessment_id, for_change=True)
    actions.complete_assessment(assessment, acting_user=user)
    return _assessment_out(_prefetched(RoadmapAssessment.objects.all()).get(pk=assessment_id), ratings=True)
