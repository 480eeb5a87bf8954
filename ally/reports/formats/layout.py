"""A report arranged for an HTML page (the screen and the PDF): each breakdown with its chart."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from ally.reports.charts import bar_chart
from ally.reports.formats.cells import chart_rows
from ally.reports.model import Breakdown, MeasureResult, Report, Section

_NOT_ID = re.compile(r"[^a-z0-9-]+")


@dataclass(frozen=True)
class ShownBreakdown:
    breakdown: Breakdown
    chart: SafeString
    anchor: str


@dataclass(frozen=True)
class ShownMeasure:
    measure: MeasureResult
    breakdowns: tuple[ShownBreakdown, ...]
    anchor: str


@dataclass(frozen=True)
class ShownSection:
    section: Section
    measures: tuple[ShownMeasure, ...]
    anchor: str


def _anchor(*parts: str) -> str:
    return "r-" + _NOT_ID.sub("-", "-".join(parts).lower()).strip("-")


def _chart(measure: MeasureResult, breakdown: Breakdown, anchor: str) -> SafeString:
    description = _("%(measure)s by %(breakdown)s.") % {"measure": measure.label, "breakdown": breakdown.label.lower()}
    if breakdown.multi:
        description += " " + _("One person may count in several bars.")
    return bar_chart(
        chart_rows(breakdown),
        title=f"{measure.label}: {breakdown.label}",
        description=description,
        chart_id=anchor + "-chart",
    )


def arrange(report: Report) -> list[ShownSection]:
    shown = []
    for section in report.sections:
        measures = []
        for measure in section.measures:
            m_anchor = _anchor(section.id, measure.id)
            breakdowns = tuple(
                ShownBreakdown(b, _chart(measure, b, f"{m_anchor}-{_anchor(b.id)}"), f"{m_anchor}-{_anchor(b.id)}")
                for b in measure.breakdowns
            )
            measures.append(ShownMeasure(measure, breakdowns, m_anchor))
        shown.append(ShownSection(section, tuple(measures), _anchor(section.id)))
    return shown
