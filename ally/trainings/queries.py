"""Reading trainings: a person's training record, the coverage table, professionals trained.

``coverage`` and ``professionals_trained`` take the task force, not a user: callers check access
first (the coverage page: ``require_coverage``; reports: their own rules). Both count people,
never name them. Cancelled sessions count for nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from ally.tenancy.models import Organization, Region, TaskForce
from ally.tenancy.vocab import Discipline
from ally.trainings import catalog
from ally.trainings.actions import fiscal_year
from ally.trainings.models import RoadmapAssessment, TrainingAttendance, TrainingSession

DEFAULT_WINDOW_MONTHS = 24


def default_window(today: dt.date) -> tuple[dt.date, dt.date]:
    """The last 24 months up to today (29 February falls back to the 28th)."""
    try:
        start = today.replace(year=today.year - DEFAULT_WINDOW_MONTHS // 12)
    except ValueError:
        start = today.replace(year=today.year - DEFAULT_WINDOW_MONTHS // 12, day=28)
    return start, today


def held(task_force: TaskForce | int, start: dt.date, end: dt.date) -> QuerySet[TrainingSession]:
    """Sessions of the task force held between start and end (inclusive), not cancelled."""
    task_force_id = task_force if isinstance(task_force, int) else task_force.pk
    return TrainingSession.objects.filter(
        task_force_id=task_force_id, held_on__gte=start, held_on__lte=end, cancelled_at__isnull=True
    )


# --- a person's record ------------------------------------------------------------------


@dataclass(frozen=True)
class RecordLine:
    session: TrainingSession
    organization_name: str
    topic_labels: tuple[str, ...]
    fiscal_year: int


@dataclass(frozen=True)
class TrainingRecord:
    lines: tuple[RecordLine, ...]
    total_hours: Decimal
    hours_by_fiscal_year: tuple[tuple[int, Decimal], ...]  # newest first
    topics: tuple[tuple[str, str], ...]  # (value, label) of every topic attended, in list order


def training_record(task_force_id: int, person_id: int) -> TrainingRecord:
    """The sessions a person attended in the task force (newest first), their hours in total and
    by federal fiscal year, and the topics covered. Two queries."""
    rows = list(
        TrainingAttendance.objects.filter(
            task_force_id=task_force_id, person_id=person_id, session__cancelled_at__isnull=True
        ).select_related("session", "organization").order_by("-session__held_on", "-session_id")
    )
    topics = catalog.topics()
    lines = tuple(
        RecordLine(
            r.session,
            r.organization.name if r.organization is not None else "",
            tuple(topics.label(t) for t in r.session.topics),
            fiscal_year(r.session.held_on),
        )
        for r in rows
    )
    by_year: dict[int, Decimal] = defaultdict(Decimal)
    for line in lines:
        by_year[line.fiscal_year] += line.session.hours
    seen = {t for line in lines for t in line.session.topics}
    return TrainingRecord(
        lines,
        sum((line.session.hours for line in lines), Decimal(0)),
        tuple(sorted(by_year.items(), reverse=True)),
        tuple((t.value, t.label()) for t in topics.values if t.value in seen),
    )


def hours_by_person(task_force_id: int, person_ids: list[int]) -> dict[int, Decimal]:
    """Total training hours of each of these people (one query)."""
    totals: dict[int, Decimal] = defaultdict(Decimal)
    for person_id, hours in TrainingAttendance.objects.filter(
        task_force_id=task_force_id, person_id__in=person_ids, session__cancelled_at__isnull=True
    ).values_list("person_id", "session__hours"):
        totals[person_id] += hours
    return totals


# --- coverage ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CoverageRow:
    topic: str
    label: str
    sessions: int
    hours: Decimal  # hours of training delivered on the topic (each session once)
    people: int  # distinct task-force participants trained on it
    external: int  # attendees from outside the task force
    by_discipline: tuple[int, ...]  # people trained, in CoverageTable.disciplines order
    by_region: tuple[int, ...]  # people trained, in CoverageTable.regions order

    @property
    def discipline_gaps(self) -> int:
        return sum(1 for n in self.by_discipline if n == 0)

    @property
    def region_gaps(self) -> int:
        return sum(1 for n in self.by_region if n == 0)


@dataclass(frozen=True)
class CoverageTable:
    """Which topics reached which disciplines and regions between ``start`` and ``end``.

    A person counts for a discipline by the discipline of the organization they attended for,
    and for every region that organization serves. A cell of 0 is a *gap*: nobody of that
    discipline or region was trained on the topic in the window."""

    start: dt.date
    end: dt.date
    disciplines: tuple[tuple[str, str], ...]
    regions: tuple[tuple[int, str], ...]
    rows: tuple[CoverageRow, ...]
    sessions: int
    session_hours: Decimal
    people_trained: int  # distinct task-force participants
    external_attendees: int
    person_hours: Decimal  # each attendee's hours, summed

    @property
    def trained_total(self) -> int:
        return self.people_trained + self.external_attendees

    def row(self, topic: str) -> CoverageRow:
        for row in self.rows:
            if row.topic == topic:
                return row
        raise LookupError(topic)

    def discipline_count(self, topic: str, discipline: str) -> int:
        return self.row(topic).by_discipline[[d for d, _ in self.disciplines].index(discipline)]

    def region_count(self, topic: str, region_id: int) -> int:
        return self.row(topic).by_region[[r for r, _ in self.regions].index(region_id)]


def coverage(task_force: TaskForce, start: dt.date, end: dt.date) -> CoverageTable:
    """The coverage table of the task force's sessions held from ``start`` to ``end``
    (inclusive): every topic × every discipline and every region. Four queries."""
    sessions = list(held(task_force, start, end).values_list("id", "topics", "hours", "external_attendees"))
    session_ids = [s[0] for s in sessions]
    attendance = list(
        TrainingAttendance.objects.filter(session_id__in=session_ids).values_list(
            "session_id", "person_id", "organization_id", "organization__discipline"
        )
    )
    organization_ids = {a[2] for a in attendance if a[2] is not None}
    serves: dict[int, set[int]] = defaultdict(set)
    for organization_id, region_id in Organization.regions_served.through.objects.filter(
        organization_id__in=organization_ids
    ).values_list("organization_id", "region_id"):
        serves[organization_id].add(region_id)
    regions = tuple(Region.objects.filter(task_force=task_force).order_by("name").values_list("id", "name"))
    disciplines = tuple((str(v), str(label)) for v, label in Discipline.choices)

    topics_of = {s[0]: s[1] for s in sessions}
    by_topic: dict[str, dict[str, Any]] = {
        t.value: {"sessions": 0, "hours": Decimal(0), "external": 0, "people": set(),
                  "discipline": defaultdict(set), "region": defaultdict(set)}
        for t in catalog.topics().values
    }
    hours_of = {s[0]: s[2] for s in sessions}
    for _session_id, topics, hours, external in sessions:
        for topic in topics:
            if topic in by_topic:
                by_topic[topic]["sessions"] += 1
                by_topic[topic]["hours"] += hours
                by_topic[topic]["external"] += external
    people: set[int] = set()
    person_hours = Decimal(0)
    for session_id, person_id, organization_id, discipline in attendance:
        people.add(person_id)
        person_hours += hours_of[session_id]
        for topic in topics_of[session_id]:
            if topic not in by_topic:
                continue
            cell = by_topic[topic]
            cell["people"].add(person_id)
            if discipline:
                cell["discipline"][discipline].add(person_id)
            for region_id in serves.get(organization_id or 0, ()):
                cell["region"][region_id].add(person_id)
    rows = tuple(
        CoverageRow(
            topic=t.value,
            label=t.label(),
            sessions=by_topic[t.value]["sessions"],
            hours=by_topic[t.value]["hours"],
            people=len(by_topic[t.value]["people"]),
            external=by_topic[t.value]["external"],
            by_discipline=tuple(len(by_topic[t.value]["discipline"][d]) for d, _ in disciplines),
            by_region=tuple(len(by_topic[t.value]["region"][r]) for r, _ in regions),
        )
        for t in catalog.topics().values
    )
    return CoverageTable(
        start=start,
        end=end,
        disciplines=disciplines,
        regions=regions,
        rows=rows,
        sessions=len(sessions),
        session_hours=sum((s[2] for s in sessions), Decimal(0)),
        people_trained=len(people),
        external_attendees=sum(s[3] for s in sessions),
        person_hours=person_hours,
    )


def professionals_trained(
    task_force: TaskForce, start: dt.date, end: dt.date, organization: Organization | None = None
) -> int:
    """How many people were trained from ``start`` to ``end`` (inclusive): distinct task-force
    participants who attended, plus the attendees from outside the task force. For one
    ``organization``: its own people who attended for it (outside attendees are nobody's)."""
    attendance = TrainingAttendance.objects.filter(session__in=held(task_force, start, end))
    if organization is not None:
        return attendance.filter(organization=organization).values("person_id").distinct().count()
    inside = attendance.values("person_id").distinct().count()
    outside = sum(held(task_force, start, end).values_list("external_attendees", flat=True))
    return inside + outside


# --- roadmap ----------------------------------------------------------------------------


@dataclass(frozen=True)
class AreaAverage:
    area: str
    label: str
    averages: tuple[Decimal | None, ...]  # per year in RoadmapHistory.years order (None: not rated)


@dataclass(frozen=True)
class RoadmapHistory:
    years: tuple[tuple[int, bool], ...]  # (fiscal year, completed), oldest first
    areas: tuple[AreaAverage, ...]


def roadmap_history(assessments: list[RoadmapAssessment]) -> RoadmapHistory:
    """The average stage of every area of the current framework, year by year (the elements
    rated in each assessment; an area nobody rated is None). The assessments come with their
    ratings prefetched."""
    framework = catalog.framework()
    ordered = sorted(assessments, key=lambda a: a.year)
    area_of = {e.value: e.area for e in framework.elements}
    columns = []
    for assessment in ordered:
        stages: dict[str, list[int]] = defaultdict(list)
        for rating in assessment.ratings.all():
            if rating.stage is not None and rating.element in area_of:
                stages[area_of[rating.element]].append(rating.stage)
        columns.append({
            a: (Decimal(sum(v)) / len(v)).quantize(Decimal("0.1")) if v else None for a, v in stages.items()
        })
    return RoadmapHistory(
        tuple((a.year, a.is_completed) for a in ordered),
        tuple(AreaAverage(a.value, a.label(), tuple(c.get(a.value) for c in columns)) for a in framework.areas),
    )


# --- for the coordinator home -----------------------------------------------------------


def upcoming_sessions(task_force: TaskForce, today: dt.date, days: int = 30) -> list[TrainingSession]:
    """Sessions planned from tomorrow to ``days`` ahead, soonest first, not cancelled (one query)."""
    return list(
        held(task_force, today + dt.timedelta(days=1), today + dt.timedelta(days=days))
        .select_related("region").order_by("held_on", "id")
    )


def assessment_of_year(task_force: TaskForce, fiscal_year: int) -> RoadmapAssessment | None:
    """This fiscal year's roadmap self-assessment, if started (one query): the home can say
    "not started", "in progress" or "completed"."""
    return RoadmapAssessment.objects.filter(task_force=task_force, year=fiscal_year).first()
