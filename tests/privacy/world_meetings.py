"""The privacy world's meetings, subcommittee, action items and decision, with their sentinels.

- A full task-force meeting (agenda, minutes, an action item for the district attorney's
  prosecutor): every colleague reads it.
- A case review convened by the victim-services co-lead with the advocate, the VSP's supervisor,
  the city detective and the navigator on its list (not the coordinator): its title, agenda,
  minutes and action item reach those five only. It discusses the VSP's client, whose name only
  those who may open the client see (the VSP's staff, and the police through the share).
- A standalone action item for the police administrator: leadership and its owner.
- The labor-trafficking subcommittee chaired by the labor inspector, and a decision affecting the
  VSP: every colleague reads them.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone

from ally.access.survivors import today_in
from ally.meetings import actions

if TYPE_CHECKING:
    from tests.privacy.world import World

LEADERSHIP = frozenset({"coordinator", "co_lead_le", "co_lead_vs"})
CASE_REVIEW = frozenset({"co_lead_vs", "advocate", "vsp_supervisor", "investigator_local", "navigator"})
CHAIR = frozenset({"labor_inspector"})
COLLEAGUE_PERSONAS = frozenset({
    "coordinator", "co_lead_le", "co_lead_vs", "investigator_state", "investigator_local", "prosecutor_da",
    "prosecutor_usao", "victim_witness", "advocate", "vsp_supervisor", "vsp_admin", "police_admin", "navigator",
    "survivor_leader", "labor_inspector",
})


def build(world: World) -> None:
    tf, u = world.tf, world.users
    start = (timezone.now() + dt.timedelta(days=7)).replace(microsecond=0)
    committee = actions.create_committee(
        tf, acting_user=None, name="Labor trafficking", purpose="SENTINEL-COMMITTEE-PURPOSE farms and dairies",
        chair=u["labor_inspector"], members=[u["investigator_state"], u["advocate"]],
    )
    full = actions.schedule_meeting(
        tf, acting_user=u["coordinator"], kind="full_task_force", title="Quarterly task-force meeting",
        starts_at=start, ends_at=start + dt.timedelta(hours=2), location="City Hall",
        agenda="SENTINEL-TF-AGENDA protocols", notify_invitees=False,
    )
    actions.record_minutes(full, acting_user=u["coordinator"], minutes="SENTINEL-TF-MINUTES we agreed", notify_invitees=False)
    tf_item = actions.assign_action_item(tf, acting_user=u["coordinator"], title="SENTINEL-TF-ITEM draft the MOU",
                                         owner=u["prosecutor_da"], due_on=today_in(tf.pk) + dt.timedelta(days=20),
                                         meeting=full)
    sub = actions.schedule_meeting(
        tf, acting_user=u["labor_inspector"], kind="subcommittee", committee=committee, title="Labor subcommittee",
        starts_at=start + dt.timedelta(days=1), ends_at=start + dt.timedelta(days=1, hours=1), notify_invitees=False,
    )
    review = actions.schedule_meeting(
        tf, acting_user=u["co_lead_vs"], kind="case_review", title="SENTINEL-CR-TITLE March review",
        starts_at=start + dt.timedelta(days=2), ends_at=start + dt.timedelta(days=2, hours=1),
        agenda="SENTINEL-CR-AGENDA the dairy case",
        attendees=[u["advocate"], u["vsp_supervisor"], u["investigator_local"], u["navigator"]],
    )
    actions.add_case(review, acting_user=u["advocate"], client=world.clients["vsp"])
    actions.record_minutes(review, acting_user=u["co_lead_vs"], minutes="SENTINEL-CR-MINUTES safety plan discussed")
    actions.record_attendance(review, acting_user=u["co_lead_vs"], attended=[u["advocate"], u["investigator_local"]])
    cr_item = actions.assign_action_item(tf, acting_user=u["co_lead_vs"], title="SENTINEL-CR-ITEM call the shelter",
                                         owner=u["advocate"], due_on=today_in(tf.pk) - dt.timedelta(days=2),
                                         meeting=review)
    standalone = actions.assign_action_item(tf, acting_user=u["coordinator"], title="SENTINEL-STANDALONE-ITEM budget",
                                            owner=u["police_admin"], due_on=today_in(tf.pk) + dt.timedelta(days=3))
    decision = actions.record_decision(
        tf, acting_user=u["coordinator"], title="SENTINEL-DECISION Adopt interpreters",
        rationale="Interviews in the survivor's language.", decided_on=today_in(tf.pk), body="full_task_force",
        meeting=full, affects_all=False, organizations=[world.orgs["vsp"]],
    )
    world.records.update({
        "committee": committee, "tf_meeting": full, "sub_meeting": sub, "case_review": review,
        "tf_item": tf_item, "cr_item": cr_item, "standalone_item": standalone, "decision": decision,
    })
    world.sentinels.update({
        "SENTINEL-COMMITTEE-PURPOSE": "a subcommittee's purpose",
        "SENTINEL-TF-AGENDA": "a task-force meeting's agenda",
        "SENTINEL-TF-MINUTES": "a task-force meeting's minutes",
        "SENTINEL-TF-ITEM": "an action item of a task-force meeting",
        "SENTINEL-DECISION": "a decision of the task force",
        "SENTINEL-CR-TITLE": "a confidential case review",
        "SENTINEL-CR-AGENDA": "a case review's agenda",
        "SENTINEL-CR-MINUTES": "a case review's minutes",
        "SENTINEL-CR-ITEM": "an action item of a case review",
        "SENTINEL-STANDALONE-ITEM": "an action item assigned by leadership",
    })


def allowed(world: World, persona: str) -> set[str]:
    """This part's sentinels that `persona` may receive anywhere."""
    allowed: set[str] = set()
    if persona in COLLEAGUE_PERSONAS:
        allowed |= {"SENTINEL-COMMITTEE-PURPOSE", "SENTINEL-TF-AGENDA", "SENTINEL-TF-MINUTES", "SENTINEL-TF-ITEM",
                    "SENTINEL-DECISION"}
    if persona in CASE_REVIEW:
        allowed |= {"SENTINEL-CR-TITLE", "SENTINEL-CR-AGENDA", "SENTINEL-CR-MINUTES", "SENTINEL-CR-ITEM"}
    if persona in LEADERSHIP | {"police_admin"}:
        allowed |= {"SENTINEL-STANDALONE-ITEM"}
    return allowed
