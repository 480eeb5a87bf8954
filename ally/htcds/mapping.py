"""The HTCDS v2.0 ↔ Ally client mapping, read from ``data/mapping.json``.

Each column names one HTCDS v2.0 field (``prs_``, ``vic_``, ``cas_``) or an Ally extension
(``ally_``: what Ally holds and HTCDS has no field for), the Client field it carries, how its
values are written (``kind``), the vocabulary of a picklist, extra picklist spellings
(``value_variants``) and the header spellings found in published templates (``variants``).
Headers match whatever their case, spaces, underscores or prefix; picklist values match their
value name or their English or Spanish label, the same way. Changing the mapping means editing
the JSON, never this module.

Field names and picklists: Human Trafficking Case Data Standard v2.0, IOM, CC BY 4.0
(``ATTRIBUTION``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.db import models

from ally.survivors import vocabularies
from ally.survivors.models import Client

DATA = Path(__file__).parent / "data" / "mapping.json"
KINDS = {
    "text", "date", "int", "bool", "picklist", "multipicklist", "text_list",
    "name_first", "name_middle", "name_second", "language_primary", "language_secondary",
}
LONG_TEXT_LIMIT = 5000  # a TextField has no length of its own: the importer's limit
LIST_ITEM_LIMIT = 200  # as ally.survivors.actions: each list entry
SEPARATOR = ";"
TRUE_WORDS = {"true", "yes", "y", "1", "x", "verdadero", "si", "sí"}
FALSE_WORDS = {"false", "no", "n", "0", "falso"}


def normalize(text: str) -> str:
    """The matching key of a header or picklist value: case, spaces, underscores, dashes and
    other punctuation do not count."""
    return re.sub(r"[\W_]+", "", text.casefold())


def _unprefixed(name: str) -> str:
    head, sep, tail = name.partition("_")
    return tail if sep and head.lower() in {"prs", "vic", "cas", "ally"} else name


@dataclass(frozen=True)
class Column:
    column: str
    ally_field: str
    kind: str
    htcds: bool
    label: str
    description: str
    variants: tuple[str, ...]
    vocabulary: str | None = None
    required: bool = False
    value_variants: tuple[tuple[str, str], ...] = ()

    def max_length(self) -> int:
        field = Client._meta.get_field(self.ally_field)
        if isinstance(field, models.CharField) and field.max_length:
            return int(field.max_length)
        return LONG_TEXT_LIMIT if isinstance(field, models.TextField) else LIST_ITEM_LIMIT

    def header_keys(self) -> set[str]:
        names = {self.column, self.label, *self.variants}
        return {normalize(n) for n in names} | {normalize(_unprefixed(n)) for n in names}

    def allowed_values(self) -> list[str]:
        if self.vocabulary is None:
            return []
        return [term.value for term in vocabularies.vocabulary(self.vocabulary).values]

    @cache  # noqa: B019 — a column lives as long as the process
    def value_index(self) -> dict[str, str]:
        """Every accepted spelling (normalized) → the vocabulary value."""
        assert self.vocabulary is not None
        index: dict[str, str] = {}
        for term in vocabularies.vocabulary(self.vocabulary).values:
            for spelling in (term.label_en, term.label_es):
                index.setdefault(normalize(spelling), term.value)
        for spelling, value in self.value_variants:
            index[normalize(spelling)] = value
        for term in vocabularies.vocabulary(self.vocabulary).values:
            index[normalize(term.value)] = term.value  # the value name itself always wins
        return index


@dataclass(frozen=True)
class Mapping:
    standard: str
    attribution: str
    version: str
    columns: tuple[Column, ...]
    languages: tuple[tuple[str, str], ...]  # (language name as Ally keeps it, ISO 639 code)
    not_held: tuple[str, ...]  # HTCDS fields Ally does not keep: ignored on import

    def headers(self) -> list[str]:
        return [c.column for c in self.columns]

    @cache  # noqa: B019
    def header_index(self) -> dict[str, Column]:
        index: dict[str, Column] = {}
        for column in self.columns:
            for key in column.header_keys():
                if index.get(key, column) is not column:
                    raise ValueError(f"mapping.json: header spelling {key!r} names two columns")
                index[key] = column
        return index

    @cache  # noqa: B019
    def ignored_keys(self) -> frozenset[str]:
        return frozenset({normalize(n) for n in self.not_held} | {normalize(_unprefixed(n)) for n in self.not_held}) - set(self.header_index())

    def language_code(self, name: str) -> str:
        return dict(self.languages).get(name, name)

    def language_name(self, given: str) -> str:
        by_code = {code.casefold(): name for name, code in self.languages}
        return by_code.get(given.casefold(), given)


@cache
def mapping() -> Mapping:
    """The mapping, loaded and checked once (ValueError naming the problem)."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    columns = []
    for raw in data["fields"]:
        column = Column(
            column=raw["column"], ally_field=raw["ally_field"], kind=raw["kind"], htcds=raw["htcds"],
            label=raw["label"], description=raw["description"], variants=tuple(raw["variants"]),
            vocabulary=raw.get("vocabulary"), required=raw.get("required", False),
            value_variants=tuple(raw.get("value_variants", {}).items()),
        )  # fmt: skip
        if column.kind not in KINDS:
            raise ValueError(f"mapping.json: {column.column} has unknown kind {column.kind!r}")
        Client._meta.get_field(column.ally_field)  # FieldDoesNotExist names a wrong field
        if column.kind in {"picklist", "multipicklist"}:
            if column.vocabulary is None:
                raise ValueError(f"mapping.json: picklist {column.column} names no vocabulary")
            for spelling, value in column.value_variants:
                if not vocabularies.is_valid(column.vocabulary, value):
                    raise ValueError(f"mapping.json: {column.column} maps {spelling!r} to unknown {value!r}")
        columns.append(column)
    result = Mapping(
        standard=data["standard"], attribution=data["attribution"], version=data["version"],
        columns=tuple(columns), languages=tuple(data["languages"].items()),
        not_held=tuple(data["htcds_fields_not_held"]),
    )  # fmt: skip
    result.header_index()
    return result


# Exporting: a client → one row of text cells (dates stay dates for the spreadsheet).


def _join(items: list[str]) -> str:
    return f"{SEPARATOR} ".join(items)


def export_value(column: Column, client: Client) -> str | dt.date | int | None:
    value = getattr(client, column.ally_field)
    kind = column.kind
    if kind == "name_first":
        return str(value).split(" ", 1)[0]
    if kind == "name_second":
        parts = str(value).split(" ", 1)
        return parts[1] if len(parts) > 1 else ""
    if kind == "name_middle":
        return ""
    if kind == "language_primary":
        return mapping().language_code(value[0]) if value else ""
    if kind == "language_secondary":
        return _join([mapping().language_code(v) for v in value[1:]])
    if kind in {"multipicklist", "text_list"}:
        return _join(list(value))
    if kind == "bool":
        return "TRUE" if value else "FALSE"
    if kind in {"date", "int"}:
        return value  # type: ignore[no-any-return]
    return str(value or "")


def export_row(client: Client) -> list[Any]:
    return [export_value(column, client) for column in mapping().columns]
