"""The trauma-informed practice checklist for vetting visits, shipped as versioned JSON data.

``data/vetting-checklist-v<N>.json`` holds one version. A visit stores the checklist id and
version it was answered with, so a new version never changes what an old visit meant. The newest
version is the one a new visit uses.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ally.core.errors import InvalidInput

DATA_DIR = Path(__file__).parent / "data"
_FILE = re.compile(r"vetting-checklist-v(\d+)\.json")


def _text(labels: dict[str, str], language: str | None = None) -> str:
    code = (language or get_language() or "en").split("-")[0].lower()
    return labels.get(code) or labels["en"]


@dataclass(frozen=True)
class Answer:
    value: str
    labels: dict[str, str]

    @property
    def label(self) -> str:
        return _text(self.labels)


@dataclass(frozen=True)
class Item:
    key: str
    labels: dict[str, str]
    guidance_labels: dict[str, str]

    @property
    def label(self) -> str:
        return _text(self.labels)

    @property
    def guidance(self) -> str:
        return _text(self.guidance_labels) if self.guidance_labels else ""


@dataclass(frozen=True)
class Checklist:
    id: str
    version: str
    titles: dict[str, str]
    answers: tuple[Answer, ...]
    items: tuple[Item, ...]

    @property
    def title(self) -> str:
        return _text(self.titles)

    def answer_label(self, value: str) -> str:
        return next((a.label for a in self.answers if a.value == value), value)

    def check(self, answers: Any) -> dict[str, str]:
        """Every item answered with one of the answers, and nothing else; else InvalidInput."""
        if not isinstance(answers, dict):
            raise InvalidInput(_("Answer every item of the checklist."))
        keys = [item.key for item in self.items]
        unknown = sorted(set(answers) - set(keys))
        if unknown:
            raise InvalidInput(_("Not items of the checklist: %(keys)s") % {"keys": ", ".join(unknown)})
        missing = [item.label for item in self.items if item.key not in answers]
        if missing:
            raise InvalidInput(_("Answer every item of the checklist; missing: %(items)s") % {"items": "; ".join(missing)})
        allowed = {a.value for a in self.answers}
        if any(answers[key] not in allowed for key in keys):
            raise InvalidInput(_("Each answer is one of: %(answers)s") % {"answers": ", ".join(sorted(allowed))})
        return {key: str(answers[key]) for key in keys}


def _labels(data: Any, where: str) -> dict[str, str]:
    if not isinstance(data, dict) or not all(isinstance(data.get(k), str) and data[k].strip() for k in ("en", "es")):
        raise ValueError(f"{where}: labels need 'en' and 'es'")
    return {"en": data["en"], "es": data["es"]}


def parse(data: Any, *, where: str) -> Checklist:
    if not isinstance(data, dict) or not isinstance(data.get("items"), list) or not data["items"]:
        raise ValueError(f"{where}: expected an object with a non-empty 'items' list")
    items = tuple(
        Item(
            key=item["key"],
            labels=_labels(item.get("label"), f"{where} {item['key']}"),
            guidance_labels=_labels(item["guidance"], f"{where} {item['key']}") if "guidance" in item else {},
        )
        for item in data["items"]
    )
    if len({item.key for item in items}) != len(items):
        raise ValueError(f"{where}: duplicate item keys")
    answers = tuple(Answer(a["value"], _labels(a.get("label"), where)) for a in data["answers"])
    return Checklist(
        id=str(data["id"]),
        version=str(data["version"]),
        titles=_labels(data.get("title"), where),
        answers=answers,
        items=items,
    )


@cache
def versions() -> dict[str, Checklist]:
    """Every shipped version by its version string."""
    found = {}
    for path in DATA_DIR.glob("vetting-checklist-v*.json"):
        if _FILE.fullmatch(path.name):
            checklist = parse(json.loads(path.read_text(encoding="utf-8")), where=path.name)
            found[checklist.version] = checklist
    return found


def current() -> Checklist:
    """The newest version: the one a new vetting visit is answered with."""
    return versions()[max(versions(), key=int)]


def checklist(version: str) -> Checklist:
    """The version a visit was answered with; LookupError if it is not shipped."""
    return versions()[version]
