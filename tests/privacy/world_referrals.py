"""The privacy world's records for ally.referrals: built after the core world, with their sentinels.

- "to_vsp": the city police refer a person they encountered straight to the VSP.
- "to_queue": the city police refer another person to the North region's navigator.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ally.referrals import actions

if TYPE_CHECKING:
    from tests.privacy.world import World

POLICE = frozenset({"investigator_local", "police_admin"})
VSP = frozenset({"advocate", "vsp_supervisor", "vsp_admin", "co_lead_vs"})


def build(world: World) -> None:
    """Add this part's records to `world.records` and their sentinels to `world.sentinels`."""
    detective = world.users["investigator_local"]
    world.records["referral"] = actions.send_referral(
        world.orgs["police"], acting_user=detective, to_organization=world.orgs["vsp"],
        services=["emergency_shelter"], urgency="urgent",
        person={"person_name": "SENTINEL-REFERRAL-PERSON Ana", "person_county": "Dane"},
    )
    world.records["queued_referral"] = actions.send_referral(
        world.orgs["police"], acting_user=detective, to_region=world.regions["north"],
        services=["case_management"], urgency="routine",
        person={"person_name": "SENTINEL-QUEUE-PERSON Bea", "person_county": "Dane"},
    )
    world.sentinels["SENTINEL-REFERRAL-PERSON"] = "a person referred to the VSP"
    world.sentinels["SENTINEL-QUEUE-PERSON"] = "a person referred to a navigator's queue"


def allowed(world: World, persona: str) -> set[str]:
    """This part's sentinels that `persona` may receive anywhere."""
    allowed = set()
    if persona in POLICE | VSP:
        allowed.add("SENTINEL-REFERRAL-PERSON")  # the sender's agency and the recipient's staff
    if persona in POLICE | {"navigator"}:
        allowed.add("SENTINEL-QUEUE-PERSON")  # the sender's agency and the region's navigator
    return allowed
