"""A change is stored as [before, after], in that order."""

from __future__ import annotations

from ally.audit.chain import _jsonable, diff


def test_a_renaming_keeps_before_and_after_in_order():
    assert diff({"name": "Zeta"}, {"name": "Alpha"}) == {"name": ["Zeta", "Alpha"]}


def test_sets_are_stored_in_a_stable_order_and_lists_as_given():
    assert _jsonable({"b", "a"}) == ["a", "b"]
    assert _jsonable(["b", "a"]) == ["b", "a"]
