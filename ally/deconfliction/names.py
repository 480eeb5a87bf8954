"""Fuzzy matching of people's and businesses' names, inside their block.

People (same date of birth — without one, a person is never matched by name alone): family names
equal or Jaro-Winkler ≥ 0.92, and given names Jaro-Winkler ≥ 0.85 or known as one name's forms in
the nickname table (``data/nicknames.json``: Bill/William, Jon/John/Jonathan…). Initials alone
("J" for "John") are not enough. So "Jon Smith" matches "John Smith", "Mary Smith" does not.

Businesses (same ZIP, or same city and state): Jaro-Winkler ≥ 0.93 of the normalized names (legal
suffixes removed), or the same words in another order.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import jellyfish

FAMILY_THRESHOLD = 0.92
GIVEN_THRESHOLD = 0.85
BUSINESS_THRESHOLD = 0.93
NICKNAMES_FILE = Path(__file__).parent / "data" / "nicknames.json"


@cache
def nickname_groups() -> dict[str, frozenset[int]]:
    """Each known given name → the groups (by number) it belongs to."""
    data = json.loads(NICKNAMES_FILE.read_text(encoding="utf-8"))
    groups: dict[str, set[int]] = {}
    for number, group in enumerate(data["groups"]):
        for name in group:
            groups.setdefault(name, set()).add(number)
    return {name: frozenset(numbers) for name, numbers in groups.items()}


def same_given_name(a: str, b: str) -> bool:
    """Whether two normalized given names (first words) may be one person's."""
    if not a or not b:
        return False  # an unknown given name: not enough to call anyone
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return False  # initials agreeing is not enough
    if jellyfish.jaro_winkler_similarity(a, b) >= GIVEN_THRESHOLD:
        return True
    groups = nickname_groups()
    return bool(groups.get(a, frozenset()) & groups.get(b, frozenset()))


def _split(key: str) -> tuple[str, str]:
    """A person's key "given … family" → (first given name, family name)."""
    words = key.split()
    if not words:
        return "", ""
    if len(words) == 1:
        return "", words[0]
    return words[0], words[-1]


def same_person(key_a: str, key_b: str) -> bool:
    """Whether two people's normalized names (already of one date of birth) match."""
    given_a, family_a = _split(key_a)
    given_b, family_b = _split(key_b)
    if not family_a or not family_b:
        return False
    if family_a != family_b and jellyfish.jaro_winkler_similarity(family_a, family_b) < FAMILY_THRESHOLD:
        return False
    return same_given_name(given_a, given_b)


def same_business(key_a: str, key_b: str) -> bool:
    """Whether two businesses' normalized names (already of one place) match."""
    if not key_a or not key_b:
        return False
    if key_a == key_b or sorted(key_a.split()) == sorted(key_b.split()):
        return True
    return jellyfish.jaro_winkler_similarity(key_a, key_b) >= BUSINESS_THRESHOLD
