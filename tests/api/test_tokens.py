"""Personal API tokens: hashed at rest, optional read-only, expiry, revocable."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ally.accounts.actions import create_api_token, revoke_api_token
from ally.accounts.models import ApiToken
from ally.core.errors import InvalidInput, NotVisible


def _token(user, **kwargs):
    kwargs.setdefault("read_only", True)
    kwargs.setdefault("expires_at", None)
    return create_api_token(user, name="script", acting_user=user, **kwargs)


def _get(client, raw, path="/api/v1/me"):
    return client.get(path, headers={"Authorization": f"Bearer {raw}"})


def test_a_token_reads_as_its_owner(client, advocate):
    _stored, raw = _token(advocate)
    response = _get(client, raw)
    assert response.status_code == 200
    assert response.json()["email"] == advocate.email


def test_only_the_hash_is_stored(advocate):
    stored, raw = _token(advocate)
    assert not ApiToken.objects.filter(token_hash=raw).exists()
    assert raw not in stored.token_hash and stored.hint == raw[:9]


def test_no_token_or_a_wrong_one_is_refused(client, db):
    assert client.get("/api/v1/me").status_code == 401
    assert _get(client, "ally_not-a-real-token").status_code == 401


def test_an_expired_token_is_refused(client, advocate):
    stored, raw = _token(advocate, expires_at=timezone.now() + timedelta(days=1))
    ApiToken.objects.filter(pk=stored.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert _get(client, raw).status_code == 401


def test_a_revoked_token_stops_at_once(client, advocate):
    stored, raw = _token(advocate)
    assert _get(client, raw).status_code == 200
    revoke_api_token(stored, acting_user=advocate)
    assert _get(client, raw).status_code == 401


def test_a_read_only_token_cannot_write(client, vsp, vsp_admin):
    _stored, raw = _token(vsp_admin, read_only=True)
    response = client.post(
        f"/api/v1/organizations/{vsp.pk}/invitations",
        {"email": "a@example.org"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw}"},
    )
    assert response.status_code == 403
    assert vsp.invitations.count() == 0


def test_a_read_write_token_writes_through_the_action(client, vsp, vsp_admin):
    _stored, raw = _token(vsp_admin, read_only=False)
    response = client.post(
        f"/api/v1/organizations/{vsp.pk}/invitations",
        {"email": "a@example.org", "role": "member"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw}"},
    )
    assert response.status_code == 201
    assert vsp.invitations.get().email == "a@example.org"


def test_bad_input_through_the_api_is_a_clear_400(client, vsp, vsp_admin):
    _stored, raw = _token(vsp_admin, read_only=False)
    response = client.post(
        f"/api/v1/organizations/{vsp.pk}/invitations",
        {"email": "a@example.org", "role": "emperor"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw}"},
    )
    assert response.status_code == 400
    assert "Role" in response.json()["detail"]


def test_a_token_of_a_deactivated_account_is_refused(client, advocate):
    _stored, raw = _token(advocate)
    advocate.is_active = False
    advocate.save()
    assert _get(client, raw).status_code == 401


def test_an_expiry_in_the_past_or_too_far_is_refused(advocate):
    with pytest.raises(InvalidInput):
        _token(advocate, expires_at=timezone.now() - timedelta(days=1))
    with pytest.raises(InvalidInput, match="at most"):
        _token(advocate, expires_at=timezone.now() + timedelta(days=400))


def test_a_token_expires_after_90_days_by_default(advocate):
    stored, _raw = _token(advocate)
    assert timedelta(days=89) < stored.expires_at - timezone.now() <= timedelta(days=90)


def test_a_token_stays_in_the_task_force_it_was_made_in(client, tf, vsp, advocate):
    from ally.accounts.actions import switch_task_force
    from tests import factories

    other_tf = factories.task_force()
    other_org = factories.organization(other_tf, "Elsewhere Agency")
    factories.member(other_org, user=advocate)
    _stored, raw = _token(advocate)
    switch_task_force(advocate, other_tf.pk, acting_user=advocate)
    names = [o["name"] for o in _get(client, raw, "/api/v1/organizations").json()]
    assert vsp.name in names and "Elsewhere Agency" not in names


def test_changing_the_password_revokes_every_token(client, advocate):
    from tests.conftest import client_for
    from tests.factories import PASSWORD

    _stored, raw = _token(advocate)
    browser = client_for(advocate)
    browser.post("/accounts/reauthenticate/", {"password": PASSWORD})
    browser.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": "a-brand-new-passphrase-9", "password2": "a-brand-new-passphrase-9"},
    )
    advocate.refresh_from_db()
    assert advocate.check_password("a-brand-new-passphrase-9")
    assert _get(client, raw).status_code == 401


def test_nobody_revokes_another_persons_token(advocate, detective):
    stored, _raw = _token(advocate)
    with pytest.raises(NotVisible):
        revoke_api_token(stored, acting_user=detective)


def test_tokens_are_managed_from_the_profile_page(advocate):
    from tests.conftest import client_for
    from tests.factories import PASSWORD

    client = client_for(advocate)
    # A token outlives the session, so making one asks for the password again first.
    response = client.post("/profile/", {"token-name": "reports", "token-read_only": "on"})
    assert response.status_code == 302 and "/accounts/reauthenticate/" in response["Location"]
    assert not ApiToken.objects.exists()
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    response = client.post("/profile/", {"token-name": "reports", "token-read_only": "on"})
    assert response.status_code == 200
    stored = ApiToken.objects.get(user=advocate)
    assert stored.read_only
    # The secret is shown once, on this response only.
    assert stored.hint in response.content.decode()
    assert client.get("/profile/").content.decode().count(stored.hint) == 1
    client.post(f"/profile/tokens/{stored.pk}/revoke/")
    stored.refresh_from_db()
    assert stored.revoked_at is not None


def test_last_use_is_recorded(client, advocate):
    stored, raw = _token(advocate)
    _get(client, raw)
    stored.refresh_from_db()
    assert stored.last_used_at is not None
