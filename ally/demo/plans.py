"""What a demo task force is made of: its organizations and the people in them, as data.

Names are patterns filled from a StateProfile: {state}, {city0}…{city3} (each region's main city),
{county0}…{county3} (each region's main county), {district}, {fbi}, {tribe}, {sbi} (the state's
investigative agency). Regions are given by index into the state's regions.
"""

from __future__ import annotations

from dataclasses import dataclass

from ally.tenancy.vocab import AgencyType, Discipline, Jurisdiction, MembershipRole
from ally.tenancy.vocab import TaskForceRoleKind as R

LE = Discipline.LAW_ENFORCEMENT
PROSECUTION = Discipline.PROSECUTION
VS = Discipline.VICTIM_SERVICES
GOV = Discipline.GOVERNMENT_OTHER
COMMUNITY = Discipline.COMMUNITY

LOCAL = Jurisdiction.LOCAL
STATE = Jurisdiction.STATE
FEDERAL = Jurisdiction.FEDERAL
TRIBAL = Jurisdiction.TRIBAL

MEMBER = MembershipRole.MEMBER
SUPERVISOR = MembershipRole.SUPERVISOR
ORG_ADMIN = MembershipRole.ORG_ADMIN

CAPITAL = -1  # a home region meaning "in the state capital"


@dataclass(frozen=True)
class OrganizationTemplate:
    key: str  # stable identifier inside a demo task force
    name: str  # pattern
    domain: str  # pattern for the email domain's first label
    discipline: str
    jurisdiction: str
    home_region: int  # the region its office is in (CAPITAL: the state capital)
    serves: tuple[int, ...] | None  # regions served; None means all
    staff: tuple[tuple[str, str], ...] = ()  # extra people: (job title, membership role)
    agency_type: str = AgencyType.NONE
    in_small: bool = False


ORGANIZATIONS: tuple[OrganizationTemplate, ...] = (
    # Law enforcement
    OrganizationTemplate(
        "sbi", "{sbi}", "{sbi_domain}", LE, STATE, CAPITAL, None,
        (("Special Agent", MEMBER), ("Criminal Intelligence Analyst", MEMBER)), in_small=True,
    ),
    OrganizationTemplate(
        "pd1", "{city0} Police Department", "{city0}pd", LE, LOCAL, 0, (0,),
        (("Detective", MEMBER), ("Sergeant, Vice and Trafficking Unit", SUPERVISOR)),
        in_small=True,
    ),
    OrganizationTemplate(
        "pd2", "{city1} Police Department", "{city1}pd", LE, LOCAL, 1, (1,),
        (("Detective", MEMBER),),
    ),
    OrganizationTemplate(
        "pd3", "{city2} Police Department", "{city2}pd", LE, LOCAL, 2, (2,),
        (("Detective", MEMBER),),
    ),
    OrganizationTemplate(
        "sheriff", "{county3} County Sheriff's Office", "{county3}sheriff", LE, LOCAL, 3, (3,),
        (("Sheriff's Investigator", MEMBER),),
    ),
    OrganizationTemplate(
        "fbi", "{fbi_name}", "fbi", LE, FEDERAL, 0, None, (("Special Agent", MEMBER),),
    ),
    OrganizationTemplate(
        "hsi", "Homeland Security Investigations - {city0}", "hsi", LE, FEDERAL, 0, None,
        (("Special Agent", MEMBER),),
    ),
    OrganizationTemplate(
        "tribal_pd", "{tribe} Tribal Police Department", "{tribe}police", LE, TRIBAL, 3, (3,),
    ),
    # Prosecution
    OrganizationTemplate(
        "da1", "{county0} County District Attorney's Office", "{county0}da", PROSECUTION, LOCAL,
        0, (0,), (("Paralegal", MEMBER),), in_small=True,
    ),
    OrganizationTemplate(
        "da2", "{county1} County District Attorney's Office", "{county1}da", PROSECUTION, LOCAL,
        1, (1,), (("Assistant District Attorney", MEMBER),),
    ),
    OrganizationTemplate(
        "usao", "U.S. Attorney's Office for the {district}", "usao", PROSECUTION, FEDERAL, 0,
        None, (("Paralegal Specialist", MEMBER),), in_small=True,
    ),
    OrganizationTemplate(
        "ag", "Office of the {state} Attorney General", "ag", PROSECUTION, STATE, CAPITAL,
        None,
        (("Assistant Attorney General", MEMBER),),
    ),
    # Victim services
    OrganizationTemplate(
        "lead_vsp", "Harbor Light Survivor Services", "harborlight", VS, STATE, 0, None,
        (("Case Manager", MEMBER), ("Bilingual Advocate", MEMBER), ("Housing Specialist", MEMBER)),
        in_small=True,
    ),
    OrganizationTemplate(
        "vsp2", "New Dawn Advocacy Center", "newdawn", VS, LOCAL, 1, (1,),
        (("Advocate", MEMBER),),
    ),
    OrganizationTemplate(
        "vsp3", "North Star Family Resource Center", "northstar", VS, LOCAL, 2, (2, 3),
        (("Advocate", MEMBER),),
    ),
    OrganizationTemplate(
        "youth_shelter", "Safe Passage Youth Shelter", "safepassage", VS, LOCAL, 0, (0, 1),
        (("Youth Advocate", MEMBER),),
    ),
    OrganizationTemplate(
        "legal_aid", "Open Door Legal Aid and Immigration Services", "opendoorlegal", VS, STATE,
        1, None, (("Immigration Attorney", MEMBER),),
    ),
    OrganizationTemplate(
        "tribal_vsp", "{tribe} Family Healing Program", "{tribe}healing", VS, TRIBAL, 3, (3,),
        (("Tribal Victim Advocate", MEMBER),), in_small=True,
    ),
    # Other government
    OrganizationTemplate(
        "child_welfare", "{state} Department of Children and Family Services", "dcfs", GOV,
        STATE, CAPITAL, None, (("Child Protective Services Specialist", MEMBER),),
        agency_type=AgencyType.CHILD_WELFARE,
    ),
    OrganizationTemplate(
        "health", "{state} Department of Health", "health", GOV, STATE, CAPITAL, None,
        agency_type=AgencyType.HEALTH,
    ),
    OrganizationTemplate(
        "labor", "{state} Department of Labor - Labor Standards Bureau", "labor", GOV, STATE,
        CAPITAL, None, agency_type=AgencyType.LABOR, in_small=True,
    ),
    OrganizationTemplate(
        "dol_whd", "U.S. Department of Labor, Wage and Hour Division - {city0} District Office",
        "dol-whd", GOV, FEDERAL, 0, None, (("Wage and Hour Investigator", MEMBER),),
        agency_type=AgencyType.LABOR,
    ),
    # Community
    OrganizationTemplate(
        "faith", "Interfaith Coalition Against Trafficking", "interfaith", COMMUNITY, LOCAL, 0,
        (0, 1),
    ),
    OrganizationTemplate(
        "survivor_led", "Survivors Rising Collective", "survivorsrising", COMMUNITY, STATE, 2,
        None, in_small=True,
    ),
    OrganizationTemplate(
        "hospitality", "{state} Hospitality Partners Against Trafficking", "hospitalitypartners",
        COMMUNITY, STATE, 0, None,
    ),
)

# The task force's two co-leads: the lead law-enforcement agency (BJA) and lead VSP (OVC).
CO_LEADS = ("sbi", "lead_vsp")


@dataclass(frozen=True)
class PersonaTemplate:
    key: str
    label: str
    organization: str  # template key, or "" for no membership
    role: str  # membership role
    title: str
    task_force_roles: tuple[str, ...] = ()
    navigator_regions: tuple[int, ...] = ()
    also_member_of: tuple[tuple[str, str], ...] = ()  # (template key, membership role)
    affiliation: str = ""  # shown instead of an organization for people without one
    domain: str = ""  # email domain label for people without an organization


# The personas of ARCHITECTURE.md, in its order; their keys are stable identifiers for tests.
PERSONAS: tuple[PersonaTemplate, ...] = (
    PersonaTemplate(
        "coordinator", "Coordinator", "sbi", MEMBER, "Task Force Coordinator", (R.COORDINATOR,)
    ),
    PersonaTemplate(
        "co_lead_le", "Co-lead (law enforcement)", "sbi", SUPERVISOR, "Special Agent in Charge",
        (R.CO_LEAD,),
    ),
    PersonaTemplate(
        "co_lead_vs", "Co-lead (victim services)", "lead_vsp", SUPERVISOR, "Executive Director",
        (R.CO_LEAD,),
    ),
    PersonaTemplate(
        "investigator_state", "Investigator (state)", "sbi", MEMBER, "Special Agent"
    ),
    PersonaTemplate(
        "investigator_local", "Investigator (local police)", "pd1", MEMBER,
        "Detective, Vice and Trafficking Unit",
    ),
    PersonaTemplate(
        "prosecutor_da", "Prosecutor (district attorney)", "da1", MEMBER,
        "Assistant District Attorney",
    ),
    PersonaTemplate(
        "prosecutor_usao", "Prosecutor (U.S. Attorney's Office)", "usao", MEMBER,
        "Assistant U.S. Attorney",
    ),
    PersonaTemplate(
        "victim_witness", "Victim-witness coordinator", "da1", MEMBER,
        "Victim-Witness Coordinator",
    ),
    PersonaTemplate("advocate", "Advocate", "lead_vsp", MEMBER, "Survivor Advocate"),
    PersonaTemplate(
        "vsp_supervisor", "VSP supervisor", "lead_vsp", SUPERVISOR, "Director of Client Services"
    ),
    PersonaTemplate(
        "navigator", "Regional navigator", "lead_vsp", MEMBER, "Regional Navigator",
        (R.NAVIGATOR,), navigator_regions=(0,),
    ),
    PersonaTemplate(
        "survivor_leader", "Survivor-leader advisor", "survivor_led", MEMBER,
        "Survivor-Leader Advisor", (R.SURVIVOR_LEADER_ADVISOR,),
    ),
    PersonaTemplate(
        "labor_inspector", "Labor inspector", "labor", MEMBER, "Labor Standards Investigator"
    ),
    PersonaTemplate(
        "auditor", "Funder / auditor", "", "", "Grant Monitor", (R.AUDITOR,),
        affiliation="Funder (no membership)", domain="funder",
    ),
    PersonaTemplate(
        "outsider", "Outsider", "", "", "Member of the public",
        affiliation="No membership", domain="outsider",
    ),
)

PERSONA_KEYS: tuple[str, ...] = tuple(p.key for p in PERSONAS)

# Not a persona, but every demo has one: a prosecutor cross-designated as a Special Assistant
# U.S. Attorney, a member of two organizations.
CROSS_DESIGNATED = PersonaTemplate(
    "sausa", "Member of two organizations", "da1", MEMBER,
    "Assistant District Attorney (Special Assistant U.S. Attorney)",
    also_member_of=(("usao", MEMBER),),
)

ORG_ADMIN_TITLES: dict[str, str] = {
    LE: "Administrative Officer",
    PROSECUTION: "Office Administrator",
    VS: "Operations Manager",
    GOV: "Program Administrator",
    COMMUNITY: "Board Secretary",
}
