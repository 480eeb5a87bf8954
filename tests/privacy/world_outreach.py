"""The privacy world's records for ally.outreach: built after the core world, with their sentinels.

- A survivor leader linked to the ``survivor_leader`` persona (their name is a sentinel: being
  listed says they survived trafficking), a paid engagement, and feedback they submitted with
  leadership's response.
- A planned survivor-led outreach event in the South region, led by that survivor leader.
- A threat assessment of the South region for this fiscal year with one industry (dairy).
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.privacy.world import World

LEADER_AREA = frozenset({"coordinator", "survivor_leader"})
LEADERSHIP = frozenset({"coordinator", "co_lead_le", "co_lead_vs"})
FEEDBACK_READERS = LEADERSHIP | {"survivor_leader"}
COLLEAGUES = frozenset(
    {
        "coordinator", "co_lead_le", "co_lead_vs", "investigator_state", "investigator_local",
        "prosecutor_da", "prosecutor_usao", "victim_witness", "advocate", "vsp_supervisor",
        "vsp_admin", "police_admin", "navigator", "survivor_leader", "labor_inspector",
    }
)
# Leadership, navigators, and members of investigating (police, labor) and prosecuting offices.
ASSESSMENT_READERS = LEADERSHIP | {
    "navigator", "investigator_state", "investigator_local", "police_admin", "labor_inspector",
    "prosecutor_da", "prosecutor_usao", "victim_witness",
}


def build(world: World) -> None:
    """Add this part's records to `world.records` and their sentinels to `world.sentinels`."""
    from ally.access.survivors import today_in
    from ally.core.fiscal import fiscal_year
    from ally.outreach import actions

    tf, users = world.tf, world.users
    today = today_in(tf.pk)
    leader = actions.add_survivor_leader(
        tf, acting_user=None, name="SENTINEL-SURVIVOR-LEADER-NAME", kind="advisor", user=users["survivor_leader"],
        expertise=["labor trafficking"], started_on=today - timedelta(days=200), hourly_rate=Decimal("75.00"),
    )
    engagement = actions.record_engagement(
        leader, acting_user=None, kind="review", occurred_on=today - timedelta(days=3), hours=Decimal("2.5"),
        compensation=Decimal("187.50"), notes="SENTINEL-ENGAGEMENT-NOTES",
    )
    feedback = actions.submit_feedback(
        tf, acting_user=users["survivor_leader"], topic="Language access", text="SENTINEL-FEEDBACK-TEXT",
    )
    actions.respond_to_feedback(feedback, acting_user=users["coordinator"], response="SENTINEL-FEEDBACK-RESPONSE")
    event = actions.plan_event(
        tf, acting_user=None, kind="art", title="Survivor art night", occurred_on=today, region=world.regions["south"],
        county="Dane", audience="SENTINEL-OUTREACH-AUDIENCE", survivor_led=True, leaders=[leader],
        partners=[world.orgs["vsp"]],
    )
    assessment = actions.record_threat_assessment(
        world.regions["south"], acting_user=None, fiscal_year=fiscal_year(today), notes="SENTINEL-THREAT-NOTES",
    )
    industry = actions.add_assessed_industry(
        assessment, acting_user=None, naics_code="112120", establishments=40, workers=600,
        factors=["h2a_visa", "isolation", "employer_housing"], notes="SENTINEL-THREAT-INDUSTRY",
    )
    world.records.update({
        "survivor_leader": leader, "engagement": engagement, "feedback": feedback, "outreach_event": event,
        "threat_assessment": assessment, "assessed_industry": industry,
    })
    world.sentinels.update({
        "SENTINEL-SURVIVOR-LEADER-NAME": "a survivor leader's name (says they survived trafficking)",
        "SENTINEL-ENGAGEMENT-NOTES": "the notes of a survivor leader's engagement",
        "SENTINEL-FEEDBACK-TEXT": "a survivor leader's feedback to leadership",
        "SENTINEL-FEEDBACK-RESPONSE": "leadership's response to that feedback",
        "SENTINEL-OUTREACH-AUDIENCE": "an outreach event's audience (open to working members)",
        "SENTINEL-THREAT-NOTES": "a threat assessment's notes",
        "SENTINEL-THREAT-INDUSTRY": "the notes on an industry of a threat assessment",
    })


def allowed(world: World, persona: str) -> set[str]:
    """This part's sentinels that `persona` may receive anywhere."""
    allowed = set()
    if persona in LEADER_AREA:
        allowed |= {"SENTINEL-SURVIVOR-LEADER-NAME", "SENTINEL-ENGAGEMENT-NOTES"}
    if persona in FEEDBACK_READERS:
        allowed |= {"SENTINEL-FEEDBACK-TEXT", "SENTINEL-FEEDBACK-RESPONSE"}
    if persona in COLLEAGUES:
        allowed |= {"SENTINEL-OUTREACH-AUDIENCE"}
    if persona in ASSESSMENT_READERS:
        allowed |= {"SENTINEL-THREAT-NOTES", "SENTINEL-THREAT-INDUSTRY"}
    return allowed
