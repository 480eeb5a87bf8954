"""Small-cell suppression for counts shown beyond the organization that holds the records.

A count from 1 to threshold−1 is shown as a range ("1–4"), never exactly; zero is shown (it
points to nobody). Where the cells of a single-select breakdown add up to a total that is shown,
one hidden cell could be recovered by subtraction, so the next smallest non-zero cells are
withheld too (secondary suppression, shown as "withheld": they are not small). A reader who knows
this rule knows each withheld cell holds at least ``threshold``; cells are withheld until the
hidden cells together leave the small one at least two possible values. Percentages are never
given when a cell is hidden, and the known total (the denominator) is withheld too, since the two
together would give counts back. ``threshold`` 1 means no suppression (an organization's own
report).
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
    if additive and len(hidden) == 1 and not is_small(total, threshold):
        rest = sorted((n, value) for value, n in counts.items() if n > 0 and value not in hidden)
        hidden_sum = sum(counts[value] for value in hidden)
        # The small cell is at most hidden_sum − threshold × (cells withheld): keep withholding
        # until that leaves it at least two possible values (1 and 2).
        while rest and (not withheld or hidden_sum - threshold * len(withheld) < 2):
            n, value = rest.pop(0)
            withheld.add(value)
            hidden_sum += n
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
