from __future__ import annotations

import datetime as dt

import pytest

from ally.access.survivors import today_in
from ally.investigations import actions as investigation_actions
from ally.survivors import actions as survivor_actions
from ally.tenancy.models import Membership
from tests import factories


@pytest.fixture
def da(tf):
    return factories.organization(tf, "Lakeshore County District Attorney", discipline="prosecution", jurisdiction="local")


@pytest.fixture
def prosecutor(da):
    return factories.member(da, "member", full_name="Petra Prosecutor")


@pytest.fixture
def vwc(da):
    user = factories.member(da, "member", full_name="Vera Witness")
    Membership.objects.filter(user=user, organization=da).update(is_victim_witness_coordinator=True)
    return user


@pytest.fixture
def investigation(police, detective):
    return investigation_actions.open_investigation(
        police, acting_user=detective, title="Operation Lantern", trafficking_type="sex",
        suspicion_basis="Hotline tip corroborated by ads and surveillance.",
    )


@pytest.fixture
def subject(investigation, detective):
    subject, _hits = investigation_actions.add_subject(
        investigation, acting_user=detective, given_name="Rex", family_name="Trafficker",
        date_of_birth="1980-03-04",
    )
    return subject


@pytest.fixture
def victim(investigation, detective):
    return investigation_actions.identify_victim(
        investigation, acting_user=detective, given_name="Luz", family_name="Victima",
    )


@pytest.fixture
def maria(vsp, advocate):
    return survivor_actions.create_client(vsp, acting_user=advocate, legal_name="Maria Example")


def consent_and_share(client, recipient, *, days=60):
    today = today_in(client.task_force_id)
    consent = survivor_actions.record_consent(
        client, acting_user=None, recipients=[recipient], field_groups=["identity"],
        purposes=["law_enforcement_coordination"], signed_on=today, expires_on=today + dt.timedelta(days=days),
        signature_method="scanned_form",
    )
    share = survivor_actions.share_client(
        client, recipient=recipient, field_groups=["identity"], purpose="law_enforcement_coordination",
        acting_user=None,
    )
    return consent, share


@pytest.fixture
def linked(victim, maria, police, detective):
    """The victim linked, on the survivor's consent, to the provider's client."""
    consent, share = consent_and_share(maria, police)
    investigation_actions.link_victim(victim, maria.pk, acting_user=detective)
    victim.refresh_from_db()
    return consent, share
