"""Victim-witness coordinators are marked, and everybody sees they cannot promise confidentiality."""

from __future__ import annotations

import pytest

from ally.core.errors import InvalidInput
from ally.tenancy import actions
from ally.tenancy.models import Membership
from tests import factories
from tests.conftest import client_for


@pytest.fixture
def office(tf):
    return factories.organization(tf, "County District Attorney", discipline="prosecution")


def test_the_directory_shows_the_mark(tf, office, coordinator, advocate):
    witness = factories.member(office, "member", full_name="Wes Witness")
    membership = Membership.objects.get(user=witness)
    client_for(coordinator).post(f"/memberships/{membership.pk}/victim-witness/", {"value": "1"})
    membership.refresh_from_db()
    assert membership.is_victim_witness_coordinator
    page = client_for(advocate).get("/directory/").content.decode()
    assert "Victim-witness coordinator — cannot promise confidentiality" in page


def test_only_law_enforcement_and_prosecutors_have_them(tf, vsp, advocate):
    membership = Membership.objects.get(user=advocate)
    with pytest.raises(InvalidInput):
        actions.mark_victim_witness_coordinator(membership, value=True, acting_user=None)
