"""What a computed report is, whatever it is shown as (screen, CSV, XLSX, PDF, JSON).

A report holds sections of measures; a measure has a total and breakdowns; every number is a
``Cell`` that already knows how it is shown (exact, or suppressed as a small cell). Formats only
lay cells out: they never count and never decide suppression.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ally.core.fiscal import FiscalQuarter


@dataclass(frozen=True)
class Cell:
    count: int | None  # None when suppressed
    shown: str  # what is printed: "12", "1–4" (suppressed), "0"
    percent: float | None = None  # share of the known total (unknowns left out of the denominator)

    @property
    def suppressed(self) -> bool:
        return self.count is None

    def as_dict(self) -> dict[str, Any]:
        return {"count": self.count, "shown": self.shown, "percent": self.percent, "suppressed": self.suppressed}


@dataclass(frozen=True)
class BreakdownRow:
    value: str  # the vocabulary value ("" for not recorded)
    label: str
    cell: Cell
    unknown: bool = False  # counted, but left out of percentage denominators


@dataclass(frozen=True)
class Breakdown:
    id: str
    label: str
    multi: bool  # multi-select: rows may sum above the total
    rows: tuple[BreakdownRow, ...]
    known_total: int | None  # the denominator of the percentages (None when suppressed)


@dataclass(frozen=True)
class MeasureResult:
    id: str
    label: str
    definition: str
    records: str  # what is counted, in words ("clients with a service delivered in the quarter")
    total: Cell
    breakdowns: tuple[Breakdown, ...] = ()


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    measures: tuple[MeasureResult, ...]


@dataclass(frozen=True)
class Report:
    catalogue_id: str  # "ovc"
    catalogue_title: str
    catalogue_version: str  # the fiscal year the catalogue version starts: "FY2026"
    quarter: FiscalQuarter
    first_day: dt.date
    last_day: dt.date
    time_zone: str
    task_force: str  # name
    organization: str | None  # name, for an organization's own report; None for the task force
    threshold: int  # small-cell threshold; counts 1..threshold-1 are suppressed (1 = none)
    generated_at: dt.datetime
    sections: tuple[Section, ...] = field(default_factory=tuple)

    @property
    def scope(self) -> str:
        return "organization" if self.organization is not None else "task_force"

    @property
    def suppressed(self) -> bool:
        return self.scope == "task_force" and self.threshold > 1

    def measures(self) -> list[MeasureResult]:
        return [m for s in self.sections for m in s.measures]

    def as_dict(self) -> dict[str, Any]:
        return {
            "catalogue": self.catalogue_id,
            "catalogue_title": self.catalogue_title,
            "catalogue_version": self.catalogue_version,
            "quarter": str(self.quarter),
            "first_day": self.first_day.isoformat(),
            "last_day": self.last_day.isoformat(),
            "time_zone": self.time_zone,
            "scope": self.scope,
            "task_force": self.task_force,
            "organization": self.organization,
            "small_cell_threshold": self.threshold if self.suppressed else None,
            "generated_at": self.generated_at.isoformat(),
            "sections": [
                {
                    "id": s.id,
                    "title": s.title,
                    "measures": [
                        {
                            "id": m.id,
                            "label": m.label,
                            "definition": m.definition,
                            "records": m.records,
                            "total": m.total.as_dict(),
                            "breakdowns": [
                                {
                                    "id": b.id,
                                    "label": b.label,
                                    "multi": b.multi,
                                    "known_total": b.known_total,
                                    "rows": [
                                        {"value": r.value, "label": r.label, "unknown": r.unknown, **r.cell.as_dict()}
                                        for r in b.rows
                                    ],
                                }
                                for b in m.breakdowns
                            ],
                        }
                        for m in s.measures
                    ],
                }
                for s in self.sections
            ],
        }
