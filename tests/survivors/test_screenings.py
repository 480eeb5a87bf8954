"""Screenings: recorded by any member organization, linked only within it, never shared."""

from __future__ import annotations

import pytest

from ally.audit.models import AuditEvent
from ally.core.errors import InvalidInput, NotPermitted, NotVisible
from ally.survivors import actions
from ally.survivors.models import Screening
from ally.survivors.screenings import (
    access_screening,
    link_screening,
    record_screening,
    visible_screenings,
)
from tests import factories
from tests.survivors.test_screening_instrument import ALL_NO

STRONG_LABOR = {**ALL_NO, "documents_held": "yes", "could_quit": "no", "owes_money": "yes"}


@pytest.fixture
def hotline(tf):
    return factories.organization(tf, "Lakeshore Crisis Line", discipline="community")


@pytest.fixture
def call_taker(hotline):
    return factories.member(hotline, "member", full_name="Cal Caller")


@pytest.fixture
def client_record(vsp, advocate):
    return actions.create_client(vsp, acting_user=advocate, legal_name="Maria Example")


def _screen(org, user, answers=None, **kw):
    kw.setdefault("language", "en")
    return record_screening(
        org, instrument_id="ally-screening", answers=answers or STRONG_LABOR, acting_user=user, **kw
    )


def test_it_records_a_crisis_call_without_a_client(hotline, call_taker):
    screening = _screen(hotline, call_taker, reference="Call 14 Nov, 2:30 pm")
    screening.refresh_from_db()
    assert screening.client is None
    assert screening.instrument_version == 1
    assert screening.result["suggested_level"]["labor"] == "strong_indicators"
    assert "ilo_retention_of_identity_documents" in screening.result["by_domain"]["labor"]
    assert screening.answers["documents_held"] == "yes"


def test_the_audit_event_names_fields_not_answers(hotline, call_taker):
    screening = _screen(hotline, call_taker)
    event = AuditEvent.objects.get(event_type="screening.recorded", object_id=str(screening.pk))
    assert "yes" not in str(event.changes)
    assert "strong" not in str(event.changes)


def test_a_bad_answer_is_refused_naming_the_question(hotline, call_taker):
    with pytest.raises(InvalidInput, match="documents_held"):
        _screen(hotline, call_taker, answers={**ALL_NO, "documents_held": "maybe"})
    with pytest.raises(InvalidInput, match="no_such_question"):
        _screen(hotline, call_taker, answers={"no_such_question": "yes"})
    assert not Screening.objects.exists()


def test_an_unknown_instrument_or_language_is_refused(hotline, call_taker):
    with pytest.raises(InvalidInput, match="no such screening instrument"):
        record_screening(
            hotline, instrument_id="nope", language="en", answers={}, acting_user=call_taker
        )
    with pytest.raises(InvalidInput, match="available in"):
        _screen(hotline, call_taker, language="fr")


def test_only_members_screen_for_an_organization(hotline, detective):
    with pytest.raises(NotPermitted):
        _screen(hotline, detective)


def test_a_screening_links_to_a_client_of_the_same_organization(vsp, advocate, client_record):
    screening = _screen(vsp, advocate)
    linked = link_screening(screening, client_record, acting_user=advocate)
    assert linked.client == client_record
    assert linked.linked_at is not None
    assert AuditEvent.objects.filter(event_type="screening.linked").count() == 1


def test_a_screening_is_never_attached_across_organizations(
    hotline, call_taker, client_record, advocate
):
    screening = _screen(hotline, call_taker)
    with pytest.raises(InvalidInput, match="only be linked to a client of Lakeshore Crisis Line"):
        link_screening(screening, client_record, acting_user=None)
    with pytest.raises(InvalidInput, match="never attached"):
        record_screening(
            hotline,
            instrument_id="ally-screening",
            language="en",
            answers=ALL_NO,
            client=client_record,
            acting_user=None,
        )
    screening.refresh_from_db()
    assert screening.client is None


def test_members_see_their_organizations_unlinked_screenings_only(
    hotline, call_taker, vsp, advocate
):
    call = _screen(hotline, call_taker)
    colleague = factories.member(hotline)
    assert list(visible_screenings(colleague)) == [call]
    assert not visible_screenings(advocate).exists()
    with pytest.raises(NotVisible):
        access_screening(advocate, call.pk)


def test_a_linked_screening_follows_the_clients_owner_rule(vsp, advocate, client_record):
    screening = _screen(vsp, advocate, client=client_record)
    unassigned = factories.member(vsp)
    supervisor = factories.member(vsp, "supervisor")
    assert screening in visible_screenings(advocate)
    assert screening in visible_screenings(supervisor)
    assert screening not in visible_screenings(unassigned)


def test_a_share_of_the_client_does_not_carry_its_screenings(
    vsp, advocate, client_record, police, detective
):
    import datetime as dt

    from ally.access.survivors import access_client, today_in

    _screen(vsp, advocate, client=client_record)
    today = today_in(vsp.task_force_id)
    actions.record_consent(
        client_record,
        acting_user=None,
        recipients=[police],
        field_groups=["identity"],
        purposes=["law_enforcement_coordination"],
        signed_on=today,
        expires_on=today + dt.timedelta(days=30),
        signature_method="scanned_form",
    )
    actions.share_client(
        client_record,
        recipient=police,
        field_groups=["identity"],
        purpose="law_enforcement_coordination",
        acting_user=None,
    )
    assert access_client(detective, client_record.pk)
    assert not visible_screenings(detective).exists()
