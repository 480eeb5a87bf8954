"""The federal fiscal calendar funders report by, and the reporting deadlines kept as data.

A federal fiscal year runs October to September and is named for the calendar year it ends in:
FY2026 = 1 October 2025 – 30 September 2026; its Q1 is October–December 2025. Quarters begin at
midnight of 1 October, 1 January, 1 April and 1 July *in the task force's time zone*.

Deadlines (``data/reporting-calendar.json``) are data: a task force whose award differs edits the
file, not this module.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import cache, total_ordering
from pathlib import Path
from zoneinfo import ZoneInfo

from django.utils.translation import get_language

CALENDAR_FILE = Path(__file__).parent / "data" / "reporting-calendar.json"
_QUARTER = re.compile(r"^FY(\d{4})Q([1-4])$")


def fiscal_year(day: dt.date) -> int:
    """The federal fiscal year a day falls in (October starts the next year's)."""
    return day.year + 1 if day.month >= 10 else day.year


@total_ordering
@dataclass(frozen=True)
class FiscalQuarter:
    year: int  # the fiscal year, e.g. 2026
    quarter: int  # 1 (Oct–Dec) … 4 (Jul–Sep)

    def __post_init__(self) -> None:
        if not 1 <= self.quarter <= 4 or not 1900 < self.year < 3000:
            raise ValueError(f"no fiscal quarter FY{self.year}Q{self.quarter}")

    @classmethod
    def parse(cls, text: str) -> FiscalQuarter:
        """'FY2026Q1' → FiscalQuarter(2026, 1); ValueError naming the expected form otherwise."""
        match = _QUARTER.match(text.strip().upper()) if isinstance(text, str) else None
        if match is None:
            raise ValueError(f"{text!r} is not a fiscal quarter: write it like FY2026Q1 (Q1 = October–December)")
        return cls(int(match[1]), int(match[2]))

    @classmethod
    def containing(cls, day: dt.date) -> FiscalQuarter:
        return cls(fiscal_year(day), (day.month - 10) % 12 // 3 + 1)

    def __str__(self) -> str:
        return f"FY{self.year}Q{self.quarter}"

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, FiscalQuarter):
            return NotImplemented
        return (self.year, self.quarter) < (other.year, other.quarter)

    @property
    def first_day(self) -> dt.date:
        month = (self.quarter - 1) * 3 + 10
        return dt.date(self.year - 1, month, 1) if month <= 12 else dt.date(self.year, month - 12, 1)

    @property
    def last_day(self) -> dt.date:
        return self.next().first_day - dt.timedelta(days=1)

    def next(self) -> FiscalQuarter:
        return FiscalQuarter(self.year + 1, 1) if self.quarter == 4 else FiscalQuarter(self.year, self.quarter + 1)

    def previous(self) -> FiscalQuarter:
        return FiscalQuarter(self.year - 1, 4) if self.quarter == 1 else FiscalQuarter(self.year, self.quarter - 1)

    def bounds(self, time_zone: str) -> tuple[dt.datetime, dt.datetime]:
        """[start, end): midnight of the quarter's first day to midnight of the next quarter's,
        in the task force's zone."""
        zone = ZoneInfo(time_zone)
        start = dt.datetime.combine(self.first_day, dt.time(), tzinfo=zone)
        end = dt.datetime.combine(self.next().first_day, dt.time(), tzinfo=zone)
        return start, end


@dataclass(frozen=True)
class Deadline:
    id: str
    label: str
    due_on: dt.date
    covers: tuple[FiscalQuarter, ...]  # the quarters the submission reports on

    @property
    def period(self) -> str:
        first, last = self.covers[0], self.covers[-1]
        return str(first) if first == last else f"{first}–{last}"


@cache
def _calendar() -> list[dict]:  # type: ignore[type-arg]
    data = json.loads(CALENDAR_FILE.read_text(encoding="utf-8"))
    deadlines = data.get("deadlines")
    if not isinstance(deadlines, list) or not deadlines:
        raise ValueError(f"{CALENDAR_FILE.name}: 'deadlines' must be a non-empty list")
    for entry in deadlines:
        if entry.get("every") not in {"quarter", "half_year"} or not entry.get("id"):
            raise ValueError(f"{CALENDAR_FILE.name}: each deadline has an id and every: quarter|half_year")
    return deadlines


def _label(entry: dict, language: str | None) -> str:  # type: ignore[type-arg]
    code = (language or get_language() or "en").split("-")[0]
    return str(entry["label"].get(code) or entry["label"]["en"])


def deadlines_between(start: dt.date, end: dt.date, language: str | None = None) -> list[Deadline]:
    """Every reporting deadline falling on a day in [start, end], in date order."""
    found: list[Deadline] = []
    for entry in _calendar():
        if entry["every"] == "quarter":
            quarter = FiscalQuarter.containing(start - dt.timedelta(days=int(entry["days_after_period_end"]) + 1))
            while True:
                due = quarter.last_day + dt.timedelta(days=int(entry["days_after_period_end"]))
                if due > end:
                    break
                if due >= start:
                    found.append(Deadline(entry["id"], _label(entry, language), due, (quarter,)))
                quarter = quarter.next()
        else:
            for year in range(start.year, end.year + 1):
                for when in entry["due"]:
                    due = dt.date(year, int(when["month"]), int(when["day"]))
                    if not start <= due <= end:
                        continue
                    # The quarters covered are the latest ones with those numbers ending before the due date.
                    covers = []
                    for number in when["covers_quarters"]:
                        quarter = FiscalQuarter.containing(due)
                        while quarter.quarter != number or quarter.last_day >= due:
                            quarter = quarter.previous()
                        covers.append(quarter)
                    found.append(Deadline(entry["id"], _label(entry, language), due, tuple(sorted(covers))))
    return sorted(found, key=lambda d: (d.due_on, d.id))


def reports_due(today: dt.date, within_days: int = 45, language: str | None = None) -> list[Deadline]:
    """The reporting deadlines from today through the next ``within_days`` days."""
    return deadlines_between(today, today + dt.timedelta(days=within_days), language)
