"""Referring, accepting and declining; cases, defendants, charges, dispositions, court events."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ally.audit.models import AuditEvent
from ally.core.errors import Conflict, InvalidInput, NotPermitted, NotVisible
from ally.investigations.models import Dissemination
from ally.notifications.models import Notification
from ally.prosecutions import actions
from ally.prosecutions.models import (
    CaseStatus,
    CaseVictim,
    Charge,
    CourtEvent,
    Defendant,
    ProsecutionCase,
    ProsecutionReferral,
    ReferralStatus,
    Statute,
)
from ally.prosecutions.statutes import update_statute
from tests import factories

TODAY = timezone.localdate


@pytest.fixture
def referral(investigation, victim, detective, da):
    return actions.refer_for_prosecution(investigation, da, acting_user=detective, summary="Ready to charge.")


@pytest.fixture
def case(referral, prosecutor):
    return actions.accept_referral(referral, acting_user=prosecutor, number="2026CF000123", jurisdiction="state")


@pytest.fixture
def defendant(case, prosecutor, subject):
    return actions.add_defendant(case, acting_user=prosecutor, subject=subject)


def test_a_referral_is_logged_as_a_dissemination_and_reaches_the_office(prosecutor, referral, investigation, da):
    entry = Dissemination.objects.get(investigation=investigation)
    assert entry.to_organization == da
    note = Notification.objects.get(user=prosecutor, kind="prosecution.referral")
    assert investigation.number in note.title and note.link == f"/prosecutions/referrals/{referral.pk}/"
    assert AuditEvent.objects.filter(event_type="prosecution.referred").exists()


def test_one_pending_referral_per_office(referral, investigation, detective, da):
    with pytest.raises(Conflict):
        actions.refer_for_prosecution(investigation, da, acting_user=detective)
    assert ProsecutionReferral.objects.count() == 1


def test_only_the_owning_agency_refers_and_only_to_a_prosecutor(investigation, da, prosecutor, detective, vsp, tf):
    with pytest.raises(NotVisible):
        actions.refer_for_prosecution(investigation, da, acting_user=prosecutor)
    with pytest.raises(InvalidInput):
        actions.refer_for_prosecution(investigation, vsp, acting_user=detective)
    assert not ProsecutionReferral.objects.exists() and not Dissemination.objects.exists()


def test_accepting_opens_the_case_with_the_victims_and_marks_the_investigation(case, investigation, victim, detective, referral):
    investigation.refresh_from_db()
    referral.refresh_from_db()
    assert investigation.status == "referred" and referral.status == ReferralStatus.ACCEPTED
    assert case.investigation == investigation and case.referral == referral
    assert list(CaseVictim.objects.filter(case=case).values_list("victim_id", flat=True)) == [victim.pk]
    assert Notification.objects.filter(user=detective, kind="prosecution.decision", title__contains="accepted").exists()


def test_only_the_office_decides(referral, detective):
    with pytest.raises(NotPermitted):
        actions.accept_referral(referral, acting_user=detective, number="X1", jurisdiction="state")
    assert not ProsecutionCase.objects.exists()


def test_declining_needs_a_reason(referral, prosecutor, detective):
    with pytest.raises(InvalidInput):
        actions.decline_referral(referral, acting_user=prosecutor, reason="")
    with pytest.raises(InvalidInput):
        actions.decline_referral(referral, acting_user=prosecutor, reason="because")
    with pytest.raises(InvalidInput):
        actions.decline_referral(referral, acting_user=prosecutor, reason="other")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.PENDING
    actions.decline_referral(referral, acting_user=prosecutor, reason="insufficient_evidence")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DECLINED and referral.decline_reason == "insufficient_evidence"
    assert Notification.objects.filter(user=detective, title__contains="declined").exists()
    with pytest.raises(Conflict):
        actions.accept_referral(referral, acting_user=prosecutor, number="X1", jurisdiction="state")


def test_withdrawing(referral, detective, prosecutor):
    with pytest.raises(NotPermitted):
        actions.withdraw_referral(referral, acting_user=prosecutor)
    actions.withdraw_referral(referral, acting_user=detective)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.WITHDRAWN


def test_a_charge_under_an_unknown_or_inactive_statute_is_refused_and_nothing_changes(defendant, prosecutor, coordinator, case):
    version = ProsecutionCase.objects.get(pk=case.pk).version
    for statute in ("18 U.S.C. § 9999", "", "Tex. Penal Code § 20A.02"):  # TX is not a state of this task force
        with pytest.raises(InvalidInput, match="Unknown statute"):
            actions.file_charge(defendant, acting_user=prosecutor, statute=statute, filed_on=TODAY())
    retired = Statute.objects.get(task_force=case.task_force, citation="Wis. Stat. § 940.302")
    update_statute(retired, acting_user=coordinator, is_active=False)
    with pytest.raises(InvalidInput, match="Unknown statute"):
        actions.file_charge(defendant, acting_user=prosecutor, statute=retired, filed_on=TODAY())
    elsewhere = Statute.objects.create(task_force=factories.task_force("Elsewhere"), citation="X § 1", title="X",
                                       jurisdiction="state", state="WI", category="trafficking")
    with pytest.raises(InvalidInput, match="Unknown statute"):
        actions.file_charge(defendant, acting_user=prosecutor, statute=elsewhere, filed_on=TODAY())
    assert not Charge.objects.exists()
    current = ProsecutionCase.objects.get(pk=case.pk)
    assert current.version == version and current.status == CaseStatus.PRE_CHARGE
    assert not AuditEvent.objects.filter(event_type="prosecution.charge_filed").exists()


def test_charges_dispositions_and_sentences(defendant, prosecutor, case):
    charge = actions.file_charge(defendant, acting_user=prosecutor, statute="18 U.S.C. § 1591", counts=2, filed_on=TODAY())
    assert charge.statute.category == "trafficking"
    assert ProsecutionCase.objects.get(pk=case.pk).status == CaseStatus.CHARGED
    with pytest.raises(InvalidInput):
        actions.record_disposition(charge, acting_user=prosecutor, disposition="dismissed", on=TODAY(), sentence_months=12)
    with pytest.raises(InvalidInput):
        actions.record_disposition(charge, acting_user=prosecutor, disposition="convicted", on=TODAY() - dt.timedelta(days=5))
    with pytest.raises(InvalidInput):
        actions.record_disposition(charge, acting_user=prosecutor, disposition="pending", on=TODAY())
    charge.refresh_from_db()
    assert charge.disposition == "pending"
    actions.record_disposition(charge, acting_user=prosecutor, disposition="convicted", on=TODAY(), sentence_months=180,
                               sentence_note="Lifetime supervised release")
    charge.refresh_from_db()
    assert charge.disposition == "convicted" and charge.sentence_months == 180


def test_a_defendant_must_be_a_subject_of_the_case_investigation(case, prosecutor, police, detective):
    from ally.investigations import actions as investigation_actions

    other = investigation_actions.open_investigation(police, acting_user=detective, title="Other", trafficking_type="labor",
                                                     suspicion_basis="Tip.")
    stranger, _hits = investigation_actions.add_subject(other, acting_user=detective, family_name="Elsewhere")
    with pytest.raises(InvalidInput):
        actions.add_defendant(case, acting_user=prosecutor, subject=stranger)
    with pytest.raises(InvalidInput):
        actions.add_defendant(case, acting_user=prosecutor, given_name="No", family_name="")
    assert not Defendant.objects.exists()
    named = actions.add_defendant(case, acting_user=prosecutor, given_name="Jo", family_name="Doe", date_of_birth="1979-01-02")
    assert str(named) == "Jo Doe"


def test_optimistic_locking_on_the_case(case, prosecutor):
    updated = actions.update_case(case, acting_user=prosecutor, version=case.version, court="Dane County Circuit Court")
    with pytest.raises(Conflict):
        actions.update_case(case, acting_user=prosecutor, version=case.version, court="Other")
    assert ProsecutionCase.objects.get(pk=case.pk).court == "Dane County Circuit Court"
    closed = actions.update_case(updated, acting_user=prosecutor, version=updated.version, status="closed")
    assert closed.closed_on == TODAY() or closed.closed_on is not None


def test_the_law_enforcement_agency_cannot_change_the_case(case, detective, outsider):
    with pytest.raises(NotPermitted):
        actions.schedule_court_event(case, acting_user=detective, kind="trial", starts_at=timezone.now(), place="Court")
    other_office = factories.organization(case.task_force, "US Attorney", discipline="prosecution", jurisdiction="federal")
    ausa = factories.member(other_office)
    with pytest.raises(NotVisible):
        actions.update_case(case, acting_user=ausa, version=case.version, court="x")
    assert not CourtEvent.objects.exists()


def test_court_events_refuse_bad_input(case, prosecutor):
    for bad in ({"kind": "party"}, {"place": ""}, {"starts_at": "soon"}):
        values = {"kind": "trial", "starts_at": timezone.now(), "place": "Room 2", **bad}
        with pytest.raises(InvalidInput):
            actions.schedule_court_event(case, acting_user=prosecutor, **values)
    assert not CourtEvent.objects.exists()
    event = actions.schedule_court_event(case, acting_user=prosecutor, kind="trial", starts_at="2027-01-12T09:30", place="Room 2")
    assert timezone.is_aware(event.starts_at)
    actions.cancel_court_event(event, acting_user=prosecutor, reason="Continued")
    with pytest.raises(Conflict):
        actions.change_court_event(event, acting_user=prosecutor, place="Room 3")


def test_an_office_opens_its_own_case(da, prosecutor, detective, police):
    case = actions.open_case(da, acting_user=prosecutor, number="2026CF7", jurisdiction="federal")
    assert case.investigation is None and case.organization == da
    with pytest.raises(Conflict):
        actions.open_case(da, acting_user=prosecutor, number="2026cf7", jurisdiction="federal")
    with pytest.raises(NotPermitted):
        actions.open_case(da, acting_user=detective, number="2026CF8", jurisdiction="state")
    with pytest.raises(InvalidInput):
        actions.open_case(police, acting_user=None, number="2026CF9", jurisdiction="state")


def test_audit_events_carry_no_names(defendant, prosecutor, case):
    actions.file_charge(defendant, acting_user=prosecutor, statute="Wis. Stat. § 940.302", filed_on=TODAY())
    text = str(list(AuditEvent.objects.filter(event_type__startswith="prosecution.").values_list("changes", flat=True)))
    assert "Trafficker" not in text and "Rex" not in text and "Luz" not in text
