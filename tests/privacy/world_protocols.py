"""The privacy world's records for ally.protocols: built after the core world, with their sentinels."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.privacy.world import World


def build(world: World) -> None:
    """Add this part's records to `world.records` and their sentinels to `world.sentinels`."""


def allowed(world: World, persona: str) -> set[str]:
    """The sentinels of this part that `persona` may receive anywhere."""
    return set()
