"""The access policy: one task force at a time, 404 for what you may not see, 403 for changes."""

from __future__ import annotations

import pytest

from ally.access import access_membership, access_organization, grants_for, visible_to
from ally.accounts.models import User
from ally.core.errors import NotPermitted, NotVisible
from ally.tenancy.models import Membership, Organization
from tests import factories
from tests.conftest import client_for


def test_members_see_their_task_forces_organizations_only(tf, vsp, police, advocate):
    other_tf = factories.task_force()
    elsewhere = factories.organization(other_tf, "Elsewhere Agency")
    visible = set(visible_to(advocate, Organization))
    assert visible == {vsp, police}
    assert elsewhere not in visible
    with pytest.raises(NotVisible):
        access_organization(advocate, elsewhere.pk)


def test_an_outsider_sees_nothing(outsider, vsp):
    assert not visible_to(outsider, Organization).exists()
    assert not visible_to(outsider, Membership).exists()
    with pytest.raises(NotVisible):
        access_organization(outsider, vsp.pk)


def test_a_missing_id_and_a_forbidden_id_look_the_same(advocate):
    other = factories.organization(factories.task_force())
    for pk in (other.pk, 999_999, "not-a-number"):
        with pytest.raises(NotVisible):
            access_organization(advocate, pk)


def test_changing_an_organization_takes_its_admin_or_the_coordinator(vsp, police, vsp_admin, advocate, coordinator):
    assert access_organization(vsp_admin, vsp.pk, for_change=True) == vsp
    assert access_organization(coordinator, police.pk, for_change=True) == police
    with pytest.raises(NotPermitted):
        access_organization(advocate, vsp.pk, for_change=True)
    with pytest.raises(NotPermitted):
        access_organization(vsp_admin, police.pk, for_change=True)


def test_an_auditor_sees_organizations_but_no_people(tf, vsp, advocate):
    auditor = factories.role(tf, "auditor")
    assert grants_for(auditor).is_aggregates_only
    assert visible_to(auditor, Organization).exists()
    assert not visible_to(auditor, Membership).exists()
    membership = Membership.objects.get(user=advocate)
    with pytest.raises(NotVisible):
        access_membership(auditor, membership.pk)


def test_org_admins_see_their_former_members_but_colleagues_do_not(vsp, vsp_admin, advocate, detective):
    from ally.tenancy.actions import remove_member

    membership = Membership.objects.get(user=advocate)
    remove_member(membership, acting_user=vsp_admin)
    assert membership in visible_to(vsp_admin, Membership)
    assert membership not in visible_to(detective, Membership)


def test_a_person_in_two_task_forces_sees_only_the_active_one(tf, vsp):
    from ally.accounts.actions import switch_task_force

    other_tf = factories.task_force()
    other_org = factories.organization(other_tf)
    person = factories.member(vsp)
    factories.member(other_org, user=person)
    assert set(visible_to(person, Organization)) == {vsp}
    switch_task_force(person, other_tf.pk, acting_user=person)
    assert set(visible_to(person, Organization)) == {other_org}


def test_switching_to_a_task_force_you_are_not_in_is_refused(advocate):
    from ally.accounts.actions import switch_task_force

    other_tf = factories.task_force()
    with pytest.raises(NotVisible):
        switch_task_force(advocate, other_tf.pk, acting_user=advocate)


def test_a_removed_member_loses_access_at_once(vsp, vsp_admin, advocate):
    from ally.tenancy.actions import remove_member

    assert visible_to(advocate, Organization).exists()
    remove_member(Membership.objects.get(user=advocate), acting_user=vsp_admin)
    next_request_user = User.objects.get(pk=advocate.pk)
    assert not visible_to(next_request_user, Organization).exists()


def test_grants_cost_a_fixed_number_of_queries(django_assert_num_queries, tf, vsp, advocate):
    advocate.refresh_from_db()
    with django_assert_num_queries(2):
        grants_for(advocate)
    with django_assert_num_queries(0):
        grants_for(advocate)


def test_survivor_leader_advisors_are_named_only_to_the_coordinator_and_themselves(tf, vsp, advocate, coordinator):
    from ally.tenancy.models import TaskForceRole

    leader = factories.role(tf, "survivor_leader_advisor", factories.member(vsp, full_name="Sol Leader"))
    navigator = factories.role(tf, "navigator", regions=[factories.region(tf)])
    advisor_row = TaskForceRole.objects.get(user=leader)
    assert advisor_row in visible_to(coordinator, TaskForceRole)
    assert advisor_row in visible_to(leader, TaskForceRole)
    assert advisor_row not in visible_to(advocate, TaskForceRole)
    assert TaskForceRole.objects.get(user=navigator) in visible_to(advocate, TaskForceRole)
    page = client_for(advocate).get("/task-force/").content.decode()
    assert "Sol Leader" not in page


def test_auditors_see_no_role_holders(tf, coordinator):
    from ally.tenancy.models import TaskForceRole

    auditor = factories.role(tf, "auditor")
    assert not visible_to(auditor, TaskForceRole).exists()


def test_a_shelters_street_is_for_its_own_staff_and_the_coordinator(tf, vsp, advocate, detective, coordinator):
    from ally.tenancy.actions import update_organization

    update_organization(vsp, street="12 Harbor Lane", acting_user=None)
    vsp.refresh_from_db()
    assert vsp.confidential_address  # the default for victim services
    assert "12 Harbor Lane" in client_for(advocate).get(f"/organizations/{vsp.pk}/").content.decode()
    assert "12 Harbor Lane" in client_for(coordinator).get(f"/organizations/{vsp.pk}/").content.decode()
    page = client_for(detective).get(f"/organizations/{vsp.pk}/").content.decode()
    assert "12 Harbor Lane" not in page and "confidential" in page
