"""Organizations, regions, members and roles: every change audited, bad input changes nothing."""

from __future__ import annotations

import pytest

from ally.audit.events import EventType
from ally.audit.models import AuditEvent
from ally.core.errors import Conflict, InvalidInput, NotPermitted
from ally.tenancy import actions
from ally.tenancy.models import Membership, Organization
from tests import factories


def _events(event_type):
    return AuditEvent.objects.filter(event_type=event_type)


def test_creating_an_organization_is_audited(tf, coordinator):
    org = actions.create_organization(
        tf, name="Lakeside Legal Aid", discipline="victim_services", jurisdiction="local",
        acting_user=coordinator,
    )
    event = _events(EventType.ORGANIZATION_CREATED).get(object_id=str(org.pk))
    assert event.actor == coordinator
    assert event.changes["name"] == "Lakeside Legal Aid"


def test_a_duplicated_organization_name_is_refused_and_changes_nothing(tf, vsp, coordinator):
    before = (Organization.objects.count(), AuditEvent.objects.count())
    with pytest.raises(Conflict, match="already exists"):
        actions.create_organization(
            tf, name="  harbor SURVIVOR services ", discipline="community", jurisdiction="local",
            acting_user=coordinator,
        )
    assert (Organization.objects.count(), AuditEvent.objects.count()) == before


def test_the_same_name_is_fine_in_another_task_force(vsp):
    other = factories.task_force()
    assert factories.organization(other, vsp.name).name == vsp.name


@pytest.mark.parametrize(
    "values, message",
    [
        ({"discipline": "police"}, "Discipline"),
        ({"jurisdiction": "galactic"}, "Jurisdiction"),
        ({"agency_type": "labor"}, "agency type"),
        ({"state": "XX"}, "state"),
        ({"name": "  "}, "name"),
        ({"email": "not-an-email"}, "email"),
    ],
)
def test_bad_organization_values_are_explained(tf, coordinator, values, message):
    fields = {"name": "New Org", "discipline": "community", "jurisdiction": "local", **values}
    with pytest.raises(InvalidInput, match=f"(?i){message}"):
        actions.create_organization(tf, acting_user=coordinator, **fields)
    assert not Organization.objects.filter(name="New Org").exists()


def test_only_the_coordinator_adds_organizations(tf, vsp_admin):
    with pytest.raises(NotPermitted):
        actions.create_organization(
            tf, name="X", discipline="community", jurisdiction="local", acting_user=vsp_admin
        )


def test_an_org_admin_edits_their_organization_with_a_diff_in_the_log(vsp, vsp_admin):
    actions.update_organization(vsp, phone="608-555-0199", acting_user=vsp_admin)
    vsp.refresh_from_db()
    assert vsp.phone == "608-555-0199"
    event = _events(EventType.ORGANIZATION_UPDATED).get()
    assert event.changes == {"phone": ["", "608-555-0199"]}
    assert event.organization == vsp


def test_renaming_onto_another_organizations_name_is_refused(vsp, police, coordinator):
    with pytest.raises(Conflict):
        actions.update_organization(police, name=vsp.name.upper(), acting_user=coordinator)
    police.refresh_from_db()
    assert police.name == "Lakeshore Police Department"


def test_membership_roles_change_and_are_audited(vsp, vsp_admin, advocate):
    membership = Membership.objects.get(user=advocate)
    actions.change_member_role(membership, role="supervisor", acting_user=vsp_admin)
    membership.refresh_from_db()
    assert membership.role == "supervisor"
    assert _events(EventType.MEMBER_ROLE_CHANGED).get().changes["role"] == ["member", "supervisor"]


def test_an_organization_keeps_one_admin(vsp, vsp_admin):
    membership = Membership.objects.get(user=vsp_admin)
    with pytest.raises(InvalidInput, match="at least one administrator"):
        actions.change_member_role(membership, role="member", acting_user=vsp_admin)
    with pytest.raises(InvalidInput):
        actions.remove_member(membership, acting_user=vsp_admin)
    membership.refresh_from_db()
    assert membership.is_active and membership.role == "org_admin"


def test_removing_a_member_keeps_the_row(vsp, vsp_admin, advocate):
    membership = Membership.objects.get(user=advocate)
    actions.remove_member(membership, acting_user=vsp_admin)
    membership.refresh_from_db()
    assert not membership.is_active and membership.ended_at is not None


def test_an_org_admin_cannot_manage_another_organizations_members(police, vsp_admin, detective):
    with pytest.raises(NotPermitted):
        actions.remove_member(Membership.objects.get(user=detective), acting_user=vsp_admin)


def test_a_person_may_belong_to_two_organizations(vsp, police):
    person = factories.member(vsp)
    factories.member(police, user=person)
    assert Membership.objects.filter(user=person, is_active=True).count() == 2


def test_adding_an_existing_member_again_is_refused(vsp, advocate):
    with pytest.raises(Conflict):
        actions.add_member(vsp, user=advocate, acting_user=None)


def test_a_navigator_needs_regions_of_the_same_task_force(tf):
    person = factories.person()
    with pytest.raises(InvalidInput, match="region"):
        actions.grant_task_force_role(tf, user=person, role="navigator", acting_user=None)
    foreign = factories.region(factories.task_force())
    with pytest.raises(InvalidInput):
        actions.grant_task_force_role(tf, user=person, role="navigator", regions=[foreign], acting_user=None)
    north = factories.region(tf, "North")
    grant = actions.grant_task_force_role(tf, user=person, role="navigator", regions=[north], acting_user=None)
    assert list(grant.regions.all()) == [north]


def test_regions_validate_zip_codes(tf, coordinator):
    with pytest.raises(InvalidInput, match="five digits"):
        actions.create_region(tf, name="East", counties=["Door"], zip_codes=["5420"], acting_user=coordinator)
    region = actions.create_region(
        tf, name="East", counties=["Door", " Kewaunee "], zip_codes=["54235", "54201"], acting_user=coordinator
    )
    assert region.counties == ["Door", "Kewaunee"]
    assert region.zip_codes == ["54201", "54235"]
    with pytest.raises(Conflict):
        actions.create_region(tf, name="east", counties=["Door"], acting_user=coordinator)


def test_task_force_values_are_checked(db):
    with pytest.raises(InvalidInput, match="state"):
        actions.create_task_force(name="X", kind="statewide", states=["ZZ"], acting_user=None)
    with pytest.raises(InvalidInput, match="time zone"):
        actions.create_task_force(
            name="X", kind="statewide", states=["WI"], time_zone="Mars/Olympus", acting_user=None
        )
    with pytest.raises(InvalidInput):
        actions.create_task_force(name="X", kind="galactic", states=["WI"], acting_user=None)


def test_co_leads_must_be_organizations_of_the_task_force(tf, vsp, coordinator):
    foreign = factories.organization(factories.task_force())
    with pytest.raises(InvalidInput):
        actions.update_task_force(tf, co_lead_organizations=[foreign], acting_user=coordinator)
    actions.update_task_force(tf, co_lead_organizations=[vsp], acting_user=coordinator)
    assert list(tf.co_lead_organizations.all()) == [vsp]


def test_an_org_admin_cannot_reclassify_their_organization(vsp, vsp_admin):
    for change in ({"discipline": "law_enforcement"}, {"jurisdiction": "state"}, {"name": "State Police"}):
        with pytest.raises(NotPermitted, match="coordinator"):
            actions.update_organization(vsp, acting_user=vsp_admin, **change)
    vsp.refresh_from_db()
    assert (vsp.discipline, vsp.jurisdiction, vsp.name) == ("victim_services", "local", "Harbor Survivor Services")


def test_the_org_admins_form_keeps_the_classification(vsp, vsp_admin):
    from tests.conftest import client_for

    response = client_for(vsp_admin).post(
        f"/organizations/{vsp.pk}/edit/",
        {"name": "State Police", "discipline": "law_enforcement", "jurisdiction": "state", "phone": "608-555-0111"},
    )
    assert response.status_code == 302
    vsp.refresh_from_db()
    assert (vsp.discipline, vsp.name, vsp.phone) == ("victim_services", "Harbor Survivor Services", "608-555-0111")


def test_a_coordinator_cannot_act_on_another_task_force(tf, coordinator):
    from ally.core.errors import NotVisible

    other = factories.task_force()
    region = factories.region(other)
    org = factories.organization(other)
    attempts = [
        lambda: actions.grant_task_force_role(other, user=coordinator, role="coordinator", acting_user=coordinator),
        lambda: actions.update_task_force(other, name="Renamed", acting_user=coordinator),
        lambda: actions.create_region(other, name="R", counties=["X"], acting_user=coordinator),
        lambda: actions.update_region(region, name="R2", acting_user=coordinator),
        lambda: actions.create_organization(other, name="O", discipline="community", jurisdiction="local", acting_user=coordinator),
        lambda: actions.update_organization(org, phone="1", acting_user=coordinator),
        lambda: actions.invite_member(org, email="x@example.org", acting_user=coordinator),
    ]
    for attempt in attempts:
        with pytest.raises(NotVisible):
            attempt()
    other.refresh_from_db()
    assert other.name != "Renamed"
