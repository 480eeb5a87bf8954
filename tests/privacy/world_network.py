"""The privacy world's records for ally.network: built after the core world, with their sentinels.

Two sub-awarded providers: the world's VSP (South region: no navigator; the coordinator reviews
it) and North Star Recovery (North region: the world's navigator reviews it; none of the personas
works there). Each has a profile, a vetting visit, a sub-award and a claim.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.privacy.world import World

# Working members read provider profiles; the auditor sees aggregates only.
COLLEAGUES = frozenset(
    {
        "coordinator", "co_lead_le", "co_lead_vs", "investigator_state", "investigator_local",
        "prosecutor_da", "prosecutor_usao", "victim_witness", "advocate", "vsp_supervisor",
        "vsp_admin", "police_admin", "navigator", "survivor_leader", "labor_inspector",
    }
)
VSP_READERS = frozenset({"coordinator", "vsp_admin"})  # its admin; the coordinator reviews it
NORTH_READERS = frozenset({"coordinator", "navigator"})  # its reviewers (it has no admin here)


def build(world: World) -> None:
    """Add this part's records to `world.records` and their sentinels to `world.sentinels`."""
    from ally.access.survivors import today_in
    from ally.network import actions as network
    from ally.network import checklist
    from ally.survivors import actions as survivor_actions
    from ally.survivors import care
    from ally.tenancy import actions as tenancy

    tf, vsp, users = world.tf, world.orgs["vsp"], world.users
    today = today_in(tf.pk)
    north = tenancy.create_organization(
        tf, name="North Star Recovery", discipline="victim_services", jurisdiction="local",
        regions_served=[world.regions["north"]], acting_user=None,
    )
    world.orgs["north_provider"] = north
    profile = {
        "services": ["case_management", "emergency_shelter"], "populations": ["adults", "women", "labor_trafficking"],
        "languages": ["English", "Spanish"], "hours": "Mon–Fri 9–5", "crisis_line": True,
    }
    network.save_provider_profile(
        vsp, acting_user=None, zip_code="53703", eligibility_notes="SENTINEL-ELIGIBILITY-vsp adults", **profile
    )
    network.update_intake_capacity(vsp, acting_user=None, capacity=3)
    network.save_provider_profile(
        north, acting_user=None, zip_code="54806", eligibility_notes="SENTINEL-ELIGIBILITY-north", **profile
    )
    answers = dict.fromkeys((item.key for item in checklist.current().items), "met")
    world.records["vetting_vsp"] = network.record_vetting_visit(
        vsp, acting_user=None, reviewer=users["coordinator"], visited_on=today, answers=answers,
        outcome="approved", revisit_on=today + timedelta(days=365), notes="SENTINEL-VETTING-vsp",
    )
    world.records["vetting_north"] = network.record_vetting_visit(
        north, acting_user=None, reviewer=users["navigator"], visited_on=today, answers=answers,
        outcome="conditional", revisit_on=today + timedelta(days=180), notes="SENTINEL-VETTING-north",
    )
    start, end = today - timedelta(days=30), today + timedelta(days=335)
    world.records["award_vsp"] = network.create_sub_award(
        vsp, acting_user=None, budget=Decimal("5000.00"), starts_on=start, ends_on=end, reference="SENTINEL-AWARD-vsp"
    )
    world.records["award_north"] = network.create_sub_award(
        north, acting_user=None, budget=Decimal("2000.00"), starts_on=start, ends_on=end, reference="SENTINEL-AWARD-north"
    )
    survivor = world.clients["vsp"]
    services = [
        care.record_service(
            survivor, acting_user=None, category="transportation", delivered_on=today, units=Decimal(1),
            unit="trips", cost=Decimal(cost),
        )
        for cost in ("40.00", "25.50", "12.25")
    ]
    claim = network.submit_claim(
        vsp, acting_user=None, period_start=start, period_end=today,
        service_ids=[services[0].pk, services[1].pk], reference="SENTINEL-CLAIM-vsp",
    )
    lines = list(claim.lines.all())
    network.decide_claim_line(lines[1], acting_user=None, decision="rejected", reason="SENTINEL-REASON-vsp")
    north_client = survivor_actions.create_client(
        north, acting_user=None, legal_name="SENTINEL-NORTH-CLIENT Rosa", trafficking_type="labor"
    )
    north_service = care.record_service(
        north_client, acting_user=None, category="emergency_shelter", delivered_on=today, units=Decimal(2),
        unit="nights", cost=Decimal("180.00"), outcome="SENTINEL-NORTH-OUTCOME",
    )
    north_claim = network.submit_claim(
        north, acting_user=None, period_start=start, period_end=today, service_ids=[north_service.pk],
        reference="SENTINEL-CLAIM-north",
    )
    world.records.update({
        "claim_vsp": claim,
        "line_vsp": lines[0],  # pending
        "unclaimed_service_vsp": services[2],
        "claim_north": north_claim,
        "line_north": north_claim.lines.get(),
    })
    world.sentinels.update({
        "SENTINEL-ELIGIBILITY-vsp": "a provider's eligibility notes (open to working members)",
        "SENTINEL-ELIGIBILITY-north": "a provider's eligibility notes (open to working members)",
        "SENTINEL-VETTING-vsp": "the notes of a vetting visit to the VSP",
        "SENTINEL-VETTING-north": "the notes of a vetting visit to the North provider",
        "SENTINEL-AWARD-vsp": "the VSP's sub-award",
        "SENTINEL-AWARD-north": "the North provider's sub-award",
        "SENTINEL-CLAIM-vsp": "the VSP's reimbursement claim",
        "SENTINEL-REASON-vsp": "why a line of the VSP's claim was rejected",
        "SENTINEL-CLAIM-north": "the North provider's reimbursement claim",
        "SENTINEL-NORTH-CLIENT": "the name of the North provider's client (on a claim line)",
        "SENTINEL-NORTH-OUTCOME": "the service a claim line is for",
    })


def allowed(world: World, persona: str) -> set[str]:
    """This part's sentinels that `persona` may receive anywhere."""
    found: set[str] = set()
    if persona in COLLEAGUES:
        found |= {"SENTINEL-ELIGIBILITY-vsp", "SENTINEL-ELIGIBILITY-north"}
    if persona in VSP_READERS:
        found |= {"SENTINEL-VETTING-vsp", "SENTINEL-AWARD-vsp", "SENTINEL-CLAIM-vsp", "SENTINEL-REASON-vsp"}
    if persona in NORTH_READERS:
        found |= {"SENTINEL-VETTING-north", "SENTINEL-AWARD-north", "SENTINEL-CLAIM-north"}
    # Nobody: the North provider's client and what it was given never reach a reviewer.
    return found
