"""The privacy world's law-enforcement and prosecution records, with their sentinels.

- The city police investigate, jointly with the labor agency ("investigation"): a subject, a phone, a tip, the VSP's client
  identified as a victim and linked through the client's share to the police, an arrest of that
  victim, a dissemination, an operation with a heads-up to the VSP.
- The state police investigate the same phone written differently ("state_case"): a target hit;
  their operation 300 m from the police's at the same time: an operation conflict.
- The police refer their case to the district attorney, who accepts it: a prosecution case with a
  defendant, a trafficking charge and a court event (which reaches the advocate through the
  client's legal-status page).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone

from ally.investigations import actions as le
from ally.prosecutions import actions as pros

if TYPE_CHECKING:
    from tests.privacy.world import World

POLICE = frozenset({"investigator_local", "police_admin"})
LABOR = frozenset({"labor_inspector"})  # a partner agency of the police's joint investigation
STATE_POLICE = frozenset({"investigator_state", "co_lead_le", "coordinator"})
DA = frozenset({"prosecutor_da", "victim_witness"})
VSP = frozenset({"advocate", "vsp_supervisor", "vsp_admin", "co_lead_vs"})


def build(world: World) -> None:
    detective, agent = world.users["investigator_local"], world.users["investigator_state"]
    police, state = world.orgs["police"], world.orgs["state_police"]
    tip = le.receive_tip(police, acting_user=detective, source="hotline",
                         narrative="SENTINEL-TIP-NARRATIVE workers locked in at night", industry="agriculture")
    case = le.open_from_tip(tip, acting_user=detective, title="SENTINEL-CASE-TITLE Dairy",
                            trafficking_type="labor", suspicion_basis="SENTINEL-SUSPICION hotline call corroborated")
    subject, _ = le.add_subject(case, acting_user=detective, given_name="Jon", family_name="SENTINEL-SUBJECT Smith",
                                date_of_birth=dt.date(1980, 3, 4), roles=["Exploiter"])
    phone, _ = le.add_identifier(case, acting_user=detective, kind="phone", value="(608) 555-0142")
    partner = le.add_partner(case, world.orgs["labor"], acting_user=world.users["police_admin"],
                             reason="The labor agency holds the wage claims")
    victim = le.identify_victim(case, acting_user=detective, given_name="SENTINEL-LE-VICTIM Ana", trafficking_type="labor")
    le.link_victim(victim, world.clients["vsp"].pk, acting_user=detective)
    arrest = le.record_arrest(case, acting_user=detective, victim=victim, on=timezone.localdate(),
                              offense="Loitering", reason="SENTINEL-ARREST-REASON found at the farm")
    le.record_dissemination(case, acting_user=detective, to_person="County sheriff's sergeant",
                            what="Subject's phone number", reason="SENTINEL-DISSEMINATION-REASON shared stop")

    state_case = le.open_investigation(state, acting_user=agent, title="SENTINEL-STATE-TITLE Farms",
                                       trafficking_type="labor", suspicion_basis="Labor complaint")
    _, hits = le.add_identifier(state_case, acting_user=agent, kind="phone", value="+1 608-555-0142")

    start = timezone.now() + dt.timedelta(days=10)
    operation, _ = le.plan_operation(
        police, acting_user=detective, investigation=case, kind="search_warrant",
        name="SENTINEL-OPERATION-NAME Sunrise", location="SENTINEL-OPERATION-PLACE 12 Farm Rd",
        starts_at=start, ends_at=start + dt.timedelta(hours=4), latitude=43.0731, longitude=-89.4012,
        radius_m=200, expected_victims=6, expected_genders=["Masculine"], expected_languages="Spanish",
    )
    heads_up = le.send_heads_up(operation, world.orgs["vsp"], acting_user=detective)
    state_operation, conflicts = le.plan_operation(
        state, acting_user=agent, kind="surveillance", name="SENTINEL-STATE-OPERATION Dawn",
        starts_at=start + dt.timedelta(hours=1), ends_at=start + dt.timedelta(hours=3),
        latitude=43.0758, longitude=-89.4012, radius_m=200,
    )

    referral = pros.refer_for_prosecution(case, world.orgs["da"], acting_user=detective,
                                          summary="SENTINEL-REFERRAL-SUMMARY forced labor at a dairy")
    prosecution = pros.accept_referral(referral, acting_user=world.users["prosecutor_da"], number="SENTINEL-DOCKET 26-CF-1",
                                       jurisdiction="state", court="Dane County Circuit Court")
    defendant = pros.add_defendant(prosecution, acting_user=world.users["prosecutor_da"], subject=subject)
    charge = pros.file_charge(defendant, acting_user=world.users["prosecutor_da"], statute="18 U.S.C. § 1589",
                              filed_on=timezone.localdate())
    court_event = pros.schedule_court_event(
        prosecution, acting_user=world.users["prosecutor_da"], kind="arraignment",
        starts_at=timezone.now() + dt.timedelta(days=20), place="SENTINEL-COURTROOM 4B",
    )
    world.records.update({
        "tip": tip, "investigation": case, "partner": partner, "subject": subject, "identifier": phone, "victim": victim,
        "arrest": arrest, "state_investigation": state_case, "hit": hits[0], "operation": operation,
        "heads_up": heads_up, "state_operation": state_operation, "conflict": conflicts[0],
        "prosecution_referral": referral, "prosecution": prosecution, "defendant": defendant,
        "charge": charge, "court_event": court_event,
    })
    world.sentinels.update({
        "SENTINEL-TIP-NARRATIVE": "a tip to the police",
        "SENTINEL-CASE-TITLE": "the police's case name",
        "SENTINEL-SUSPICION": "the police's basis for reasonable suspicion",
        "SENTINEL-SUBJECT": "a subject of the police's investigation",
        "SENTINEL-LE-VICTIM": "a victim identified by the police",
        "SENTINEL-ARREST-REASON": "why the police arrested a victim",
        "SENTINEL-DISSEMINATION-REASON": "the police's dissemination log",
        "SENTINEL-STATE-TITLE": "the state police's case name",
        "SENTINEL-OPERATION-NAME": "the police's planned operation",
        "SENTINEL-OPERATION-PLACE": "where the police's operation will be",
        "SENTINEL-STATE-OPERATION": "the state police's planned operation",
        "SENTINEL-REFERRAL-SUMMARY": "the police's summary for the prosecutor",
        "SENTINEL-DOCKET": "the district attorney's case number",
        "SENTINEL-COURTROOM": "where a court event takes place",
    })


def allowed(world: World, persona: str) -> set[str]:
    """This part's sentinels that `persona` may receive anywhere."""
    allowed = set()
    police_case = {
        "SENTINEL-TIP-NARRATIVE", "SENTINEL-CASE-TITLE", "SENTINEL-SUSPICION", "SENTINEL-SUBJECT",
        "SENTINEL-LE-VICTIM", "SENTINEL-ARREST-REASON", "SENTINEL-DISSEMINATION-REASON",
        "SENTINEL-OPERATION-NAME", "SENTINEL-OPERATION-PLACE",
    }
    prosecution = {"SENTINEL-REFERRAL-SUMMARY", "SENTINEL-DOCKET", "SENTINEL-COURTROOM"}
    if persona in POLICE:
        allowed |= police_case | prosecution  # their own case, and how it is prosecuted
    if persona in LABOR:
        # the joint investigation (its tips, operations and log are the case's) and its prosecution
        allowed |= police_case | prosecution
    if persona in STATE_POLICE:
        allowed |= {"SENTINEL-STATE-TITLE", "SENTINEL-STATE-OPERATION"}
    if persona in DA:
        # what the police disseminated with the referral (case name, subjects, victims), and the case
        allowed |= {"SENTINEL-CASE-TITLE", "SENTINEL-SUBJECT", "SENTINEL-LE-VICTIM"} | prosecution
    if persona in VSP:
        allowed |= {"SENTINEL-COURTROOM"}  # the client's legal status, through the consent link
    return allowed
