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
