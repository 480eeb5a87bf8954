"""k-anonymity for the evaluation extract: generalize, then suppress, then drop.

Rows are plain dicts of released values. A *combination* is a row's tuple of quasi-identifier
values; it is safe when at least ``k`` released rows share it. The steps, each taken only while
too many rows are unsafe:

1. **Generalize** (global recoding), one configured step at a time, for every row: the intake
   quarter becomes its fiscal year, the age band adult or minor, the region "all"… Steps stop as
   soon as at most ``max_unsafe_share`` of the rows are in unsafe combinations.
2. **Suppress** values of the still-unsafe rows, one quasi-identifier at a time in the configured
   order, replacing it with ``"suppressed"`` — together with the columns ``suppress_with`` names
   for it (the service and status periods would reveal a suppressed intake quarter); rows whose
   new combination is safe are released.
3. **Drop** the rows still unsafe with every quasi-identifier suppressed (a column every row
   shares, such as a region generalized to "all", is never suppressed: that separates nothing).

Afterwards every released combination — suppressed values included — covers at least k rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

SUPPRESSED = "suppressed"
ALL = "all"

Row = dict[str, Any]
Combination = tuple[Any, ...]


@dataclass(frozen=True)
class Step:
    """One generalization: ``column`` recoded by the named generalizer (``to``), and the same
    generalizer applied to the ``also`` columns (periods that would reveal what was coarsened)."""

    column: str
    to: str
    also: tuple[str, ...] = ()

    def describe(self) -> str:
        return f"{', '.join((self.column, *self.also))} → {self.to}"


@dataclass
class Outcome:
    rows: list[Row]
    k: int
    quasi_identifiers: tuple[str, ...]
    input_rows: int
    generalized: list[str] = field(default_factory=list)  # the steps applied, in order
    generalized_rows: int = 0  # rows with at least one value changed by a step
    suppressed_rows: int = 0  # released rows with at least one value suppressed
    suppressed_values: int = 0
    dropped_rows: int = 0

    def summary(self) -> dict[str, Any]:
        return {
            "k": self.k,
            "input_rows": self.input_rows,
            "rows": len(self.rows),
            "generalized": list(self.generalized),
            "generalized_rows": self.generalized_rows,
            "suppressed_rows": self.suppressed_rows,
            "suppressed_values": self.suppressed_values,
            "dropped_rows": self.dropped_rows,
        }


def fiscal_year(value: Any) -> Any:
    """'FY2026Q1' → 'FY2026'; anything else unchanged."""
    if isinstance(value, str) and value.startswith("FY") and "Q" in value:
        return value.split("Q", 1)[0]
    return value


def everything(value: Any) -> Any:
    return value if value in ("", None, SUPPRESSED) else ALL


def none_some(value: Any) -> Any:
    """A banded count coarsened to none ("0") or some ("1+")."""
    return value if value in ("", None, SUPPRESSED, "0") else "1+"


def adult_minor_from(bands: Sequence[dict[str, Any]]) -> Callable[[Any], Any]:
    groups = {band["value"]: band["group"] for band in bands}
    return lambda value: groups.get(value, value)


def combination(row: Row, quasi_identifiers: Sequence[str]) -> Combination:
    return tuple(row[c] for c in quasi_identifiers)


def unsafe_rows(rows: Iterable[Row], quasi_identifiers: Sequence[str], k: int) -> list[Row]:
    rows = list(rows)
    sizes = Counter(combination(r, quasi_identifiers) for r in rows)
    return [r for r in rows if sizes[combination(r, quasi_identifiers)] < k]


def smallest_class(rows: Iterable[Row], quasi_identifiers: Sequence[str]) -> int:
    sizes = Counter(combination(r, quasi_identifiers) for r in rows)
    return min(sizes.values(), default=0)


def anonymize(
    rows: Sequence[Row],
    *,
    k: int,
    quasi_identifiers: Sequence[str],
    steps: Sequence[Step],
    generalizers: dict[str, Callable[[Any], Any]],
    suppression_order: Sequence[str],
    max_unsafe_share: float = 0.05,
    suppress_with: dict[str, Sequence[str]] | None = None,
) -> Outcome:
    """The rows (copied, never changed in place) made k-anonymous over ``quasi_identifiers``.

    ``suppress_with`` maps a column to the columns suppressed whenever its value is (those that
    would let a reader recover it)."""
    if k < 1:
        raise ValueError("k must be at least 1")
    quasi = tuple(quasi_identifiers)
    order = [c for c in suppression_order if c in quasi] + [
        c for c in quasi if c not in suppression_order
    ]
    work = [dict(r) for r in rows]
    outcome = Outcome(rows=[], k=k, quasi_identifiers=quasi, input_rows=len(work))
    changed: set[int] = set()
    for step in steps:
        unsafe = unsafe_rows(work, quasi, k)
        if len(unsafe) <= max_unsafe_share * len(work):
            break
        recode = generalizers[step.to]
        for index, row in enumerate(work):
            for column in (step.column, *step.also):
                if column in row:
                    new = recode(row[column])
                    if new != row[column]:
                        row[column] = new
                        changed.add(index)
        outcome.generalized.append(step.describe())
    outcome.generalized_rows = len(changed)

    # Suppressing a value every row shares (a region generalized to "all") separates nothing.
    order = [c for c in order if len({r[c] for r in work}) > 1]
    dependents = suppress_with or {}
    released: list[Row] = []
    pending = work
    for depth in range(len(order) + 1):
        sizes = Counter(combination(r, quasi) for r in pending)
        safe = [r for r in pending if sizes[combination(r, quasi)] >= k]
        pending = [r for r in pending if sizes[combination(r, quasi)] < k]
        if depth:
            outcome.suppressed_rows += len(safe)
            outcome.suppressed_values += sum(sum(1 for c in r if r[c] == SUPPRESSED) for r in safe)
        released.extend(safe)
        if not pending or depth == len(order):
            break
        column = order[depth]
        for row in pending:
            for name in (column, *dependents.get(column, ())):
                if name in row:
                    row[name] = SUPPRESSED
    outcome.dropped_rows = len(pending)
    outcome.rows = released
    # The guarantee, checked rather than assumed.
    if released and smallest_class(released, quasi) < k:  # pragma: no cover - a bug if reached
        raise AssertionError("k-anonymity not reached")
    return outcome
