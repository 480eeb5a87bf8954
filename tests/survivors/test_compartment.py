"""The victim-service compartment: who sees a client, and what a consent and a share open."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ally.access import access_client, visible_to
from ally.access.survivors import today_in
from ally.accounts.models import User
from ally.audit.models import AuditEvent, DisclosureLog
from ally.core.errors import Conflict, InvalidInput, NotPermitted, NotVisible
from ally.survivors import actions
from ally.survivors.models import Client, Consent
from tests import factories


@pytest.fixture
def client_record(vsp, advocate):
    return actions.create_client(
        vsp,
        acting_user=advocate,
        legal_name="Maria Example",
        phone="608-555-0142",
        gender="Feminine",
        trafficking_type="labor",
    )


@pytest.fixture
def today(tf):
    return today_in(tf.pk)


def _consent(client, recipients, *, groups=("identity", "trafficking_details"), today, **overrides):
    values = dict(
        acting_user=None,
        recipients=recipients,
        field_groups=list(groups),
        purposes=["law_enforcement_coordination"],
        signed_on=today,
        expires_on=today + dt.timedelta(days=90),
        signature_method="scanned_form",
    )
    values.update(overrides)
    return actions.record_consent(client, **values)


def _fresh(user):
    """The user as the next request loads them (grants are cached per request)."""
    return User.objects.get(pk=user.pk)


def test_an_advocate_sees_her_own_clients(client_record, advocate):
    assert client_record in visible_to(advocate, Client)
    assert access_client(advocate, client_record.pk).is_owner


def test_another_advocate_of_the_same_provider_sees_only_assigned_clients(client_record, vsp, vsp_admin):
    colleague = factories.member(vsp)
    with pytest.raises(NotVisible):
        access_client(colleague, client_record.pk)
    actions.assign_advocate(client_record, user=colleague, acting_user=vsp_admin)
    assert access_client(_fresh(colleague), client_record.pk).is_owner


def test_a_supervisor_sees_every_client_of_the_provider(client_record, vsp):
    supervisor = factories.member(vsp, "supervisor")
    assert client_record in visible_to(supervisor, Client)


def test_an_advocate_of_another_provider_sees_nothing(tf, client_record):
    other_vsp = factories.organization(tf, "Northwoods Advocacy Center")
    other_advocate = factories.member(other_vsp, "org_admin")
    assert not visible_to(other_advocate, Client).exists()
    with pytest.raises(NotVisible):
        access_client(other_advocate, client_record.pk)


def test_the_coordinator_sees_no_client(client_record, coordinator):
    assert not visible_to(coordinator, Client).exists()
    with pytest.raises(NotVisible):
        access_client(coordinator, client_record.pk)


def test_an_investigator_sees_only_the_shared_groups_while_the_consent_holds(client_record, police, detective, today):
    _consent(client_record, [police], today=today)
    actions.share_client(
        client_record, recipient=police, field_groups=["identity"], purpose="law_enforcement_coordination", acting_user=None
    )
    seen = access_client(detective, client_record.pk)
    assert seen.groups == {"identity"}
    assert not seen.is_owner
    with pytest.raises(NotPermitted):
        access_client(detective, client_record.pk, for_change=True)


def test_every_read_through_a_share_is_in_the_disclosure_log(client_record, police, detective, today):
    _consent(client_record, [police], today=today)
    actions.share_client(
        client_record, recipient=police, field_groups=["identity"], purpose="law_enforcement_coordination", acting_user=None
    )
    access_client(detective, client_record.pk)
    access_client(detective, client_record.pk)
    reads = DisclosureLog.objects.filter(object_id=str(client_record.pk))
    assert reads.count() == 2
    read = reads.first()
    assert (read.reader, read.recipient_organization, read.field_groups) == (detective, police, ["identity"])
    assert "consent #" in read.basis


def test_owners_reads_are_not_disclosures(client_record, advocate):
    access_client(advocate, client_record.pk)
    assert not DisclosureLog.objects.exists()


def test_revoking_the_consent_closes_the_share_at_once(client_record, police, detective, advocate, today):
    consent = _consent(client_record, [police], today=today)
    actions.share_client(
        client_record, recipient=police, field_groups=["identity"], purpose="law_enforcement_coordination", acting_user=None
    )
    assert access_client(detective, client_record.pk)
    actions.revoke_consent(consent, acting_user=advocate, note="client asked")
    with pytest.raises(NotVisible):
        access_client(_fresh(detective), client_record.pk)
    assert not visible_to(_fresh(detective), Client).exists()


def test_an_expired_consent_closes_the_share_the_next_day(client_record, police, detective, today):
    consent = _consent(client_record, [police], today=today)
    actions.share_client(
        client_record, recipient=police, field_groups=["identity"], purpose="law_enforcement_coordination", acting_user=None
    )
    Consent.objects.filter(pk=consent.pk).update(
        signed_on=today - dt.timedelta(days=30), expires_on=today - dt.timedelta(days=1)
    )
    with pytest.raises(NotVisible):
        access_client(detective, client_record.pk)


def test_a_share_to_named_readers_opens_nothing_to_their_colleagues(client_record, police, detective, today):
    partner = factories.member(police)
    _consent(client_record, [police], today=today)
    actions.share_client(
        client_record,
        recipient=police,
        field_groups=["identity"],
        purpose="law_enforcement_coordination",
        recipient_users=[detective],
        acting_user=None,
    )
    assert access_client(detective, client_record.pk)
    with pytest.raises(NotVisible):
        access_client(partner, client_record.pk)


def test_a_share_needs_a_consent_covering_recipient_groups_and_purpose(tf, client_record, police, today):
    other = factories.organization(tf, "County Sheriff", discipline="law_enforcement")
    _consent(client_record, [police], today=today)
    attempts = [
        dict(recipient=other, field_groups=["identity"], purpose="law_enforcement_coordination"),
        dict(recipient=police, field_groups=["contact_location"], purpose="law_enforcement_coordination"),
        dict(recipient=police, field_groups=["identity"], purpose="prosecution"),
    ]
    for attempt in attempts:
        with pytest.raises(InvalidInput, match="No consent"):
            actions.share_client(client_record, acting_user=None, **attempt)
    assert not client_record.shares.exists()


def test_a_consent_without_expiry_or_past_the_ceiling_is_refused(client_record, police, today):
    with pytest.raises(InvalidInput, match="time-limited"):
        _consent(client_record, [police], today=today, expires_on=None)
    with pytest.raises(InvalidInput, match="at most 365 days"):
        _consent(client_record, [police], today=today, expires_on=today + dt.timedelta(days=400))
    with pytest.raises(InvalidInput, match="Unknown field groups: passport"):
        _consent(client_record, [police], today=today, groups=["identity", "passport"])
    assert not Consent.objects.exists()


def test_a_minors_consent_needs_a_guardian_unless_the_minor_may_consent_alone(vsp, police, today):
    minor = actions.create_client(
        vsp, acting_user=None, legal_name="Teen Example", date_of_birth=today.replace(year=today.year - 15)
    )
    with pytest.raises(InvalidInput, match="parent or guardian must also sign"):
        _consent(minor, [police], today=today)
    assert _consent(minor, [police], today=today, guardian_name="Ana Example", guardian_relationship="aunt")
    assert _consent(minor, [police], today=today, minor_consents_alone_basis="State law on minors' shelter services")


def test_a_guardian_suspected_of_abuse_cannot_sign(vsp, police, today):
    minor = actions.create_client(vsp, acting_user=None, legal_name="Teen Example", minor_at_intake=True)
    with pytest.raises(InvalidInput, match="suspected of abusing"):
        _consent(minor, [police], today=today, guardian_name="X", guardian_suspected_abuser=True)


def test_colliding_edits_are_refused(client_record, advocate):
    opened_version = client_record.version
    actions.update_client(client_record, version=opened_version, preferred_name="Mari", acting_user=advocate)
    with pytest.raises(Conflict, match="Someone else changed"):
        actions.update_client(client_record, version=opened_version, phone="608-555-0000", acting_user=advocate)
    client_record.refresh_from_db()
    assert (client_record.preferred_name, client_record.phone) == ("Mari", "608-555-0142")


def test_dates_in_the_future_are_refused(vsp, today):
    with pytest.raises(InvalidInput, match="future"):
        actions.create_client(vsp, acting_user=None, legal_name="X", intake_date=today + dt.timedelta(days=2))


def test_clients_belong_to_victim_service_providers(police, detective):
    with pytest.raises(InvalidInput, match="victim-service"):
        actions.create_client(police, acting_user=detective, legal_name="X")


def test_the_audit_log_names_fields_not_values(client_record, advocate):
    actions.update_client(client_record, version=client_record.version, phone="608-555-0199", acting_user=advocate)
    texts = " ".join(str(e.changes) for e in AuditEvent.objects.filter(object_type="survivors.client"))
    assert "phone" in texts
    assert "Maria" not in texts and "555-0199" not in texts and "555-0142" not in texts


def test_nobody_outside_the_provider_changes_a_consent(client_record, police, detective, coordinator, today):
    consent = _consent(client_record, [police], today=today)
    for outsider in (detective, coordinator):
        with pytest.raises((NotVisible, NotPermitted)):
            actions.revoke_consent(consent, acting_user=outsider)
    consent.refresh_from_db()
    assert consent.revoked_at is None


def test_visible_clients_cost_the_same_queries_for_more_shares(client_record, vsp, police, detective, today, django_assert_max_num_queries):
    _consent(client_record, [police], today=today)
    for n in range(5):
        other = actions.create_client(vsp, acting_user=None, legal_name=f"Client {n}")
        _consent(other, [police], today=today)
        actions.share_client(other, recipient=police, field_groups=["identity"], purpose="law_enforcement_coordination", acting_user=None)
    with django_assert_max_num_queries(4):
        assert len(list(visible_to(detective, Client))) == 5


def test_timezone_now_is_used_for_revocation(client_record, police, advocate, today):
    consent = _consent(client_record, [police], today=today)
    before = timezone.now()
    actions.revoke_consent(consent, acting_user=advocate)
    consent.refresh_from_db()
    assert consent.revoked_at >= before


def test_values_come_from_the_vocabularies(vsp):
    with pytest.raises(InvalidInput, match="gender: unknown value Female"):
        actions.create_client(vsp, acting_user=None, legal_name="X", gender="Female")
    with pytest.raises(InvalidInput, match="methods of control"):
        actions.create_client(vsp, acting_user=None, legal_name="X", methods_of_control=["Threats", "Magic"])
    client = actions.create_client(
        vsp,
        acting_user=None,
        legal_name="X",
        gender="TransgenderFeminine",
        labor_industry="A_AgricultureForestryAndFishing",
        trafficking_status="PossibleVictimOfTrafficking",
    )
    assert client.case_status == "Active"
