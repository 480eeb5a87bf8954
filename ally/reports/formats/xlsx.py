"""The report as a workbook: a cover sheet, a sheet per section (tables and a native bar chart
per breakdown) and a "Definitions" sheet."""

from __future__ import annotations

import io
import re
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from ally.reports.formats.cells import scope_text, suppression_note, unknown_note
from ally.reports.model import Cell, Report

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
CHART_ROWS = 16  # rows a chart takes, so the next table starts below it
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def _put(sheet: Worksheet, row: int, column: int, value: Any, font: Font | None = None) -> None:
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # text, never a formula
    if font is not None:
        cell.font = font


def _count(cell: Cell) -> int | str:
    return cell.shown if cell.count is None else cell.count


def _sheet_title(title: str, taken: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub(" ", title).strip("' ")[:28] or _("Section")
    name, n = base, 2
    while name.lower() in taken:
        name, n = f"{base[:25]} {n}", n + 1
    taken.add(name.lower())
    return name


def _cover(sheet: Worksheet, report: Report) -> None:
    sheet.title = _("Report")[:31]
    _put(sheet, 1, 1, report.catalogue_title, TITLE)
    facts = [
        (_("Catalogue"), report.catalogue_id),
        (_("Catalogue version"), report.catalogue_version),
        (_("Fiscal quarter"), str(report.quarter)),
        (_("First day"), report.first_day.isoformat()),
        (_("Last day"), report.last_day.isoformat()),
        (_("Time zone"), report.time_zone),
        (_("Scope"), scope_text(report)),
        (_("Small counts"), suppression_note(report)),
        (_("Not recorded"), unknown_note()),
        (_("Generated"), report.generated_at.isoformat(timespec="seconds")),
    ]
    for i, (name, value) in enumerate(facts, start=3):
        _put(sheet, i, 1, name, BOLD)
        _put(sheet, i, 2, value)
        sheet.cell(row=i, column=2).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 90


def _section(sheet: Worksheet, section: Any, report: Report) -> None:
    _put(sheet, 1, 1, section.title, TITLE)
    row = 3
    for measure in section.measures:
        _put(sheet, row, 1, measure.label, BOLD)
        _put(sheet, row, 4, measure.id)
        row += 1
        _put(sheet, row, 1, _("Total"))
        _put(sheet, row, 2, _count(measure.total))
        row += 2
        for breakdown in measure.breakdowns:
            header = row
            _put(sheet, header, 1, breakdown.label, BOLD)
            _put(sheet, header, 2, _("Count"), BOLD)
            _put(sheet, header, 3, _("Percent"), BOLD)
            for line in breakdown.rows:
                row += 1
                label = line.label + (" — " + _("not recorded") if line.unknown else "")
                _put(sheet, row, 1, label)
                _put(sheet, row, 2, _count(line.cell))
                if line.cell.percent is not None:
                    _put(sheet, row, 3, line.cell.percent / 100)
                    sheet.cell(row=row, column=3).number_format = "0.0%"
            if breakdown.multi:
                _put(sheet, row + 1, 1, _("One person may count in several rows."))
                row += 1
            if breakdown.rows:
                chart = BarChart()
                chart.type = "bar"
                chart.title = f"{measure.label}: {breakdown.label}"
                chart.legend = None
                chart.height = 7
                chart.width = 14
                values = Reference(sheet, min_col=2, min_row=header, max_row=header + len(breakdown.rows))
                labels = Reference(sheet, min_col=1, min_row=header + 1, max_row=header + len(breakdown.rows))
                chart.add_data(values, titles_from_data=True)
                chart.set_categories(labels)
                sheet.add_chart(chart, f"E{header}")
            row = max(row + 2, header + CHART_ROWS)
        row += 1
    sheet.column_dimensions["A"].width = 48
    sheet.column_dimensions["B"].width = 10
    sheet.column_dimensions["C"].width = 10


def _definitions(sheet: Worksheet, report: Report) -> None:
    headers = [_("Measure id"), _("Measure"), _("Definition"), _("Records counted"), _("Breakdowns")]
    for column, text in enumerate(headers, start=1):
        _put(sheet, 1, column, text, BOLD)
    for i, measure in enumerate(report.measures(), start=2):
        _put(sheet, i, 1, measure.id)
        _put(sheet, i, 2, measure.label)
        _put(sheet, i, 3, measure.definition)
        _put(sheet, i, 4, measure.records)
        _put(sheet, i, 5, ", ".join(b.label for b in measure.breakdowns))
    for letter, width in zip("ABCDE", (22, 40, 70, 40, 40), strict=True):
        sheet.column_dimensions[letter].width = width


def write_xlsx(report: Report) -> bytes:
    book = Workbook()
    _cover(book.active, report)
    taken = {book.active.title.lower(), _("Definitions").lower()}
    for section in report.sections:
        _section(book.create_sheet(_sheet_title(section.title, taken)), section, report)
    _definitions(book.create_sheet(_("Definitions")[:31]), report)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
