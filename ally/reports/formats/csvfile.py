"""The report as one CSV table: a row per measure total and per breakdown row."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _

from ally.reports.formats.cells import safe_text
from ally.reports.model import Cell, Report

HEADER = ("section", "measure_id", "measure", "breakdown", "value", "label", "count", "shown", "percent")


def _numbers(cell: Cell) -> list[str]:
    return [
        "" if cell.count is None else str(cell.count),
        cell.shown,
        "" if cell.percent is None else f"{cell.percent:.1f}",
    ]


def write_csv(report: Report) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for section in report.sections:
        for measure in section.measures:
            start = [safe_text(section.title), safe_text(measure.id), safe_text(measure.label)]
            writer.writerow([*start, "", "", safe_text(_("Total")), *_numbers(measure.total)])
            for breakdown in measure.breakdowns:
                for row in breakdown.rows:
                    writer.writerow(
                        [*start, safe_text(breakdown.id), safe_text(row.value), safe_text(row.label), *_numbers(row.cell)]
                    )
    # A byte-order mark so spreadsheet programs read the file as UTF-8 ("1–4", accents).
    return ("\ufeff" + out.getvalue()).encode("utf-8")
