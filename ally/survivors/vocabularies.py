"""Survivor-side controlled vocabularies, shipped as versioned JSON data.

Each file in ``data/vocabularies/`` is one vocabulary; its file name is its id. HTCDS picklists keep
the standard's value names exactly (they are the interchange keys); Ally's own lists use snake_case.
Changing a list means editing its JSON and bumping its ``version``, never branching in code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import get_language

DATA_DIR = Path(__file__).parent / "data" / "vocabularies"
LANGUAGES = ("en", "es")
FALLBACK_LANGUAGE = "en"
_TERM_KEYS = {"value", "label", "group", "description"}


@dataclass(frozen=True)
class Term:
    value: str
    label_en: str
    label_es: str
    group: str | None = None
    description: str | None = None

    def label(self, language: str | None = None) -> str:
        return self.label_es if _language(language) == "es" else self.label_en


@dataclass(frozen=True)
class Vocabulary:
    id: str
    version: str
    source: str
    values: tuple[Term, ...]
    labels_es_source: str = ""
    htcds_field: str | None = None

    def term(self, value: str) -> Term:
        for term in self.values:
            if term.value == value:
                return term
        raise LookupError(f"{value!r} is not a value of vocabulary {self.id!r}")

    def value_set(self) -> frozenset[str]:
        return frozenset(term.value for term in self.values)


@cache
def ids() -> list[str]:
    """Every vocabulary id, sorted."""
    return sorted(path.stem for path in DATA_DIR.glob("*.json"))


@cache
def vocabulary(id: str) -> Vocabulary:
    """The vocabulary with this id, loaded and validated once; LookupError if there is none."""
    # Only known ids reach the file system, so an id can never name a path outside DATA_DIR.
    if id not in ids():
        raise LookupError(f"Unknown vocabulary {id!r}; known: {', '.join(ids())}")
    path = DATA_DIR / f"{id}.json"
    return _parse(json.loads(path.read_text(encoding="utf-8")), where=path.name)


def choices(id: str, language: str | None = None) -> list[tuple[str, str]]:
    """Django-style (value, label) pairs, labelled in ``language`` or the active language."""
    return [(term.value, term.label(language)) for term in vocabulary(id).values]


def label(id: str, value: str, language: str | None = None) -> str:
    """The label of one value; LookupError if the value is not in the vocabulary."""
    return vocabulary(id).term(value).label(language)


def is_valid(id: str, value: str) -> bool:
    return value in vocabulary(id).value_set()


def _language(language: str | None) -> str:
    code = (language or get_language() or FALLBACK_LANGUAGE).split("-")[0].lower()
    return code if code in LANGUAGES else FALLBACK_LANGUAGE


def _parse(data: Any, *, where: str) -> Vocabulary:
    if not isinstance(data, dict):
        raise ValueError(f"{where}: expected a JSON object")
    vid = _text(data, "id", where)
    if f"{vid}.json" != where:
        raise ValueError(f"{where}: id {vid!r} does not match the file name")
    raw_values = data.get("values")
    if not isinstance(raw_values, list) or not raw_values:
        raise ValueError(f"{where}: 'values' must be a non-empty list")
    terms = tuple(_parse_term(item, f"{where} values[{i}]") for i, item in enumerate(raw_values))
    seen: set[str] = set()
    for term in terms:
        if term.value in seen:
            raise ValueError(f"{where}: duplicate value {term.value!r}")
        seen.add(term.value)
    htcds_field = data.get("htcds_field")
    return Vocabulary(
        id=vid,
        version=_text(data, "version", where),
        source=_text(data, "source", where),
        values=terms,
        labels_es_source=_text(data, "labels_es_source", where),
        htcds_field=_text(data, "htcds_field", where) if htcds_field is not None else None,
    )


def _parse_term(item: Any, where: str) -> Term:
    if not isinstance(item, dict):
        raise ValueError(f"{where}: expected a JSON object")
    unknown = set(item) - _TERM_KEYS
    if unknown:
        raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
    labels = item.get("label")
    if not isinstance(labels, dict):
        raise ValueError(f"{where}: 'label' must be an object with 'en' and 'es'")
    return Term(
        value=_text(item, "value", where),
        label_en=_text(labels, "en", where),
        label_es=_text(labels, "es", where),
        group=_text(item, "group", where) if "group" in item else None,
        description=_text(item, "description", where) if "description" in item else None,
    )


def _text(data: dict[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip() or value != value.strip():
        raise ValueError(f"{where}: {key!r} must be a non-empty string without outer spaces")
    return value
