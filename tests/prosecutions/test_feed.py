"""The legal-status feed: a court event reaches the advocate only when the consent link exists."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ally.notifications.models import Notification
from ally.prosecutions import actions
from ally.prosecutions.feed import advocates_to_tell
from ally.survivors import actions as survivor_actions
from ally.survivors.models import Consent
from tests import factories
from tests.prosecutions.conftest import consent_and_share


@pytest.fixture
def case(investigation, victim, detective, da, prosecutor):
    referral = actions.refer_for_prosecution(investigation, da, acting_user=detective, summary="Ready to charge.")
    return actions.accept_referral(referral, acting_user=prosecutor, number="2026CF000123", jurisdiction="state")


def _schedule(case, prosecutor):
    return actions.schedule_court_event(
        case, acting_user=prosecutor, kind="sentencing", starts_at=timezone.now() + dt.timedelta(days=30),
        place="Courtroom 4B", victim_testimony_expected=True,
    )


def _legal_status(user):
    return Notification.objects.filter(user=user, kind="prosecution.legal_status")


def test_a_court_event_reaches_the_advocate_when_the_victim_is_linked_by_consent(linked, case, prosecutor, advocate, maria):
    _schedule(case, prosecutor)
    notes = list(_legal_status(advocate).filter(title__startswith="Court event scheduled"))
    assert len(notes) == 1, "the advocate hears of the court event"
    note = notes[0]
    assert note.link == f"/clients/{maria.pk}/legal-status/"
    assert "sentencing" in note.title and f"#{maria.pk}" in note.title
    assert "Maria" not in note.title and "Luz" not in note.title and "Courtroom" not in note.title


def test_no_link_no_news(case, prosecutor, advocate, maria, police):
    consent_and_share(maria, police)  # shared, but the agency never linked its victim to the client
    _schedule(case, prosecutor)
    assert not _legal_status(advocate).filter(title__startswith="Court event").exists()


def test_a_revoked_share_silences_the_feed(linked, case, prosecutor, advocate):
    _consent, share = linked
    survivor_actions.revoke_share(share, acting_user=None)
    _schedule(case, prosecutor)
    assert not _legal_status(advocate).filter(title__startswith="Court event").exists()


def test_a_revoked_consent_silences_the_feed(linked, case, prosecutor, advocate):
    consent, _share = linked
    survivor_actions.revoke_consent(consent, acting_user=None)
    _schedule(case, prosecutor)
    assert not _legal_status(advocate).filter(title__startswith="Court event").exists()


def test_an_expired_consent_silences_the_feed(linked, case, prosecutor, advocate):
    consent, _share = linked
    Consent.objects.filter(pk=consent.pk).update(expires_on=timezone.localdate() - dt.timedelta(days=3),
                                                 signed_on=timezone.localdate() - dt.timedelta(days=90))
    _schedule(case, prosecutor)
    assert not _legal_status(advocate).filter(title__startswith="Court event").exists()


def test_without_an_assigned_advocate_the_supervisors_hear(linked, case, prosecutor, advocate, maria, vsp):
    supervisor = factories.member(vsp, "supervisor", full_name="Sue Supervisor")
    maria.advocates.clear()
    assert [u.pk for u in advocates_to_tell([case.victims.get().victim])] == [supervisor.pk]
    _schedule(case, prosecutor)
    scheduled = "Court event scheduled"
    assert _legal_status(supervisor).filter(title__startswith=scheduled).exists()
    assert not _legal_status(advocate).filter(title__startswith=scheduled).exists()


def test_changes_cancellations_charges_and_status_reach_the_advocate(linked, case, prosecutor, advocate, subject):
    event = _schedule(case, prosecutor)
    actions.change_court_event(event, acting_user=prosecutor, starts_at=event.starts_at + dt.timedelta(days=2))
    actions.cancel_court_event(event, acting_user=prosecutor, reason="Judge unavailable")
    defendant = actions.add_defendant(case, acting_user=prosecutor, subject=subject)
    charge = actions.file_charge(defendant, acting_user=prosecutor, statute="Wis. Stat. § 940.302", filed_on=timezone.localdate())
    actions.record_disposition(charge, acting_user=prosecutor, disposition="plea", on=timezone.localdate(), sentence_months=96)
    titles = " | ".join(_legal_status(advocate).values_list("title", flat=True))
    for expected in ("Court event scheduled", "Court event changed", "Court event cancelled", "940.302", "pleaded guilty"):
        assert expected in titles
    assert "Trafficker" not in titles and "Rex" not in titles


def test_the_investigation_status_change_reaches_the_advocate_on_acceptance(linked, investigation, da, detective, prosecutor, advocate):
    referral = actions.refer_for_prosecution(investigation, da, acting_user=detective)
    actions.accept_referral(referral, acting_user=prosecutor, number="2026CF9", jurisdiction="state")
    assert _legal_status(advocate).filter(title__contains="prosecution case was opened").exists()
