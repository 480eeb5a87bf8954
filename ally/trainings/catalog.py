"""Training topics and the roadmap framework, shipped as versioned JSON data in ``data/``.

Both follow the vocabularies' shape (ally/survivors/vocabularies.py): an ``id``, a ``version``,
a ``source`` and English and Spanish labels. Changing a list means editing its JSON and bumping
its ``version``, never branching in code. The roadmap framework is Ally's working structure
after the shape of the OVC/IACP Development and Operations Roadmap (its ``source`` says so):
four areas of function, key elements under each, five stages of development.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import get_language

DATA_DIR = Path(__file__).parent / "data"
TOPICS_FILE = "training-topics.json"
ROADMAP_ID = "roadmap"
ROADMAP_CURRENT = "1"


def _language(language: str | None) -> str:
    return (language or get_language() or "en")[:2]


@dataclass(frozen=True)
class Label:
    en: str
    es: str

    def __call__(self, language: str | None = None) -> str:
        return self.es if _language(language) == "es" else self.en

    def __str__(self) -> str:
        return self()


def _label(raw: Any, where: str) -> Label:
    if not isinstance(raw, dict) or not all(isinstance(raw.get(k), str) and raw[k].strip() for k in ("en", "es")):
        raise ValueError(f"{where}: every label has English and Spanish text")
    return Label(raw["en"], raw["es"])


@dataclass(frozen=True)
class Topic:
    value: str
    label: Label


@dataclass(frozen=True)
class TopicList:
    id: str
    version: str
    source: str
    values: tuple[Topic, ...]

    def value_set(self) -> frozenset[str]:
        return frozenset(t.value for t in self.values)

    def label(self, value: str) -> str:
        for topic in self.values:
            if topic.value == value:
                return topic.label()
        return value

    def choices(self) -> list[tuple[str, str]]:
        return [(t.value, t.label()) for t in self.values]


def _head(raw: Any, where: str) -> tuple[str, str, str]:
    if not isinstance(raw, dict):
        raise ValueError(f"{where}: not an object")
    for key in ("id", "version", "source"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise ValueError(f"{where}: {key!r} is required")
    return raw["id"], raw["version"], raw["source"]


@cache
def topics() -> TopicList:
    """The training topics, loaded and checked once."""
    raw = json.loads((DATA_DIR / TOPICS_FILE).read_text(encoding="utf-8"))
    id_, version, source = _head(raw, TOPICS_FILE)
    values = tuple(Topic(v["value"], _label(v.get("label"), f"{TOPICS_FILE}: {v.get('value')}")) for v in raw["values"])
    if len({t.value for t in values}) != len(values):
        raise ValueError(f"{TOPICS_FILE}: a topic is listed twice")
    return TopicList(id_, version, source, values)


@dataclass(frozen=True)
class Stage:
    value: int
    label: Label
    description: Label


@dataclass(frozen=True)
class Element:
    value: str
    label: Label
    area: str


@dataclass(frozen=True)
class Area:
    value: str
    label: Label
    elements: tuple[Element, ...]


@dataclass(frozen=True)
class Framework:
    id: str
    version: str
    source: str
    stages: tuple[Stage, ...]
    areas: tuple[Area, ...]

    @property
    def elements(self) -> tuple[Element, ...]:
        return tuple(e for a in self.areas for e in a.elements)

    def element_keys(self) -> tuple[str, ...]:
        return tuple(e.value for e in self.elements)

    def area(self, value: str) -> Area:
        for area in self.areas:
            if area.value == value:
                return area
        raise LookupError(f"{value!r} is not an area of roadmap {self.version!r}")

    def stage_values(self) -> tuple[int, ...]:
        return tuple(s.value for s in self.stages)

    def stage_label(self, value: int | None) -> str:
        for stage in self.stages:
            if stage.value == value:
                return stage.label()
        return ""


def _framework(raw: Any, where: str) -> Framework:
    id_, version, source = _head(raw, where)
    stages = tuple(
        Stage(int(s["value"]), _label(s.get("label"), where), _label(s.get("description"), where)) for s in raw["stages"]
    )
    if [s.value for s in stages] != list(range(1, len(stages) + 1)):
        raise ValueError(f"{where}: stages are numbered 1, 2, 3, …")
    areas = tuple(
        Area(
            a["value"],
            _label(a.get("label"), where),
            tuple(Element(e["value"], _label(e.get("label"), where), a["value"]) for e in a["elements"]),
        )
        for a in raw["areas"]
    )
    keys = [e.value for a in areas for e in a.elements]
    if len(set(keys)) != len(keys) or len({a.value for a in areas}) != len(areas):
        raise ValueError(f"{where}: an area or element is listed twice")
    return Framework(id_, version, source, stages, areas)


@cache
def framework_versions() -> tuple[str, ...]:
    prefix = f"{ROADMAP_ID}-v"
    return tuple(sorted(p.stem[len(prefix):] for p in DATA_DIR.glob(f"{prefix}*.json")))


@cache
def framework(version: str = ROADMAP_CURRENT) -> Framework:
    """The roadmap framework of this version (LookupError for an unknown one)."""
    # Only known versions reach the file system, so a version never names a path outside DATA_DIR.
    if version not in framework_versions():
        raise LookupError(f"Unknown roadmap framework version {version!r}")
    name = f"{ROADMAP_ID}-v{version}.json"
    return _framework(json.loads((DATA_DIR / name).read_text(encoding="utf-8")), name)
