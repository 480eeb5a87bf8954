"""Compelled disclosure, the survivor's notification task, and the disclosure report."""

from __future__ import annotations

import datetime as dt

import pytest

from ally.access.survivors import access_client, today_in
from ally.audit.models import AuditEvent, DisclosureLog
from ally.core.errors import Conflict, InvalidInput, NotPermitted, NotVisible
from ally.survivors import actions
from ally.survivors.disclosures import (
    complete_notification_task,
    disclosure_report,
    record_compelled_disclosure,
)
from ally.survivors.models import CompelledDisclosure, NotifySurvivorTask
from tests import factories


@pytest.fixture
def today(tf):
    return today_in(tf.pk)


@pytest.fixture
def client_record(vsp, advocate):
    return actions.create_client(vsp, acting_user=advocate, legal_name="Maria Example")


@pytest.fixture
def shared(client_record, police, today):
    actions.record_consent(
        client_record,
        acting_user=None,
        recipients=[police],
        field_groups=["identity", "trafficking_details"],
        purposes=["law_enforcement_coordination"],
        signed_on=today,
        expires_on=today + dt.timedelta(days=90),
        signature_method="scanned_form",
    )
    return actions.share_client(
        client_record,
        recipient=police,
        field_groups=["identity"],
        purpose="law_enforcement_coordination",
        acting_user=None,
    )


def _compel(client, user, today, **overrides):
    values = dict(
        legal_basis="court_order",
        citation="Dane County Case 2025CF1234, order of 3 March",
        field_groups=["identity", "contact_location"],
        recipient="Dane County Circuit Court",
        disclosed_on=today,
        description="Name and last known address",
        acting_user=user,
    )
    values.update(overrides)
    return record_compelled_disclosure(client, **values)


def test_an_org_admin_records_a_compelled_disclosure(client_record, vsp_admin, advocate, today):
    disclosure = _compel(client_record, vsp_admin, today)
    log = DisclosureLog.objects.get(object_id=str(client_record.pk))
    assert log.basis == "compelled: court_order"
    assert log.field_groups == ["contact_location", "identity"]
    assert disclosure.disclosure_log == log
    task = NotifySurvivorTask.objects.get(compelled_disclosure=disclosure)
    assert list(task.assigned_to.all()) == [advocate]
    assert task.due_on == today + dt.timedelta(days=3)
    event = AuditEvent.objects.get(event_type="compelled_disclosure.recorded")
    assert "Circuit Court" not in str(event.changes)


def test_without_advocates_the_task_goes_to_the_org_admins(vsp, vsp_admin, today):
    client = actions.create_client(vsp, acting_user=None, legal_name="Nobody Assigned")
    disclosure = _compel(client, vsp_admin, today)
    assert list(disclosure.notify_tasks.get().assigned_to.all()) == [vsp_admin]


def test_an_advocate_or_an_outsider_cannot_record_one(client_record, advocate, detective, today):
    with pytest.raises(NotPermitted):
        _compel(client_record, advocate, today)
    with pytest.raises(NotVisible):
        _compel(client_record, detective, today)
    assert not CompelledDisclosure.objects.exists()


def test_bad_input_is_refused_and_nothing_is_saved(client_record, vsp_admin, today):
    attempts = [
        (dict(legal_basis="hunch"), "Legal basis"),
        (dict(citation=" "), "Cite"),
        (dict(field_groups=["passport"]), "Unknown field groups: passport"),
        (dict(recipient=""), "to whom"),
        (dict(disclosed_on=today + dt.timedelta(days=1)), "future"),
    ]
    for overrides, message in attempts:
        with pytest.raises(InvalidInput, match=message):
            _compel(client_record, vsp_admin, today, **overrides)
    assert not DisclosureLog.objects.exists()
    assert not NotifySurvivorTask.objects.exists()


def test_the_advocate_completes_the_notification_task(client_record, vsp_admin, advocate, today):
    task = _compel(client_record, vsp_admin, today).notify_tasks.get()
    with pytest.raises(InvalidInput, match="how the notification went"):
        complete_notification_task(task, outcome=" ", acting_user=advocate)
    complete_notification_task(
        task, outcome="Told her in person at the office", acting_user=advocate
    )
    task.refresh_from_db()
    assert (task.done_by, task.outcome) == (advocate, "Told her in person at the office")
    with pytest.raises(Conflict):
        complete_notification_task(task, outcome="again", acting_user=advocate)
    event = AuditEvent.objects.get(event_type="compelled_disclosure.survivor_notified")
    assert "in person" not in str(event.changes)


def test_the_report_lists_the_investigators_read(
    client_record, shared, advocate, detective, police
):
    access_client(detective, client_record.pk)
    report = disclosure_report(advocate, client_record, language="en")
    [row] = report.rows
    assert (row.kind, row.person, row.organization) == ("read", "Dana Detective", police.name)
    assert row.field_groups == ("Identity",)
    assert row.consent_id == shared.consent_id
    assert str(row.when.tzinfo) == "America/Chicago"
    [share] = report.shares
    assert (share.organization, share.field_groups) == (police.name, ("Identity",))


def test_the_report_shows_compelled_disclosures_newest_first(
    client_record, shared, vsp_admin, detective, advocate, today
):
    access_client(detective, client_record.pk)
    _compel(client_record, vsp_admin, today)
    rows = disclosure_report(advocate, client_record).rows
    assert [r.kind for r in rows] == ["compelled", "read"]
    assert rows[0].organization == "Dane County Circuit Court"
    assert "Court order" in rows[0].basis


def test_only_the_owning_organization_gets_the_report(tf, client_record, shared, detective):
    with pytest.raises(NotPermitted):
        disclosure_report(detective, client_record)
    stranger = factories.member(
        factories.organization(tf, "Northwoods Advocacy Center"), "org_admin"
    )
    with pytest.raises(NotVisible):
        disclosure_report(stranger, client_record)
    # Asking for the report is not itself a disclosure.
    assert not DisclosureLog.objects.exists()


def test_a_revoked_share_is_no_longer_listed_but_past_reads_are(
    client_record, shared, advocate, detective
):
    access_client(detective, client_record.pk)
    actions.revoke_share(shared, acting_user=advocate)
    report = disclosure_report(advocate, client_record)
    assert report.shares == []
    assert len(report.rows) == 1


def test_the_report_in_spanish_names_field_groups_in_spanish(
    client_record, shared, advocate, detective
):
    access_client(detective, client_record.pk)
    [row] = disclosure_report(advocate, client_record, language="es").rows
    assert row.field_groups == ("Identidad",)
