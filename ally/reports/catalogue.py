"""Measure catalogues as data, versioned by fiscal year.

A catalogue (``data/catalogues/<id>/FY<year>.json``) lists sections of measures; each measure has
an id, a label, a definition, the records it counts (a source of ``ally.reports.sources``, what is
counted, an optional filter) and its breakdowns (ids of ``data/catalogues/breakdowns.json`` or
written in place). The version used for a quarter is the newest whose first fiscal year is not
after the quarter's. Everything a catalogue names is checked when it is loaded, against the record
sources: a typo is a ``CatalogueError`` naming the file, the measure and the field, never a silent
zero. How a task force edits or adds a measure: ``data/catalogues/README.md``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import get_language

from ally.reports.sources import sources

CATALOGUE_DIR = Path(__file__).parent / "data" / "catalogues"
BREAKDOWNS_FILE = "breakdowns.json"
_VERSION = re.compile(r"^FY(\d{4})\.json$")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


class CatalogueError(ValueError):
    """A catalogue that cannot be used; the message locates the problem (file, measure, field)."""


Text = dict[str, str]  # {"en": …, "es": …}


def text(value: Text, language: str | None = None) -> str:
    code = (language or get_language() or "en").split("-")[0].lower()
    return value.get(code) or value["en"]


@dataclass(frozen=True)
class ValueDef:
    value: str
    label: Text | None  # None: labelled by the vocabulary


@dataclass(frozen=True)
class BreakdownDef:
    id: str
    label: Text
    field: str
    vocabulary: str | None  # a vocabulary of ally.survivors.vocabularies, or "regions"
    values: tuple[ValueDef, ...]  # listed values (when no vocabulary)
    unknown: frozenset[str]  # values left out of percentage denominators ("" always is)


@dataclass(frozen=True)
class MeasureDef:
    id: str
    label: Text
    definition: Text
    records: Text
    source: str
    count: str
    filter: tuple[tuple[str, tuple[str, ...]], ...]
    breakdowns: tuple[BreakdownDef, ...]


@dataclass(frozen=True)
class SectionDef:
    id: str
    title: Text
    measures: tuple[MeasureDef, ...]


@dataclass(frozen=True)
class Catalogue:
    id: str
    version: str  # "FY2026"
    first_fiscal_year: int
    title: Text
    sections: tuple[SectionDef, ...]
    path: Path

    def measures(self) -> list[MeasureDef]:
        return [m for s in self.sections for m in s.measures]

    def measure(self, measure_id: str) -> MeasureDef:
        for m in self.measures():
            if m.id == measure_id:
                return m
        raise LookupError(f"catalogue {self.id} {self.version} has no measure {measure_id!r}")


def _directory(directory: Path | str | None) -> Path:
    return Path(directory) if directory is not None else CATALOGUE_DIR


def catalogue_ids(directory: Path | str | None = None) -> list[str]:
    """The catalogues available: folders holding at least one FY<year>.json version."""
    root = _directory(directory)
    return sorted(
        p.name for p in root.iterdir()
        if p.is_dir() and _ID.match(p.name) and any(_VERSION.match(f.name) for f in p.iterdir())
    )


def versions(catalogue_id: str, directory: Path | str | None = None) -> list[int]:
    """The first fiscal years of the catalogue's versions, oldest first."""
    if catalogue_id not in catalogue_ids(directory):
        known = ", ".join(catalogue_ids(directory)) or "none"
        raise CatalogueError(f"Unknown catalogue {catalogue_id!r}; known catalogues: {known}")
    folder = _directory(directory) / catalogue_id
    return sorted(int(m[1]) for f in folder.iterdir() if (m := _VERSION.match(f.name)))


def load_catalogue(catalogue_id: str, fiscal_year: int, *, directory: Path | str | None = None) -> Catalogue:
    """The version of the catalogue in force in ``fiscal_year``: the newest whose first fiscal
    year is ``fiscal_year`` or earlier. CatalogueError for an unknown id, no such version, or a
    catalogue that does not hold together."""
    if not isinstance(catalogue_id, str) or not _ID.match(catalogue_id):
        raise CatalogueError(f"Unknown catalogue {catalogue_id!r}")
    usable = [year for year in versions(catalogue_id, directory) if year <= fiscal_year]
    if not usable:
        raise CatalogueError(f"Catalogue {catalogue_id!r} has no version for FY{fiscal_year}")
    root = _directory(directory)
    shared = _load_breakdowns(root / BREAKDOWNS_FILE)
    return _parse_catalogue(root / catalogue_id / f"FY{usable[-1]}.json", catalogue_id, usable[-1], shared)


# --- parsing and validation --------------------------------------------------------------------


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise CatalogueError(f"{path.name}: file not found") from error
    except json.JSONDecodeError as error:
        raise CatalogueError(f"{path.name}: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})") from error


def _text(data: dict[str, Any], key: str, where: str, *, required: bool = True) -> Text:
    value = data.get(key)
    if value is None and not required:
        return {"en": ""}
    if isinstance(value, str):
        value = {"en": value}
    if not isinstance(value, dict) or not isinstance(value.get("en"), str) or not value["en"].strip():
        raise CatalogueError(f"{where}: '{key}' must be a text or {{\"en\": …, \"es\": …}} with English")
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise CatalogueError(f"{where}: '{key}' must map language codes to texts")
    return dict(value)


def _identifier(data: dict[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not _ID.match(value):
        raise CatalogueError(f"{where}: '{key}' must be an identifier of lower-case letters, digits and _ (got {value!r})")
    return value


def _parse_breakdown(data: Any, where: str) -> BreakdownDef:
    if not isinstance(data, dict):
        raise CatalogueError(f"{where}: a breakdown must be an object")
    breakdown_id = _identifier(data, "id", where)
    where = f"{where}, breakdown {breakdown_id}"
    field = data.get("field")
    if not isinstance(field, str) or not field:
        raise CatalogueError(f"{where}: 'field' must name a field of the records")
    vocabulary = data.get("vocabulary")
    raw_values = data.get("values", [])
    if vocabulary is not None:
        from ally.survivors import vocabularies

        if not isinstance(vocabulary, str) or (vocabulary != "regions" and vocabulary not in vocabularies.ids()):
            raise CatalogueError(f"{where}: unknown vocabulary {vocabulary!r}")
    elif not isinstance(raw_values, list) or not raw_values:
        raise CatalogueError(f"{where}: give a 'vocabulary' or a list of 'values'")
    values = []
    for i, item in enumerate(raw_values or []):
        if not isinstance(item, dict) or not isinstance(item.get("value"), str):
            raise CatalogueError(f"{where}: value #{i + 1} must be {{\"value\": …, \"label\": …}}")
        values.append(ValueDef(item["value"], _text(item, "label", f"{where}, value {item['value']!r}")))
    unknown = data.get("unknown", [])
    if not isinstance(unknown, list) or not all(isinstance(u, str) for u in unknown):
        raise CatalogueError(f"{where}: 'unknown' must be a list of values")
    return BreakdownDef(
        breakdown_id, _text(data, "label", where), field, vocabulary, tuple(values), frozenset(unknown) | {""}
    )


def _load_breakdowns(path: Path) -> dict[str, BreakdownDef]:
    if not path.exists():
        return {}
    data = _read_json(path)
    items = data.get("breakdowns") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise CatalogueError(f"{path.name}: 'breakdowns' must be a list")
    found: dict[str, BreakdownDef] = {}
    for item in items:
        breakdown = _parse_breakdown(item, path.name)
        if breakdown.id in found:
            raise CatalogueError(f"{path.name}: breakdown {breakdown.id} is defined twice")
        found[breakdown.id] = breakdown
    return found


def _parse_measure(data: Any, where: str, shared: dict[str, BreakdownDef]) -> MeasureDef:
    if not isinstance(data, dict):
        raise CatalogueError(f"{where}: each measure must be an object")
    measure_id = _identifier(data, "id", where)
    where = f"{where}, measure {measure_id}"
    source_id = data.get("source")
    known = sources()
    if source_id not in known:
        raise CatalogueError(f"{where}: unknown source {source_id!r}; known sources: {', '.join(sorted(known))}")
    source = known[source_id]
    count = data.get("count", "record")
    if count not in source.counts:
        raise CatalogueError(
            f"{where}: field 'count': the records of {source_id} cannot count {count!r} "
            f"(they can count: {', '.join(source.counts)})"
        )
    raw_filter = data.get("filter", {})
    if not isinstance(raw_filter, dict):
        raise CatalogueError(f"{where}: 'filter' must map fields to a value or a list of values")
    filters = []
    for name, wanted in raw_filter.items():
        if name not in source.fields:
            raise CatalogueError(f"{where}: filter names field {name!r}, which the records of {source_id} do not have")
        wanted_values = [wanted] if isinstance(wanted, str) else wanted
        if not isinstance(wanted_values, list) or not wanted_values or not all(isinstance(v, str) for v in wanted_values):
            raise CatalogueError(f"{where}: filter on {name!r} must be a value or a list of values")
        filters.append((name, tuple(wanted_values)))
    breakdowns: list[BreakdownDef] = []
    raw_breakdowns = data.get("breakdowns", [])
    if not isinstance(raw_breakdowns, list):
        raise CatalogueError(f"{where}: 'breakdowns' must be a list")
    for item in raw_breakdowns:
        if isinstance(item, str):
            if item not in shared:
                raise CatalogueError(f"{where}: unknown breakdown {item!r} (not in {BREAKDOWNS_FILE})")
            breakdown = shared[item]
        else:
            breakdown = _parse_breakdown(item, where)
        if source.total is not None:
            raise CatalogueError(f"{where}: the records of {source_id} give a total only, without breakdowns")
        if breakdown.field not in source.fields:
            raise CatalogueError(
                f"{where}: breakdown {breakdown.id} names field {breakdown.field!r}, which the records of "
                f"{source_id} do not have (they have: {', '.join(sorted(source.fields))})"
            )
        if any(b.id == breakdown.id for b in breakdowns):
            raise CatalogueError(f"{where}: breakdown {breakdown.id} is listed twice")
        breakdowns.append(breakdown)
    if source.total is not None and (filters or count != "record"):
        raise CatalogueError(f"{where}: the records of {source_id} give a total only, without a filter or count")
    return MeasureDef(
        measure_id,
        _text(data, "label", where),
        _text(data, "definition", where),
        _text(data, "records", where),
        source_id,
        count,
        tuple(filters),
        tuple(breakdowns),
    )


def _parse_catalogue(path: Path, catalogue_id: str, year: int, shared: dict[str, BreakdownDef]) -> Catalogue:
    where = f"{catalogue_id}/{path.name}"
    data = _read_json(path)
    if not isinstance(data, dict):
        raise CatalogueError(f"{where}: a catalogue must be a JSON object")
    if data.get("id") != catalogue_id:
        raise CatalogueError(f"{where}: 'id' must be {catalogue_id!r} (the folder's name)")
    if data.get("first_fiscal_year") != year:
        raise CatalogueError(f"{where}: 'first_fiscal_year' must be {year} (the file's name)")
    local = dict(shared)
    sections = []
    raw_sections = data.get("sections")
    if not isinstance(raw_sections, list) or not raw_sections:
        raise CatalogueError(f"{where}: 'sections' must be a non-empty list")
    seen: set[str] = set()
    for raw in raw_sections:
        if not isinstance(raw, dict):
            raise CatalogueError(f"{where}: each section must be an object")
        section_id = _identifier(raw, "id", where)
        section_where = f"{where}, section {section_id}"
        measures_data = raw.get("measures")
        if not isinstance(measures_data, list) or not measures_data:
            raise CatalogueError(f"{section_where}: 'measures' must be a non-empty list")
        measures = []
        for item in measures_data:
            measure = _parse_measure(item, where, local)
            if measure.id in seen:
                raise CatalogueError(f"{where}, measure {measure.id}: the id is used twice")
            seen.add(measure.id)
            measures.append(measure)
        sections.append(SectionDef(section_id, _text(raw, "title", section_where), tuple(measures)))
    return Catalogue(catalogue_id, f"FY{year}", year, _text(data, "title", where), tuple(sections), path)
