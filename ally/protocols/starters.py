"""The starter protocols shipped with Ally: one per IACP protocol topic, written for Ally, read
from ally/protocols/data/templates/ (index.json names each file with its id and version)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "templates"


@dataclass(frozen=True)
class Starter:
    id: str
    version: int
    topic: str
    title: str
    body: str


@cache
def starters() -> tuple[Starter, ...]:
    index = json.loads((DATA / "index.json").read_text(encoding="utf-8"))
    return tuple(
        Starter(
            id=entry["id"], version=int(entry["version"]), topic=entry["topic"], title=entry["title"],
            body=(DATA / entry["file"]).read_text(encoding="utf-8").strip(),
        )
        for entry in index["templates"]
    )


def starter(template_id: str) -> Starter:
    """The starter with this id; LookupError if there is none."""
    for found in starters():
        if found.id == template_id:
            return found
    raise LookupError(template_id)
