"""Small-cell suppression: what a reader of a shared report can and cannot work out."""

from __future__ import annotations

from ally.reports.suppression import breakdown_cells, cell, hidden_text


def test_a_small_count_is_shown_as_a_range_and_zero_is_shown():
    assert cell(3, 5).shown == "1–4" and cell(3, 5).count is None and cell(3, 5).suppressed
    assert cell(0, 5).shown == "0" and cell(0, 5).count == 0
    assert cell(5, 5).shown == "5"
    assert hidden_text(2) == "1"


def test_threshold_one_shows_every_count():
    cells, known = breakdown_cells({"a": 1, "b": 2}, total=3, threshold=1, additive=True)
    assert [c.shown for c in cells.values()] == ["1", "2"]
    assert known == 3
    assert cells["a"].percent == 33.3


def test_one_hidden_cell_of_a_total_hides_the_next_smallest_so_nothing_can_be_subtracted():
    counts = {"female": 40, "male": 12, "transgender": 2, "": 6}
    cells, known = breakdown_cells(counts, total=60, unknown={""}, threshold=5, additive=True)
    assert cells["transgender"].shown == "1–4"
    # Without a second hidden cell, 60 − 40 − 12 − 6 would give the hidden 2 back. The second is
    # "withheld", not "1–4": it is not small, and saying so would be false.
    assert cells[""].suppressed and cells[""].shown == "withheld"
    assert not cells["female"].suppressed and not cells["male"].suppressed
    # Percentages and their denominator would give counts back too.
    assert known is None
    assert all(c.percent is None for c in cells.values())


def test_multi_select_rows_do_not_add_up_so_one_hidden_cell_is_enough():
    counts = {"medical": 30, "legal": 3, "housing": 25}
    cells, _ = breakdown_cells(counts, total=40, threshold=5, additive=False)
    assert [v for v, c in cells.items() if c.suppressed] == ["legal"]


def test_percentages_leave_unknowns_out_of_the_denominator():
    counts = {"sex": 30, "labor": 10, "unknown": 60}
    cells, known = breakdown_cells(counts, total=100, unknown={"unknown"}, threshold=5, additive=True)
    assert known == 40
    assert cells["sex"].percent == 75.0 and cells["labor"].percent == 25.0
    assert cells["unknown"].percent is None


def test_cells_are_withheld_until_the_small_one_could_be_at_least_two_values():
    # 1 hidden + 5 withheld = 6: knowing a withheld cell holds at least 5, a reader would get 1.
    counts = {"a": 1, "b": 5, "c": 7, "d": 40}
    cells, _ = breakdown_cells(counts, total=53, threshold=5, additive=True)
    assert [v for v, c in cells.items() if c.suppressed] == ["a", "b", "c"]
    # 1 + 5 + 7 = 13 with two withheld cells of at least 5: the small one may be 1, 2 or 3.
    assert cells["d"].shown == "40"
    # 1 + 5 + 5 = 11 would still give 1 back, so the last cell is withheld as well.
    cells, _ = breakdown_cells({"a": 1, "b": 5, "c": 5, "d": 40}, total=51, threshold=5, additive=True)
    assert all(c.suppressed for c in cells.values())


def test_nothing_to_withhold_when_the_small_cell_is_alone():
    cells, _ = breakdown_cells({"a": 3, "b": 0}, total=3, threshold=5, additive=True)
    assert cells["a"].shown == "1–4" and cells["b"].shown == "0"


def test_two_hidden_cells_are_not_left_summing_to_their_minimum():
    # total − visible = 2 with two hidden cells would make each exactly 1.
    cells, _ = breakdown_cells({"a": 1, "b": 1, "c": 50}, total=52, threshold=5, additive=True)
    assert all(c.suppressed for c in cells.values())
    # … and 8 with two hidden cells would make each exactly 4.
    cells, _ = breakdown_cells({"a": 4, "b": 4, "c": 50, "d": 60}, total=118, threshold=5, additive=True)
    assert [v for v, c in cells.items() if c.suppressed] == ["a", "b", "c"]


def test_a_withheld_cell_is_no_larger_than_the_smallest_shown_and_that_is_taken_into_account():
    # a + b = 13 and b ≤ 9 (the smallest cell shown) would give a = 4.
    cells, _ = breakdown_cells({"a": 4, "b": 9, "c": 9}, total=22, threshold=5, additive=True)
    assert all(c.suppressed for c in cells.values())


def test_no_hidden_cell_can_be_pinned_by_anyone_who_knows_the_rule():
    """Brute force: for every released breakdown, enumerate every table consistent with what is
    shown (hidden 1…t−1, withheld t…smallest shown, the total) and check each hidden cell keeps
    at least two possible values."""
    import itertools
    import random

    rng = random.Random(7)
    threshold = 5
    for _ in range(300):
        counts = {f"v{i}": rng.choice([0, 1, 2, 3, 4, 5, 6, 7, 9, 12, 30]) for i in range(rng.randint(2, 5))}
        total = sum(counts.values())
        if total < threshold:
            continue
        cells, _ = breakdown_cells(counts, total=total, threshold=threshold, additive=True)
        shown = {v: c.count for v, c in cells.items() if not c.suppressed}
        hidden = [v for v, c in cells.items() if c.suppressed and c.shown == "1–4"]
        withheld = [v for v, c in cells.items() if c.suppressed and c.shown == "withheld"]
        if not hidden or all(n == 0 for n in shown.values()):
            continue  # every non-zero cell suppressed: the one case left to the measure's total (module doc)
        ceiling = min([n for n in shown.values() if n > 0], default=total)
        ranges = [range(1, threshold)] * len(hidden) + [range(threshold, max(threshold, ceiling) + 1)] * len(withheld)
        rest = total - sum(shown.values())
        possible: dict[str, set[int]] = {v: set() for v in hidden}
        for combo in itertools.product(*ranges):
            if sum(combo) == rest:
                for v, n in zip(hidden, combo, strict=False):
                    possible[v].add(n)
        assert all(len(values) >= 2 for values in possible.values()), (counts, {v: c.shown for v, c in cells.items()})
