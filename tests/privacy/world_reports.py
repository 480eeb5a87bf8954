"""The privacy world's records for reporting (reports, dashboards, HTCDS, evaluation extract).

Reports, dashboards and the evaluation extract add no records of their own: they count the core
world's clients, services, referrals and cases, whose sentinels must never appear in them. The
HTCDS interchange and the extract answer files, checked for sentinels like pages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.privacy.world import World


def build(world: World) -> None:
    return None


def allowed(world: World, persona: str) -> set[str]:
    return set()
