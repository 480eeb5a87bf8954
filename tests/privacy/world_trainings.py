"""The privacy world's records for ally.trainings: built after the core world, with their sentinels.

- A session held ten days ago, delivered by the VSP (its admin manages it, as leadership does),
  attended by the advocate (VSP), the local investigator (city police) and the navigator (the
  North VSP), with 7 attendees from outside; its notes carry SENTINEL-TRAINING-NOTES.
- A session planned in 20 days (attendance refused until it is held).
- Last fiscal year's roadmap self-assessment, completed; this year's in progress, pre-filled,
  with SENTINEL-ROADMAP-GOAL in a goal.

Colleagues read sessions and the roadmap; the auditor neither (coverage only, counts); the other
task force's people and outsiders nothing. A person's training record (status codes in the
registry): the person, their organization's supervisors and admins, the coordinator. The names
on the held session's attendance (page and API): all three for the coordinator and the VSP's admin
(its trainer organization); for everybody else — co-leads included, though they record
attendance — only the attendees whose records they read (tests/trainings/test_review_fixes.py).
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.privacy.world import World

COLLEAGUES = frozenset(
    {
        "coordinator", "co_lead_le", "co_lead_vs", "investigator_state", "investigator_local",
        "prosecutor_da", "prosecutor_usao", "victim_witness", "advocate", "vsp_supervisor",
        "vsp_admin", "police_admin", "navigator", "survivor_leader", "labor_inspector",
    }
)
LEADERSHIP = frozenset({"coordinator", "co_lead_le", "co_lead_vs"})
# Who manages the held session: leadership and the admin of the VSP that delivers it.
MANAGERS = LEADERSHIP | {"vsp_admin"}
# Who reads each attendee's training record.
ADVOCATE_RECORD = frozenset({"advocate", "vsp_supervisor", "vsp_admin", "co_lead_vs", "coordinator"})
INVESTIGATOR_RECORD = frozenset({"investigator_local", "police_admin", "coordinator"})
NAVIGATOR_RECORD = frozenset({"navigator", "coordinator"})


def build(world: World) -> None:
    """Add this part's records to `world.records` and their sentinels to `world.sentinels`."""
    from ally.access.survivors import today_in
    from ally.trainings import actions, catalog

    tf, users = world.tf, world.users
    today = today_in(tf.pk)
    held = actions.record_training(
        tf, acting_user=users["coordinator"], title="Trauma-informed interviewing",
        topics=["trauma_informed_practice", "victim_centered_interviewing"],
        disciplines=["law_enforcement", "victim_services"], trainer_name="Dr. Rivera",
        trainer_organization=world.orgs["vsp"], held_on=today - timedelta(days=10), hours=Decimal("3.5"),
        region=world.regions["south"],
        location="Training room", notes="SENTINEL-TRAINING-NOTES bring the screening cards",
    )
    actions.record_attendance(
        held, acting_user=users["coordinator"],
        people=[users["advocate"], users["investigator_local"], users["navigator"]], external_attendees=7,
    )
    planned = actions.record_training(
        tf, acting_user=users["co_lead_le"], title="Labor trafficking on farms",
        topics=["labor_trafficking_identification"], disciplines=["law_enforcement", "government_other"],
        trainer_name="Inspector Gomez", held_on=today + timedelta(days=20), hours=Decimal("2"),
    )
    this_year = actions.fiscal_year(today)
    last = actions.start_assessment(tf, acting_user=users["coordinator"], year=this_year - 1)
    keys = catalog.framework().element_keys()
    actions.rate_elements(last, acting_user=users["coordinator"], ratings={k: {"stage": 2, "goal_stage": 3} for k in keys})
    actions.complete_assessment(last, acting_user=users["coordinator"])
    current = actions.start_assessment(tf, acting_user=users["co_lead_vs"], year=this_year)
    actions.rate_elements(
        current, acting_user=users["co_lead_vs"],
        ratings={keys[0]: {"stage": 3, "goal_stage": 4, "goal": "SENTINEL-ROADMAP-GOAL sign the MOU with the clinic"}},
    )
    world.records.update(training_held=held, training_planned=planned, roadmap_last=last, roadmap_current=current)
    world.sentinels.update({
        "SENTINEL-TRAINING-NOTES": "a training session's notes (colleagues only)",
        "SENTINEL-ROADMAP-GOAL": "a goal of the roadmap self-assessment (colleagues only)",
    })


def allowed(world: World, persona: str) -> set[str]:
    """The sentinels of this part that `persona` may receive anywhere."""
    if persona in COLLEAGUES:
        return {"SENTINEL-TRAINING-NOTES", "SENTINEL-ROADMAP-GOAL"}
    return set()
