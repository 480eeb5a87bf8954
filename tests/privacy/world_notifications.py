"""The privacy world's records for ally.notifications: built after the core world, with their sentinels."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ally.notifications import NotificationKind, notify

if TYPE_CHECKING:
    from tests.privacy.world import World


def build(world: World) -> None:
    """Add this part's records to `world.records` and their sentinels to `world.sentinels`."""
    [notification] = notify(
        [world.users["advocate"]],
        task_force=world.tf,
        kind=NotificationKind.REFERRAL_MESSAGE,
        title="SENTINEL-NOTIFICATION a new message on referral #1",
        link="/inbox/",
    )
    world.records["notification"] = notification
    world.sentinels["SENTINEL-NOTIFICATION"] = "a notification to someone else"


def allowed(world: World, persona: str) -> set[str]:
    """This part's sentinels that `persona` may receive anywhere."""
    # A notification is its recipient's alone: not their supervisor's, not the coordinator's.
    return {"SENTINEL-NOTIFICATION"} if persona == "advocate" else set()
