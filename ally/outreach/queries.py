"""Read helpers of survivor-leader engagement, outreach and threat assessment, built on
``ally.access.outreach``.

Tip and investigation counts of a threat assessment are **aggregates only**: one grouped count
query each, across every agency of the task force, never a row. A tip counts for an assessed
industry when its industry (``trafficking_industry``) maps to the NAICS industry
(``data/naics.json``), its county is one of the region's counties, and it was received in the
assessment's federal fiscal year. An investigation counts when its industry maps, it was opened
in the fiscal year, it is not purged, and one of its tips comes from a county of the region
(investigations carry no place of their own). Shown counts are suppressed: 1–4 read "1–4".

SECURITY: a count is also shown as "1–4" when any single ``trafficking_industry`` value inside it
counts 1–4, so that no difference between two shown counts (a sector and an industry within it,
or two assessments) can isolate a small cell. An assessment never holds two codes whose values
overlap (``actions.add_assessed_industry`` refuses them).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Case, Count, DecimalField, IntegerField, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce, ExtractYear, Lower

from ally.access.survivors import today_in
from ally.investigations.models import Investigation, Tip
from ally.outreach import catalog
from ally.outreach.models import (
    AssessedIndustry,
    Engagement,
    EventKind,
    EventStatus,
    Feedback,
    FeedbackStatus,
    OutreachEvent,
    SurvivorLeader,
    ThreatAssessment,
)
from ally.tenancy.models import Region, TaskForce

SMALL_CELL = 5  # counts 1 … SMALL_CELL-1 are shown as a range
OPEN_FEEDBACK_DAYS = 30


def fiscal_range(year: int) -> tuple[dt.date, dt.date]:
    """First and last day of a federal fiscal year (FY2026: 1 Oct 2025 – 30 Sep 2026)."""
    return dt.date(year - 1, 10, 1), dt.date(year, 9, 30)


def fiscal_year_of(field_name: str) -> Case:
    """The federal fiscal year of a date column, computed by the database."""
    year = ExtractYear(field_name)
    return Case(
        When(**{f"{field_name}__month__gte": 10}, then=year + 1), default=year, output_field=IntegerField()
    )


def suppressed(count: int) -> str:
    """A count as shown beside other agencies' work: 0, "1–4", or the number."""
    if count == 0:
        return "0"
    if count < SMALL_CELL:
        return f"1–{SMALL_CELL - 1}"
    return str(count)


# --- survivor leaders -------------------------------------------------------------------------

_MONEY = DecimalField(max_digits=14, decimal_places=2)


def with_totals(leaders: QuerySet[SurvivorLeader]) -> QuerySet[SurvivorLeader]:
    """Each leader with the number, hours and compensation of their engagements (one query)."""
    return leaders.annotate(
        engagement_count=Count("engagements"),
        total_hours=Coalesce(Sum("engagements__hours"), Value(Decimal(0)), output_field=_MONEY),
        total_paid=Coalesce(Sum("engagements__compensation"), Value(Decimal(0)), output_field=_MONEY),
    ).select_related("user")


def totals_by_fiscal_year(engagements: QuerySet[Engagement]) -> list[dict[str, Any]]:
    """Engagements, hours and compensation per federal fiscal year, newest first."""
    rows = (
        engagements.order_by()
        .annotate(fy=fiscal_year_of("occurred_on"))
        .values("fy")
        .annotate(count=Count("pk"), hours=Sum("hours"), paid=Sum("compensation"), leaders=Count("leader", distinct=True))
        .order_by("-fy")
    )
    cent = Decimal("0.01")
    return [
        {**row, "hours": Decimal(row["hours"] or 0).quantize(cent), "paid": Decimal(row["paid"] or 0).quantize(cent)}
        for row in rows
    ]


# --- feedback ---------------------------------------------------------------------------------


def open_feedback(task_force: TaskForce, *, today: dt.date | None = None) -> QuerySet[Feedback]:
    """Feedback without a response for more than 30 days, oldest first (the coordinator home)."""
    today = today or today_in(task_force.pk)
    return Feedback.objects.filter(
        task_force=task_force, status=FeedbackStatus.OPEN, received_on__lt=today - dt.timedelta(days=OPEN_FEEDBACK_DAYS)
    ).order_by("received_on", "pk")


# --- attendance -------------------------------------------------------------------------------


@dataclass
class AttendanceRow:
    label: str
    held: int = 0
    attendance: int = 0
    planned: int = 0


@dataclass
class AttendanceYear:
    fiscal_year: int
    regions: list[AttendanceRow] = field(default_factory=list)
    kinds: list[AttendanceRow] = field(default_factory=list)

    @property
    def total(self) -> AttendanceRow:
        return AttendanceRow(
            "", sum(r.held for r in self.regions), sum(r.attendance for r in self.regions),
            sum(r.planned for r in self.regions),
        )

    @property
    def longest(self) -> int:
        return max([r.attendance for r in self.regions] + [1])


def attendance_by_region(task_force: TaskForce) -> list[AttendanceYear]:
    """Per federal fiscal year (newest first): events held and their attendance, and events still
    planned, per region and per kind. Counts only — no titles, no names. Two queries."""
    events = OutreachEvent.objects.filter(task_force=task_force).exclude(status=EventStatus.CANCELLED).order_by()
    grouped: dict[str, Any] = {"held": Count("pk", filter=Q(status=EventStatus.HELD)),
                               "people": Coalesce(Sum("attendance", filter=Q(status=EventStatus.HELD)), 0),
                               "planned": Count("pk", filter=Q(status=EventStatus.PLANNED))}
    by_region = events.annotate(fy=fiscal_year_of("occurred_on")).values("fy", "region_id").annotate(**grouped)
    by_kind = events.annotate(fy=fiscal_year_of("occurred_on")).values("fy", "kind").annotate(**grouped)
    regions = list(Region.objects.filter(task_force=task_force).order_by("name").values_list("pk", "name"))
    kind_labels = dict(EventKind.choices)
    years: dict[int, AttendanceYear] = {}
    region_cells: dict[tuple[int, int], Any] = {(r["fy"], r["region_id"]): r for r in by_region}
    kind_cells: dict[tuple[int, str], Any] = {(r["fy"], r["kind"]): r for r in by_kind}
    for fy, _region in region_cells:
        years.setdefault(fy, AttendanceYear(fy))
    for year in years.values():
        for pk, name in regions:
            cell = region_cells.get((year.fiscal_year, pk))
            year.regions.append(
                AttendanceRow(name, cell["held"], cell["people"], cell["planned"]) if cell else AttendanceRow(name)
            )
        for kind, label in kind_labels.items():
            cell = kind_cells.get((year.fiscal_year, kind))
            if cell:
                year.kinds.append(AttendanceRow(str(label), cell["held"], cell["people"], cell["planned"]))
    return sorted(years.values(), key=lambda y: -y.fiscal_year)


# --- threat assessment ------------------------------------------------------------------------


@dataclass
class IndustryCounts:
    tips: int
    investigations: int
    # True when one of the code's trafficking_industry values counts 1 … SMALL_CELL-1 on its own.
    small_tips: bool = False
    small_investigations: bool = False

    @property
    def tips_shown(self) -> str:
        return _SMALL if self.small_tips else suppressed(self.tips)

    @property
    def investigations_shown(self) -> str:
        return _SMALL if self.small_investigations else suppressed(self.investigations)


_SMALL = f"1–{SMALL_CELL - 1}"


def _has_small_cell(by_value: dict[str, int], values: set[str]) -> bool:
    return any(0 < by_value.get(v, 0) < SMALL_CELL for v in values)


def _region_counties(region: Region) -> list[str]:
    return [c.strip().casefold() for c in region.counties if c.strip()]


def linked_counts(assessment: ThreatAssessment, codes: list[str]) -> dict[str, IndustryCounts]:
    """Counts of tips and investigations per NAICS code of the assessment, across every agency of
    the task force: two grouped COUNT queries, no row read. See the module docstring."""
    mapping = {code: set(found.trafficking_industries) for code in codes if (found := catalog.industry(code))}
    wanted = set().union(*mapping.values()) if mapping else set()
    counties = _region_counties(assessment.region)
    if not wanted or not counties:
        return {code: IndustryCounts(0, 0) for code in codes}
    start, end = fiscal_range(assessment.fiscal_year)
    zone = ZoneInfo(assessment.task_force.time_zone or "UTC")
    since = dt.datetime.combine(start, dt.time.min, tzinfo=zone)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    tips = (
        Tip.objects.filter(task_force_id=assessment.task_force_id, industry__in=wanted,
                           received_at__gte=since, received_at__lt=until)
        .annotate(county_key=Lower("county"))
        .filter(county_key__in=counties)
        .order_by()
        .values("industry")
        .annotate(n=Count("pk"))
    )
    region_tips = Tip.objects.annotate(county_key=Lower("county")).filter(
        task_force_id=assessment.task_force_id, county_key__in=counties, investigation__isnull=False
    ).values("investigation_id")
    investigations = (
        Investigation.objects.filter(
            task_force_id=assessment.task_force_id, industry__in=wanted, purged_at__isnull=True,
            opened_on__gte=start, opened_on__lte=end, pk__in=region_tips,
        )
        .order_by()
        .values("industry")
        .annotate(n=Count("pk"))
    )
    tip_by_industry = {row["industry"]: row["n"] for row in tips}
    investigation_by_industry = {row["industry"]: row["n"] for row in investigations}
    return {
        code: IndustryCounts(
            sum(tip_by_industry.get(v, 0) for v in values),
            sum(investigation_by_industry.get(v, 0) for v in values),
            small_tips=_has_small_cell(tip_by_industry, values),
            small_investigations=_has_small_cell(investigation_by_industry, values),
        )
        for code, values in mapping.items()
    } | {code: IndustryCounts(0, 0) for code in codes if code not in mapping}


@dataclass
class IndustryRow:
    row: AssessedIndustry
    counts: IndustryCounts
    planned: int
    held: int
    attendance: int


def assessment_rows(assessment: ThreatAssessment) -> list[IndustryRow]:
    """The assessment's industries (highest score first) with their linked counts and the
    outreach planned and held from each. Four queries however many industries."""
    rows = list(
        assessment.industries.annotate(
            planned_events=Count("events", filter=Q(events__status=EventStatus.PLANNED)),
            held_events=Count("events", filter=Q(events__status=EventStatus.HELD)),
            held_attendance=Coalesce(Sum("events__attendance", filter=Q(events__status=EventStatus.HELD)), 0),
        ).order_by("-score", "naics_code")
    )
    counts = linked_counts(assessment, [r.naics_code for r in rows])
    return [
        IndustryRow(r, counts[r.naics_code], r.planned_events, r.held_events, r.held_attendance)
        for r in rows
    ]


def industry_labels(rows: list[IndustryRow]) -> list[tuple[IndustryRow, list[str]]]:
    factors = catalog.factors().by_key()
    return [(r, [factors[k].label for k in r.row.factors if k in factors]) for r in rows]


def assessments_with_counts(assessments: QuerySet[ThreatAssessment]) -> QuerySet[ThreatAssessment]:
    return assessments.select_related("region").annotate(
        industry_count=Count("industries", distinct=True),
    ).order_by("-fiscal_year", "region__name")


def regional_chart(assessments: list[ThreatAssessment]) -> list[tuple[ThreatAssessment, list[IndustryRow]]]:
    """For the chart of scores by industry per region: each assessment with its rows."""
    return [(a, assessment_rows(a)) for a in assessments]
