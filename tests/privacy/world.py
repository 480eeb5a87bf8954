"""A task force with every persona and records in several organizations, plus a second task force.

Every record carries a *sentinel*: a unique string that appears in any page or API answer that
discloses it. The harness checks which sentinels each persona receives.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from ally.accounts.actions import create_api_token
from ally.accounts.models import User
from ally.tenancy import actions
from ally.tenancy.models import (
    Invitation,
    Membership,
    Organization,
    Region,
    TaskForce,
    TaskForceRole,
)
from tests import factories
from tests.privacy import (
    world_investigations,
    world_meetings,
    world_network,
    world_notifications,
    world_outreach,
    world_protocols,
    world_referrals,
    world_reports,
    world_trainings,
)

# Later parts of Ally add their records (and say who may see them) in their own modules.
PARTS = (
    world_network, world_referrals, world_notifications, world_investigations,
    world_meetings, world_protocols, world_trainings, world_outreach, world_reports,
)

# The VSP's staff who see its client (the assigned advocate, supervisors, the admin), and the
# police department the client's identity is shared with.
VSP_CLIENT_OWNERS = frozenset({"advocate", "vsp_supervisor", "vsp_admin", "co_lead_vs"})
POLICE = frozenset({"investigator_local", "police_admin"})

PERSONAS = (
    "anonymous",
    "outsider",
    "coordinator",
    "co_lead_le",
    "co_lead_vs",
    "investigator_state",
    "investigator_local",
    "prosecutor_da",
    "prosecutor_usao",
    "victim_witness",
    "advocate",
    "vsp_supervisor",
    "vsp_admin",
    "police_admin",
    "navigator",
    "survivor_leader",
    "labor_inspector",
    "auditor",
    "other_task_force",
)


@dataclass
class World:
    tf: TaskForce
    other_tf: TaskForce
    orgs: dict[str, Organization]
    regions: dict[str, Region]
    users: dict[str, User]
    memberships: dict[str, Membership]
    invitations: dict[str, Invitation]
    roles: dict[str, TaskForceRole]
    tokens: dict[str, str] = field(default_factory=dict)
    token_ids: dict[str, int] = field(default_factory=dict)
    invitation_tokens: dict[str, str] = field(default_factory=dict)
    clients: dict[str, Any] = field(default_factory=dict)
    consents: dict[str, Any] = field(default_factory=dict)
    shares: dict[str, Any] = field(default_factory=dict)
    # The care record and the rest of the compartment: "service", "note", "sensitive_note",
    # "goal", "event", "screening" (not linked), "task" (notify the survivor), "consent_form".
    records: dict[str, Any] = field(default_factory=dict)
    # sentinel → a short description of what it reveals
    sentinels: dict[str, str] = field(default_factory=dict)

    def user(self, persona: str) -> User | None:
        return self.users.get(persona)


def _person(persona: str, name: str) -> User:
    # The phone number is the member's sentinel: it shows only where their contact details do.
    return factories.person(
        name,
        email=f"{persona.replace('_', '.')}@sentinel.test",
        phone=f"SENTINEL-PHONE-{persona}",
        title=f"Title of {name}",
    )


def build() -> World:
    tf = factories.task_force("Sentinel Task Force")
    other_tf = factories.task_force("SENTINEL-OTHER-TF Task Force")
    north = factories.region(tf, "North Region", counties=["Ashland"])
    south = factories.region(tf, "South Region", counties=["Dane"])
    orgs = {
        "state_police": factories.organization(
            tf, "State Division of Criminal Investigation", discipline="law_enforcement",
            jurisdiction="state", regions_served=[north, south],
        ),
        "police": factories.organization(
            tf, "City Police Department", discipline="law_enforcement", jurisdiction="local",
            regions_served=[south],
        ),
        "da": factories.organization(
            tf, "County District Attorney", discipline="prosecution", jurisdiction="local"
        ),
        "usao": factories.organization(
            tf, "U.S. Attorney's Office", discipline="prosecution", jurisdiction="federal"
        ),
        "vsp": factories.organization(
            tf, "Harbor Survivor Services", discipline="victim_services", jurisdiction="local",
            regions_served=[south], street="SENTINEL-STREET-vsp 12 Harbor Lane",
        ),
        "vsp2": factories.organization(
            tf, "Northwoods Advocacy Center", discipline="victim_services", jurisdiction="local",
            regions_served=[north],
        ),
        "labor": factories.organization(
            tf, "Department of Workforce Development", discipline="government_other",
            agency_type="labor", jurisdiction="state",
        ),
        "other": factories.organization(
            other_tf, "SENTINEL-OTHER-ORG Agency", discipline="law_enforcement", jurisdiction="local"
        ),
    }
    actions.update_task_force(
        tf, co_lead_organizations=[orgs["state_police"], orgs["vsp"]], acting_user=None
    )
    people = {
        "outsider": _person("outsider", "Olive Outsider"),
        "coordinator": _person("coordinator", "Cora Coordinator"),
        "co_lead_le": _person("co_lead_le", "Leo Colead"),
        "co_lead_vs": _person("co_lead_vs", "Vera Colead"),
        "investigator_state": _person("investigator_state", "Ines Investigator"),
        "investigator_local": _person("investigator_local", "Lou Detective"),
        "prosecutor_da": _person("prosecutor_da", "Dara Prosecutor"),
        "prosecutor_usao": _person("prosecutor_usao", "Uma Prosecutor"),
        "victim_witness": _person("victim_witness", "Wes Witness"),
        "advocate": _person("advocate", "Avery Advocate"),
        "vsp_supervisor": _person("vsp_supervisor", "Sam Supervisor"),
        "vsp_admin": _person("vsp_admin", "Ada Admin"),
        "police_admin": _person("police_admin", "Pat Admin"),
        "navigator": _person("navigator", "Nia Navigator"),
        "survivor_leader": _person("survivor_leader", "Sol Leader"),
        "labor_inspector": _person("labor_inspector", "Lara Inspector"),
        "auditor": _person("auditor", "Aldo Auditor"),
        "other_task_force": _person("other_task_force", "Otto Elsewhere"),
    }
    plan: list[tuple[str, str, str]] = [
        ("coordinator", "state_police", "member"),
        ("co_lead_le", "state_police", "supervisor"),
        ("co_lead_vs", "vsp", "supervisor"),
        ("investigator_state", "state_police", "member"),
        ("investigator_local", "police", "member"),
        ("prosecutor_da", "da", "member"),
        ("prosecutor_usao", "usao", "member"),
        ("victim_witness", "da", "member"),
        ("advocate", "vsp", "member"),
        ("vsp_supervisor", "vsp", "supervisor"),
        ("vsp_admin", "vsp", "org_admin"),
        ("police_admin", "police", "org_admin"),
        ("navigator", "vsp2", "member"),
        ("survivor_leader", "vsp2", "member"),
        ("labor_inspector", "labor", "member"),
        ("other_task_force", "other", "org_admin"),
    ]
    memberships: dict[str, Membership] = {}
    for persona, org, role in plan:
        memberships[persona] = actions.add_member(
            orgs[org], user=people[persona], role=role, acting_user=None
        )
    roles = {
        "coordinator": actions.grant_task_force_role(
            tf, user=people["coordinator"], role="coordinator", acting_user=None
        ),
        "co_lead_le": actions.grant_task_force_role(
            tf, user=people["co_lead_le"], role="co_lead", acting_user=None
        ),
        "co_lead_vs": actions.grant_task_force_role(
            tf, user=people["co_lead_vs"], role="co_lead", acting_user=None
        ),
        "navigator": actions.grant_task_force_role(
            tf, user=people["navigator"], role="navigator", regions=[north], acting_user=None
        ),
        "survivor_leader": actions.grant_task_force_role(
            tf, user=people["survivor_leader"], role="survivor_leader_advisor", acting_user=None
        ),
        "auditor": actions.grant_task_force_role(
            tf, user=people["auditor"], role="auditor", acting_user=None
        ),
    }
    invitations: dict[str, Invitation] = {}
    invitation_tokens: dict[str, str] = {}
    for key in ("vsp", "police", "other"):
        invitations[key], invitation_tokens[key] = actions.invite_member(
            orgs[key], email=f"sentinel-invite-{key}@example.org", acting_user=None
        )
    invitations["auditor"], invitation_tokens["auditor"] = actions.invite_to_task_force_role(
        tf, email="sentinel-invite-auditor@example.org", role="auditor", acting_user=None
    )
    for user in people.values():
        user.refresh_from_db()
    # A survivor served by the VSP, shared with the city police for identity only.
    from ally.access.survivors import today_in
    from ally.survivors import actions as survivor_actions

    survivor = survivor_actions.create_client(
        orgs["vsp"],
        acting_user=people["advocate"],
        legal_name="SENTINEL-CLIENT-NAME Maria",
        phone="SENTINEL-CLIENT-PHONE",
        trafficking_type="labor",
    )
    today = today_in(tf.pk)
    consent = survivor_actions.record_consent(
        survivor,
        acting_user=None,
        recipients=[orgs["police"]],
        field_groups=["identity", "trafficking_details"],
        purposes=["law_enforcement_coordination"],
        signed_on=today,
        expires_on=today + timedelta(days=90),
        signature_method="scanned_form",
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ally.survivors.signed_forms import attach_signed_form

    attach_signed_form(
        consent, SimpleUploadedFile("signed.pdf", b"%PDF-1.4 SENTINEL-CONSENT-FORM"), acting_user=None
    )
    from decimal import Decimal

    from ally.survivors import care

    service = care.record_service(
        survivor,
        acting_user=None,
        category="case_management",
        delivered_on=today,
        units=Decimal("1"),
        outcome="SENTINEL-SERVICE-OUTCOME",
    )
    note = care.add_case_note(survivor, acting_user=None, note_type="contact", text="SENTINEL-NOTE met at the clinic")
    sensitive_note = care.add_case_note(
        survivor, acting_user=None, note_type="safety", text="SENTINEL-SENSITIVE-NOTE", sensitive=True
    )
    care.start_plan(survivor, acting_user=None, started_on=today)
    goal = care.add_goal(survivor, acting_user=None, text="SENTINEL-GOAL walk my kids to school")
    from ally.survivors import disclosures, screenings, trafficking

    event = trafficking.add_trafficking_event(
        survivor, acting_user=None, event_type="Exploitation", place="SENTINEL-EVENT-PLACE farm", country="US"
    )
    screening = screenings.record_screening(
        orgs["vsp"], instrument_id="ally-screening", language="en", answers={"threatened": "yes"},
        reference="SENTINEL-SCREENING-REF call", acting_user=None,
    )
    compelled = disclosures.record_compelled_disclosure(
        survivor, legal_basis="court_order", citation="SENTINEL-COMPELLED-CITATION",
        field_groups=["identity"], recipient="County court", disclosed_on=today,
        acting_user=people["vsp_admin"],
    )
    share = survivor_actions.share_client(
        survivor,
        recipient=orgs["police"],
        field_groups=["identity"],
        purpose="law_enforcement_coordination",
        acting_user=None,
    )
    world = World(
        tf=tf,
        other_tf=other_tf,
        orgs=orgs,
        regions={"north": north, "south": south},
        users=people,
        memberships=memberships,
        invitations=invitations,
        roles=roles,
        invitation_tokens=invitation_tokens,
        clients={"vsp": survivor},
        consents={"vsp": consent},
        shares={"vsp": share},
        records={
            "service": service, "note": note, "sensitive_note": sensitive_note, "goal": goal,
            "event": event, "screening": screening, "task": compelled.notify_tasks.get(),
        },
    )
    for persona, user in people.items():
        token, raw = create_api_token(
            user, name=f"token of {persona}", read_only=False, expires_at=None, acting_user=user
        )
        world.tokens[persona] = raw
        world.token_ids[persona] = token.pk
    world.sentinels = {
        **{f"SENTINEL-PHONE-{p}": f"contact details of {p}" for p in people},
        "sentinel-invite-vsp": "a pending invitation to the VSP",
        "sentinel-invite-police": "a pending invitation to the police department",
        "sentinel-invite-other": "an invitation in another task force",
        "sentinel-invite-auditor": "an invitation to a task-force role",
        "SENTINEL-OTHER-TF": "another task force's name",
        "SENTINEL-OTHER-ORG": "another task force's organization",
        "SENTINEL-STREET-vsp": "a shelter's confidential street address",
        "SENTINEL-CLIENT-NAME": "a survivor's name",
        "SENTINEL-CLIENT-PHONE": "a survivor's phone number",
        "SENTINEL-SERVICE-OUTCOME": "a service delivered to a survivor",
        "SENTINEL-NOTE": "a case note",
        "SENTINEL-SENSITIVE-NOTE": "a sensitive case note",
        "SENTINEL-GOAL": "a survivor's goal in her own words",
        "SENTINEL-CONSENT-FORM": "the survivor's signed consent form",
        "SENTINEL-EVENT-PLACE": "where a survivor was exploited",
        "SENTINEL-SCREENING-REF": "a screening not yet linked to a client",
        "SENTINEL-COMPELLED-CITATION": "a compelled disclosure of a survivor's information",
    }
    for part in PARTS:
        part.build(world)
    return world


def member_contacts(world: World, *, task_force: str = "tf") -> set[str]:
    people = [p for p, m in world.memberships.items() if (m.task_force_id == world.tf.pk) == (task_force == "tf")]
    return {f"SENTINEL-PHONE-{p}" for p in people}


def allowed_sentinels(world: World, persona: str, where: Any) -> set[str]:
    """The sentinels `persona` may receive anywhere (an independent statement of the policy)."""
    own = {f"SENTINEL-PHONE-{persona}"} if persona in world.users else set()
    if persona in {"anonymous", "outsider"}:
        return own
    if persona == "other_task_force":
        return own | {"SENTINEL-OTHER-TF", "SENTINEL-OTHER-ORG", "sentinel-invite-other"} | member_contacts(world, task_force="other")
    if persona == "auditor":
        return own  # aggregates only: organization names, never people
    allowed = own | member_contacts(world)  # colleagues share the contact directory
    if persona in {"coordinator", "advocate", "vsp_supervisor", "vsp_admin", "co_lead_vs"}:
        allowed |= {"SENTINEL-STREET-vsp"}  # the shelter's own staff, and the coordinator
    if persona in VSP_CLIENT_OWNERS:
        allowed |= {
            "SENTINEL-CLIENT-NAME",
            "SENTINEL-CLIENT-PHONE",
            "SENTINEL-SERVICE-OUTCOME",
            "SENTINEL-NOTE",
            "SENTINEL-SENSITIVE-NOTE",  # the assigned advocate and the VSP's supervisors
            "SENTINEL-GOAL",
            "SENTINEL-EVENT-PLACE",
            "SENTINEL-CONSENT-FORM",
            "SENTINEL-COMPELLED-CITATION",  # the disclosure report and the notify-the-survivor task
        }
        allowed |= {"SENTINEL-SCREENING-REF"}  # a screening by the VSP not linked to a client yet
    if persona in POLICE:
        allowed |= {"SENTINEL-CLIENT-NAME"}  # shared with the police for identity only
    if persona == "coordinator":
        allowed |= {"sentinel-invite-vsp", "sentinel-invite-police", "sentinel-invite-auditor"}
    if persona == "vsp_admin":
        allowed |= {"sentinel-invite-vsp"}
    if persona == "police_admin":
        allowed |= {"sentinel-invite-police"}
    for part in PARTS:
        allowed |= part.allowed(world, persona)
    return allowed
