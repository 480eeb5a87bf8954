"""Invitations: emailed links that expire, can be withdrawn, and create the membership."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from ally.accounts.models import User
from ally.core.errors import InvalidInput, NotPermitted
from ally.tenancy import actions
from ally.tenancy.models import Invitation, Membership
from tests.conftest import client_for


@pytest.fixture
def invitation(vsp, vsp_admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation, raw = actions.invite_member(
            vsp, email="New.Person@Example.org", full_name="Nadia New", acting_user=vsp_admin
        )
    return invitation, raw


def test_the_email_carries_a_link_and_no_personal_data(invitation):
    _invitation, raw = invitation
    (message,) = mail.outbox
    assert message.to == ["new.person@example.org"]
    assert f"/invite/{raw}/" in message.body
    assert "Nadia" not in message.body and "Nadia" not in message.subject


def test_only_the_token_hash_is_stored(invitation):
    stored, raw = invitation
    assert raw not in stored.token_hash


def test_accepting_creates_the_account_and_membership(invitation, client):
    _stored, raw = invitation
    response = client.post(
        f"/invite/{raw}/", {"full_name": "Nadia New", "password": "a-long-enough-passphrase-7"}
    )
    assert response.status_code == 302
    user = User.objects.get(email="new.person@example.org")
    assert Membership.objects.get(user=user).role == "member"
    assert client.get("/accounts/2fa/totp/activate/").status_code == 200  # signed in, MFA next


def test_a_weak_password_is_refused_and_nothing_is_created(invitation, client):
    _stored, raw = invitation
    response = client.post(f"/invite/{raw}/", {"full_name": "Nadia New", "password": "password"})
    assert response.status_code == 200
    assert not User.objects.filter(email="new.person@example.org").exists()


def test_a_used_link_cannot_be_used_again(invitation, client):
    _stored, raw = invitation
    actions.accept_invitation(raw, full_name="Nadia New", password="a-long-enough-passphrase-7")
    response = client.get(f"/invite/{raw}/")
    assert response.status_code == 404
    assert b"already been used" in response.content


def test_an_expired_link_says_so(invitation, client):
    stored, raw = invitation
    Invitation.objects.filter(pk=stored.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get(f"/invite/{raw}/")
    assert response.status_code == 404
    assert b"expired" in response.content
    with pytest.raises(InvalidInput, match="expired"):
        actions.accept_invitation(raw, full_name="N", password="a-long-enough-passphrase-7")


def test_a_malformed_link_says_so(db, client):
    response = client.get("/invite/%3Cscript%3E/")
    assert response.status_code == 404
    assert b"not valid" in response.content


def test_a_withdrawn_link_stops_working(invitation, vsp_admin):
    stored, raw = invitation
    actions.revoke_invitation(stored, acting_user=vsp_admin)
    with pytest.raises(InvalidInput, match="withdrawn"):
        actions.find_invitation(raw)


def test_a_new_invitation_replaces_the_pending_one(invitation, vsp, vsp_admin):
    _stored, first = invitation
    actions.invite_member(vsp, email="new.person@example.org", acting_user=vsp_admin)
    with pytest.raises(InvalidInput):
        actions.find_invitation(first)


def test_an_existing_account_joins_by_signing_in_first(vsp, police, vsp_admin, detective):
    _stored, raw = actions.invite_member(vsp, email=detective.email, acting_user=vsp_admin)
    with pytest.raises(InvalidInput, match="Sign in"):
        actions.accept_invitation(raw, full_name="", password="whatever-long-password")
    response = client_for(detective).post(f"/invite/{raw}/", {})
    assert response.status_code == 302
    assert Membership.objects.filter(user=detective, organization=vsp, is_active=True).exists()


def test_someone_else_cannot_take_an_invitation(vsp, vsp_admin, detective):
    _stored, raw = actions.invite_member(vsp, email="someone@example.org", acting_user=vsp_admin)
    with pytest.raises(InvalidInput, match="different email"):
        actions.accept_invitation(raw, full_name="", password=None, existing_user=detective)


def test_members_cannot_invite(vsp, advocate):
    with pytest.raises(NotPermitted):
        actions.invite_member(vsp, email="x@example.org", acting_user=advocate)


def test_a_bad_email_is_refused(vsp, vsp_admin):
    with pytest.raises(InvalidInput, match="email"):
        actions.invite_member(vsp, email="not an email", acting_user=vsp_admin)
    assert not Invitation.objects.exists()


def test_inviting_a_current_member_is_refused(vsp, vsp_admin, advocate):
    from ally.core.errors import Conflict

    with pytest.raises(Conflict):
        actions.invite_member(vsp, email=advocate.email.upper(), acting_user=vsp_admin)



def test_a_deactivated_organizations_invitation_stops_working(invitation, vsp):
    _stored, raw = invitation
    type(vsp).objects.filter(pk=vsp.pk).update(is_active=False)
    with pytest.raises(InvalidInput, match="no longer"):
        actions.accept_invitation(raw, full_name="Nadia New", password="a-long-enough-passphrase-7")


def test_an_accepted_invitation_cannot_be_withdrawn(invitation, vsp_admin):
    stored, raw = invitation
    actions.accept_invitation(raw, full_name="Nadia New", password="a-long-enough-passphrase-7")
    with pytest.raises(InvalidInput, match="pending"):
        actions.revoke_invitation(stored, acting_user=vsp_admin)  # a stale copy says "pending"


def test_the_coordinator_invites_an_auditor_who_gets_the_role_and_no_membership(tf, coordinator, client, django_capture_on_commit_callbacks):
    from ally.access import grants_for

    with django_capture_on_commit_callbacks(execute=True):
        _stored, raw = actions.invite_to_task_force_role(
            tf, email="grants.officer@funder.example", role="auditor", acting_user=coordinator
        )
    (message,) = mail.outbox
    assert "as Funder / auditor" in message.body and f"/invite/{raw}/" in message.body
    page = client.get(f"/invite/{raw}/").content.decode()
    assert "as <strong>Funder / auditor</strong>" in page
    client.post(f"/invite/{raw}/", {"full_name": "Gale Grants", "password": "a-long-enough-passphrase-7"})
    auditor = User.objects.get(email="grants.officer@funder.example")
    grants = grants_for(auditor)
    assert grants.roles == {"auditor"} and not grants.memberships


def test_only_the_coordinator_invites_to_task_force_roles(tf, vsp_admin):
    with pytest.raises(NotPermitted):
        actions.invite_to_task_force_role(tf, email="x@example.org", role="auditor", acting_user=vsp_admin)


def test_navigators_are_not_invited_from_outside(tf, coordinator):
    with pytest.raises(InvalidInput, match="Navigators"):
        actions.invite_to_task_force_role(tf, email="x@example.org", role="navigator", acting_user=coordinator)


def test_the_coordinator_invites_from_the_task_force_page(tf, coordinator):
    client = client_for(coordinator)
    response = client.post(
        "/task-force/", {"invite-email": "sl@example.org", "invite-role": "survivor_leader_advisor"}
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="sl@example.org")
    assert invitation.organization is None and invitation.task_force_role == "survivor_leader_advisor"
    assert "sl@example.org" in client.get("/task-force/").content.decode()
    client.post(f"/invitations/{invitation.pk}/revoke/")
    invitation.refresh_from_db()
    assert invitation.status == "revoked"
