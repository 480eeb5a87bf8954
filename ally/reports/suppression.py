"""Small-cell suppression for counts shown beyond the organization that holds the records.

A count from 1 to threshold−1 is *hidden*: shown as a range ("1–4"), never exactly; zero is shown
(it points to nobody). Where the cells of a single-select breakdown add up to a total that is
shown, hidden cells could be worked out by subtraction, so further cells are *withheld* (shown as
"withheld": they are not small). Cells are withheld, smallest first, until no hidden cell can be
pinned to one value by someone who knows this rule — that is, who knows a hidden cell lies in
1…threshold−1, a withheld one between threshold and the smallest cell still shown, and what they
all add up to. Percentages are never given when a cell is hidden, and the known total (the
denominator) is withheld too, since the two together would give counts back. ``threshold`` 1
means no suppression (an organization's own report); 2 is refused by the task-force setting, as
a hidden cell could then only be 1.

When every non-zero cell of a breakdown ends up suppressed, the bounds can still pin a hidden
cell (5 + 1 + 5 = 11 with two withheld); the breakdown has nothing left to withhold, and the
measure's total is shown on its own. What one breakdown cannot guard against either is differencing *between* tables (two overlapping
periods, an organization's exact report against the task force's): the dashboards offer only
non-overlapping periods, and the rest is written down in the reporting README.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext as _

from ally.reports.model import Cell


def hidden_text(threshold: int) -> str:
    return "1" if threshold == 2 else f"1–{threshold - 1}"


def is_small(count: int, threshold: int) -> bool:
    return 0 < count < threshold


def cell(count: int, threshold: int, *, percent: float | None = None) -> Cell:
    """One count on its own (a measure's total)."""
    if is_small(count, threshold):
        return Cell(None, hidden_text(threshold))
    return Cell(count, str(count), percent)


def percent_of(count: int, denominator: int) -> float | None:
    return round(100 * count / denominator, 1) if denominator else None


def breakdown_cells(
    counts: Mapping[str, int],
    *,
    total: int,
    unknown: frozenset[str] | set[str] = frozenset(),
    threshold: int,
    additive: bool,
) -> tuple[dict[str, Cell], int | None]:
    """Cells for the rows of one breakdown, and the denominator of their percentages.

    ``counts`` has every row (zeros included); ``unknown`` names the rows left out of the
    denominator; ``additive`` is True for single-select breakdowns, whose rows sum to ``total``.
    """
    known_total = sum(n for value, n in counts.items() if value not in unknown)
    hidden = {value for value, n in counts.items() if is_small(n, threshold)}
    withheld: set[str] = set()
    if additive and hidden and not is_small(total, threshold):
        rest = sorted((n, value) for value, n in counts.items() if n > 0 and value not in hidden)
        while rest and (not withheld or _pinned(counts, hidden, withheld, threshold, rest[0][0])):
            withheld.add(rest.pop(0)[1])
    cells: dict[str, Cell] = {}
    for value, n in counts.items():
        if value in hidden:
            cells[value] = Cell(None, hidden_text(threshold))
        elif value in withheld:
            cells[value] = Cell(None, _("withheld"))
        else:
            share = None if value in unknown or hidden else percent_of(n, known_total)
            cells[value] = Cell(n, str(n), share)
    return cells, (None if hidden else known_total)


def _pinned(counts: Mapping[str, int], hidden: set[str], withheld: set[str], threshold: int, ceiling: int) -> bool:
    """Whether some hidden cell has a single possible value, given the sum of the hidden and
    withheld cells and their known bounds (withheld cells: threshold … the smallest cell shown)."""
    bounds = {value: (1, threshold - 1) for value in hidden}
    bounds |= {value: (threshold, max(threshold, ceiling)) for value in withheld}
    total = sum(counts[value] for value in bounds)
    low_sum = sum(low for low, _ in bounds.values())
    high_sum = sum(high for _, high in bounds.values())
    for value in hidden:
        low, high = bounds[value]
        most = min(high, total - (low_sum - low))
        least = max(low, total - (high_sum - high))
        if most - least < 1:
            return True
    return False
