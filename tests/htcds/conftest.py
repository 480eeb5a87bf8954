from __future__ import annotations

import datetime as dt

import pytest

from ally.survivors import actions as survivor_actions
from tests import factories

# Every mapped Client field (ally.htcds.mapping) — compared field by field after a round trip.
MAPPED = (
    "legal_name", "preferred_name", "aliases", "date_of_birth", "estimated_age", "phone", "email",
    "street", "city", "state", "zip_code", "safe_contact_instructions", "gender", "citizenship_status",
    "country_of_origin", "languages", "disabilities", "minor_at_intake", "age_when_trafficked",
    "trafficking_type", "trafficking_status", "status_determined_by", "status_determined_on",
    "methods_of_control", "exploitation_types", "labor_industry", "recruitment_methods", "recruitment",
    "legal_needs", "case_status", "intake_date", "referral_source",
)


def rich_clients(org, admin):
    """Two clients using every mapped field, with values that need care (formulas, ';' lists,
    accents, a single-word name), and one deleted client that must not be exported."""
    full = survivor_actions.create_client(
        org, acting_user=admin, legal_name="María José García-López", preferred_name="Majo",
        aliases=["=HYPERLINK(\"http://evil\")", "Pepa"], date_of_birth=dt.date(1990, 2, 3),
        phone="+1 608 555 0101", email="majo@example.org", street="12 Lake St", city="Madison",
        state="WI", zip_code="53703", safe_contact_instructions="-text only, after 6pm",
        gender="Feminine", citizenship_status="foreign_national", country_of_origin="Mexico",
        languages=["Spanish", "English", "K'iche'", "Otomí"], disabilities=["mental_health"],
        minor_at_intake=False, age_when_trafficked=17, trafficking_type="labor",
        trafficking_status="ActualVictimOfTrafficking", status_determined_by="NGO",
        status_determined_on=dt.date(2025, 1, 4), methods_of_control=["DebtBondage", "WithholdsDocuments"],
        exploitation_types=["ForcedLabour"], labor_industry="A_AgricultureForestryAndFishing",
        recruitment_methods=["ThroughFriendsOrSocialEvents"], recruitment="@recruiter promised, \"good\" pay; housing",
        legal_needs=["t_visa"], case_status="FollowUp", intake_date=dt.date(2024, 11, 5), referral_source="hotline",
    )  # fmt: skip
    sparse = survivor_actions.create_client(
        org, acting_user=admin, legal_name="Ana", estimated_age=15, minor_at_intake=True,
        trafficking_type="sex", exploitation_types=["SexualExploitation"], intake_date=dt.date(2025, 6, 1),
    )  # fmt: skip
    gone = survivor_actions.create_client(org, acting_user=admin, legal_name="SENTINEL-DELETED Client")
    gone.deleted_at = gone.created_at
    gone.save()
    return [full, sparse]


@pytest.fixture
def empty_vsp(tf):
    return factories.organization(tf, "Second Shelter", discipline="victim_services")


@pytest.fixture
def empty_admin(empty_vsp):
    return factories.member(empty_vsp, "org_admin", full_name="Ellis Admin")
