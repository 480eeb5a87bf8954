"""The formats lay a known report out: CSV, XLSX, PDF and JSON carry exactly its cells."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import shutil
import subprocess
import zipfile

import pytest
from openpyxl import load_workbook

from ally.core.fiscal import FiscalQuarter
from ally.reports.formats import render
from ally.reports.formats.pdf import RefuseEverything, report_html
from ally.reports.model import Breakdown, BreakdownRow, Cell, MeasureResult, Report, Section

INJECTED = "=HYPERLINK(\"http://evil.example\",\"x\")"


def sample_report(*, organization: str | None = None, label: str = "Clients served") -> Report:
    """Two sections: a measure with a single-select breakdown (one hidden cell, one unknown)
    and a multi-select breakdown; a second measure with no breakdown."""
    gender = Breakdown(
        "gender",
        "Gender",
        multi=False,
        rows=(
            BreakdownRow("woman", "Woman", Cell(37, "37", 74.0)),
            BreakdownRow("man", "Man", Cell(13, "13", 26.0)),
            BreakdownRow("transgender", "Transgender", Cell(None, "1–4")),
            BreakdownRow("", "Not recorded", Cell(6, "6"), unknown=True),
        ),
        known_total=None,
    )
    types = Breakdown(
        "trafficking_type",
        "Trafficking type",
        multi=True,
        rows=(
            BreakdownRow("sex", "Sex trafficking", Cell(41, "41", 71.9)),
            BreakdownRow("labor", "Labor trafficking", Cell(23, "23", 40.4)),
        ),
        known_total=57,
    )
    served = MeasureResult(
        "clients_served", label, "Clients who received at least one service in the quarter.",
        "clients with a service delivered in the quarter", Cell(59, "59"), (gender, types),
    )
    new = MeasureResult(
        "new_clients", INJECTED, "Clients served for the first time this fiscal year.",
        "clients whose first service of the fiscal year falls in the quarter", Cell(21, "21"),
    )
    arrests = MeasureResult(
        "arrests", "Arrests", "Arrests for trafficking offences.", "arrests made in the quarter", Cell(None, "1–4"),
    )
    quarter = FiscalQuarter(2026, 1)
    return Report(
        catalogue_id="ovc", catalogue_title="OVC victim services", catalogue_version="FY2026",
        quarter=quarter, first_day=quarter.first_day, last_day=quarter.last_day, time_zone="America/Chicago",
        task_force="Lakeshore Task Force", organization=organization, threshold=5 if organization is None else 1,
        generated_at=dt.datetime(2026, 1, 15, 9, 30, tzinfo=dt.UTC),
        sections=(Section("services", "Victim services", (served, new)), Section("le", "Law enforcement", (arrests,))),
    )


def test_csv_is_one_table_with_every_cell():
    rows = list(csv.reader(io.StringIO(render(sample_report(), "csv").decode("utf-8-sig"))))
    assert rows[0] == ["section", "measure_id", "measure", "breakdown", "value", "label", "count", "shown", "percent"]
    assert ["Victim services", "clients_served", "Clients served", "", "", "Total", "59", "59", ""] in rows
    assert ["Victim services", "clients_served", "Clients served", "gender", "woman", "Woman", "37", "37", "74.0"] in rows
    # a hidden count: no number, only its range; an unknown: no percentage
    assert ["Victim services", "clients_served", "Clients served", "gender", "transgender", "Transgender", "", "1–4", ""] in rows
    assert ["Victim services", "clients_served", "Clients served", "gender", "", "Not recorded", "6", "6", ""] in rows
    assert ["Law enforcement", "arrests", "Arrests", "", "", "Total", "", "1–4", ""] in rows
    assert len(rows) == 1 + 3 + 4 + 2


def test_csv_quotes_formulas():
    rows = list(csv.reader(io.StringIO(render(sample_report(), "csv").decode("utf-8-sig"))))
    new = next(r for r in rows if r[1] == "new_clients")
    assert new[2] == "'" + INJECTED
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)


def _xlsx(report: Report):
    return load_workbook(io.BytesIO(render(report, "xlsx")))


def test_xlsx_has_a_cover_a_sheet_per_section_and_definitions():
    book = _xlsx(sample_report())
    assert book.sheetnames == ["Report", "Victim services", "Law enforcement", "Definitions"]
    cover = {row[0]: row[1] for row in book["Report"].iter_rows(min_row=3, values_only=True) if row[0]}
    assert cover["Fiscal quarter"] == "FY2026Q1"
    assert cover["First day"] == "2025-10-01" and cover["Last day"] == "2025-12-31"
    assert cover["Catalogue version"] == "FY2026"
    assert "1–4" in cover["Small counts"]
    definitions = list(book["Definitions"].iter_rows(min_row=2, values_only=True))
    assert [d[0] for d in definitions] == ["clients_served", "new_clients", "arrests"]
    assert definitions[0][4] == "Gender, Trafficking type"
    values = [v for row in book["Victim services"].iter_rows(values_only=True) for v in row if v is not None]
    for expected in (59, 37, 13, "1–4", 6, 41, 23, 21):
        assert expected in values
    assert 0.74 in values


def test_xlsx_charts_are_native_and_on_the_section_sheets():
    content = render(sample_report(), "xlsx")
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = archive.namelist()
        charts = [n for n in names if n.startswith("xl/charts/chart")]
        assert len(charts) == 2  # one per breakdown
        drawing_rels = "".join(archive.read(n).decode() for n in names if n.startswith("xl/drawings/_rels/"))
        assert all(c.split("/")[-1] in drawing_rels for c in charts)
        sheet_rels = archive.read("xl/worksheets/_rels/sheet2.xml.rels").decode()
        assert "drawing" in sheet_rels


def test_xlsx_stores_formula_like_text_as_text():
    content = render(sample_report(), "xlsx")
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheets = "".join(archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/sheet"))
    assert "<f>" not in sheets
    assert _xlsx(sample_report())["Definitions"]["B3"].value == INJECTED


def test_organization_report_says_exact_counts():
    book = _xlsx(sample_report(organization="Harbor Survivor Services"))
    cover = {row[0]: row[1] for row in book["Report"].iter_rows(min_row=3, values_only=True) if row[0]}
    assert "Harbor Survivor Services" in cover["Scope"]
    assert cover["Small counts"] == "Exact counts: no count is hidden."


def test_json_is_the_report_as_dict():
    report = sample_report()
    assert json.loads(render(report, "json")) == json.loads(json.dumps(report.as_dict()))


def test_unknown_format_is_refused():
    with pytest.raises(ValueError, match="no report format"):
        render(sample_report(), "docx")


def test_pdf_html_has_tables_charts_and_definitions():
    html = report_html(sample_report())
    assert html.count("<svg") == 2
    assert "Clients served: Gender" in html
    assert "1–4" in html and "not recorded" in html
    assert "Clients who received at least one service in the quarter." in html
    assert "src=" not in html and 'href="http' not in html and "url(http" not in html  # nothing to fetch


def test_pdf_fetches_nothing():
    with pytest.raises(ValueError, match="fetch no URL"):
        RefuseEverything().fetch("file:///etc/passwd")


@pytest.mark.skipif(
    shutil.which("pdftotext") is None and not os.environ.get("ALLY_REQUIRE_BROWSER"),
    reason="pdftotext (poppler-utils) is not installed",  # CI requires it: there, this test runs and fails
)
def test_pdf_text_has_labels_and_numbers(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(render(sample_report(), "pdf"))
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    for expected in ("OVC victim services", "FY2026Q1", "Clients served", "Trafficking type", "Woman", "37", "1–4", "Definitions", "Arrests"):
        assert expected in text
