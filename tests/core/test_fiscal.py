"""The federal fiscal calendar: quarters, their boundaries in the task force's zone, deadlines."""

from __future__ import annotations

import datetime as dt

import pytest

from ally.core.fiscal import FiscalQuarter, deadlines_between, fiscal_year, reports_due


def test_fiscal_years_start_in_october():
    assert fiscal_year(dt.date(2025, 9, 30)) == 2025
    assert fiscal_year(dt.date(2025, 10, 1)) == 2026
    assert fiscal_year(dt.date(2026, 9, 30)) == 2026


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("FY2026Q1", dt.date(2025, 10, 1), dt.date(2025, 12, 31)),
        ("FY2026Q2", dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
        ("fy2026q3", dt.date(2026, 4, 1), dt.date(2026, 6, 30)),
        ("FY2026Q4", dt.date(2026, 7, 1), dt.date(2026, 9, 30)),
    ],
)
def test_quarters_cover_three_months(text, first, last):
    quarter = FiscalQuarter.parse(text)
    assert (quarter.first_day, quarter.last_day) == (first, last)
    assert FiscalQuarter.containing(first) == quarter == FiscalQuarter.containing(last)
    assert str(quarter) == text.upper()


@pytest.mark.parametrize("text", ["FY2026Q5", "2026Q1", "FY26Q1", "FY2026 Q1", "", "Q1FY2026"])
def test_an_unknown_quarter_string_is_refused_with_the_expected_form(text):
    with pytest.raises(ValueError, match="FY2026Q1"):
        FiscalQuarter.parse(text)


def test_quarter_boundaries_fall_at_local_midnight():
    start, end = FiscalQuarter(2026, 2).bounds("America/Chicago")
    assert start == dt.datetime(2026, 1, 1, 6, 0, tzinfo=dt.UTC)  # CST is UTC-6
    assert end == dt.datetime(2026, 4, 1, 5, 0, tzinfo=dt.UTC)  # CDT is UTC-5
    # 11:30 pm on 31 December in Chicago is still Q1, though it is already January in UTC.
    late = dt.datetime(2026, 1, 1, 5, 30, tzinfo=dt.UTC)
    assert not start <= late < end


def test_next_and_previous_cross_fiscal_years():
    assert FiscalQuarter(2026, 4).next() == FiscalQuarter(2027, 1)
    assert FiscalQuarter(2027, 1).previous() == FiscalQuarter(2026, 4)
    assert FiscalQuarter(2026, 1) < FiscalQuarter(2026, 2) < FiscalQuarter(2027, 1)


def test_quarterly_measures_are_due_thirty_days_after_the_quarter():
    due = [d for d in deadlines_between(dt.date(2026, 1, 1), dt.date(2026, 12, 31), "en") if d.id == "quarterly_measures"]
    assert [(d.due_on, d.period) for d in due] == [
        (dt.date(2026, 1, 30), "FY2026Q1"),
        (dt.date(2026, 4, 30), "FY2026Q2"),
        (dt.date(2026, 7, 30), "FY2026Q3"),
        (dt.date(2026, 10, 30), "FY2026Q4"),
    ]


def test_narratives_are_due_january_and_july_thirtieth_for_the_half_year():
    due = [d for d in deadlines_between(dt.date(2026, 1, 1), dt.date(2026, 12, 31), "en") if d.id == "semiannual_narrative"]
    assert [(d.due_on, d.period) for d in due] == [
        (dt.date(2026, 1, 30), "FY2025Q4–FY2026Q1"),
        (dt.date(2026, 7, 30), "FY2026Q2–FY2026Q3"),
    ]


def test_reports_due_looks_ahead_from_today():
    due = reports_due(dt.date(2026, 11, 22), within_days=70, language="es")
    assert [(d.due_on, d.label) for d in due] == [
        (dt.date(2027, 1, 30), "Medidas de desempeño trimestrales"),
        (dt.date(2027, 1, 30), "Narrativa semestral de avances"),
    ]
    assert reports_due(dt.date(2026, 10, 30), within_days=0)[0].period == "FY2026Q4"
