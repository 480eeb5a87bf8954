"""The data a threat assessment speaks in, shipped as JSON beside this module.

- ``data/naics.json``: the NAICS 2022 sectors and the industries most often named in trafficking
  cases, each with the ``trafficking_industry`` values (the vocabulary tips and investigations use)
  whose counts belong to it.
- ``data/vulnerability-factors.json``: the factors an assessment marks as present in an industry,
  each with a weight. The file is versioned: an assessed industry keeps the version it was scored
  with, so a new weighting never silently changes an old score.

**The score** of an industry is the sum of the weights of the factors marked present, capped at
``MAX_SCORE`` (100): ``score = min(100, Σ weight(f) for f in factors)``. It is a planning aid that
says where to look and whom to reach, not a measure of crime.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
MAX_SCORE = 100


@dataclass(frozen=True)
class Industry:
    code: str
    title: str
    trafficking_industries: tuple[str, ...]

    @property
    def is_sector(self) -> bool:
        return len(self.code) == 2 or "-" in self.code

    @property
    def label(self) -> str:
        return f"{self.code} {self.title}"


@dataclass(frozen=True)
class Factor:
    key: str
    label: str
    weight: int
    description: str


@dataclass(frozen=True)
class Factors:
    version: int
    factors: tuple[Factor, ...]

    def by_key(self) -> dict[str, Factor]:
        return {f.key: f for f in self.factors}

    def score(self, keys: list[str] | tuple[str, ...] | set[str]) -> int:
        """The documented formula: the sum of the weights present, capped at ``MAX_SCORE``."""
        weights = self.by_key()
        return min(MAX_SCORE, sum(weights[k].weight for k in set(keys) if k in weights))


@cache
def industries() -> dict[str, Industry]:
    """NAICS code → industry, in the file's order (sectors first)."""
    data = json.loads((DATA_DIR / "naics.json").read_text(encoding="utf-8"))
    return {
        row["code"]: Industry(row["code"], row["title"], tuple(row["trafficking_industries"]))
        for row in data["industries"]
    }


def industry(code: str) -> Industry | None:
    return industries().get(code)


def naics_choices() -> list[tuple[str, str]]:
    return [(i.code, i.label) for i in industries().values()]


@cache
def factors() -> Factors:
    data = json.loads((DATA_DIR / "vulnerability-factors.json").read_text(encoding="utf-8"))
    return Factors(
        int(data["version"]),
        tuple(Factor(f["key"], f["label"], int(f["weight"]), f["description"]) for f in data["factors"]),
    )


def factor_choices() -> list[tuple[str, str]]:
    return [(f.key, f"{f.label} ({f.weight})") for f in factors().factors]
