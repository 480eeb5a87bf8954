"""What every format shares: a cell's printed form, the rows of a breakdown for a chart, and
text made safe for spreadsheets."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ally.reports.model import Breakdown, Cell, Report
from ally.reports.suppression import hidden_text

# A spreadsheet takes text starting with one of these as a formula (CSV/formula injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_text(text: str) -> str:
    """Text a spreadsheet shows as text: a leading formula character is quoted."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def percent_text(cell: Cell) -> str:
    return "" if cell.percent is None else f"{cell.percent:.1f}%"


def chart_rows(breakdown: Breakdown) -> list[tuple[str, float, str]]:
    """(label, value, printed text) per row for a bar chart; a hidden cell is drawn as nothing
    with its range printed."""
    rows = []
    for row in breakdown.rows:
        label = row.label + (" " + _("(not recorded)") if row.unknown and row.value else "")
        rows.append((label, float(row.cell.count or 0), row.cell.shown))
    return rows


def scope_text(report: Report) -> str:
    if report.organization is not None:
        return _("%(organization)s (its own records, exact counts)") % {"organization": report.organization}
    return _("%(task_force)s (all partners, aggregated)") % {"task_force": report.task_force}


def suppression_note(report: Report) -> str:
    if report.suppressed:
        return _(
            "Counts from 1 to %(below)s are shown as “%(hidden)s” so that no one can be singled out; "
            "where a hidden count could be worked out from the others, one more count is hidden too, "
            "and percentages are then left out."
        ) % {"below": report.threshold - 1, "hidden": hidden_text(report.threshold)}
    return _("Exact counts: no count is hidden.")


def unknown_note() -> str:
    return _("Rows marked “not recorded” are counted but left out of the percentages.")
