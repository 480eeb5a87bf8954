"""Referrals: sending, routing through a navigator, answering, the thread, and who sees what."""

from __future__ import annotations

import datetime as dt

import pytest

from ally.access.referrals import visible_referrals
from ally.access.survivors import today_in
from ally.audit.models import AuditEvent
from ally.core.errors import Conflict, InvalidInput, NotPermitted, NotVisible
from ally.notifications.models import Notification
from ally.referrals import actions
from ally.referrals.models import Referral, Status
from ally.survivors import actions as survivor_actions
from ally.survivors.models import Share
from tests import factories
from tests.conftest import client_for


def _person_referral(police, detective, **extra):
    values = {"services": ["emergency_shelter", "case_management"], "urgency": "urgent",
              "person": {"person_name": "Luz", "person_county": "Dane", "person_languages": "Spanish"}}
    return actions.send_referral(police, acting_user=detective, **(values | extra))


def test_an_encounter_goes_through_the_navigator_to_a_provider_who_answers(police, detective, north, navigator, shelter, intake):
    referral = _person_referral(police, detective, to_region=north)
    assert referral.in_queue and referral.status == Status.SENT
    assert Notification.objects.filter(user=navigator, link=f"/referrals/{referral.pk}/").exists()
    actions.assign(referral, shelter, acting_user=navigator)
    assert Notification.objects.filter(user=intake, kind="referral.received").exists()
    actions.acknowledge(referral, acting_user=intake)
    actions.accept(referral, acting_user=intake)
    referral.refresh_from_db()
    assert referral.status == Status.ACCEPTED and referral.to_organization == shelter
    assert [s.status for s in referral.steps.all()] == ["sent", "sent", "acknowledged", "accepted"]
    assert Notification.objects.filter(user=detective, title__contains="accepted").exists()
    assert AuditEvent.objects.filter(event_type__startswith="referral.").count() == 4


def test_acknowledging_twice_is_refused(police, detective, shelter, intake):
    referral = _person_referral(police, detective, to_organization=shelter)
    actions.acknowledge(referral, acting_user=intake)
    with pytest.raises(Conflict):
        actions.acknowledge(referral, acting_user=intake)
    assert Referral.objects.get().steps.count() == 2


@pytest.mark.parametrize("bad", [
    {"services": []},
    {"services": ["teleportation"]},
    {"urgency": "whenever"},
    {"to_organization": None},
    {"person": {"person_ssn": "123"}},
])
def test_bad_referrals_are_refused_and_nothing_is_saved(police, detective, shelter, bad):
    values = {"to_organization": shelter, **bad}
    with pytest.raises(InvalidInput):
        _person_referral(police, detective, **values)
    assert not Referral.objects.exists()


def test_a_referral_outside_the_task_force_is_refused(police, detective):
    elsewhere = factories.organization(factories.task_force("Elsewhere Task Force"), "Far Away Shelter")
    with pytest.raises(InvalidInput):
        _person_referral(police, detective, to_organization=elsewhere)
    assert not Referral.objects.exists()


def _consent(client, recipient, groups):
    today = today_in(client.task_force_id)
    return survivor_actions.record_consent(
        client, acting_user=None, recipients=[recipient], field_groups=groups, purposes=["referral_for_services"],
        signed_on=today, expires_on=today + dt.timedelta(days=60), signature_method="scanned_form",
    )


def test_a_clients_referral_carries_only_consented_groups(vsp, advocate, shelter, intake):
    maria = survivor_actions.create_client(vsp, acting_user=advocate, legal_name="Maria Example", phone="608-555-0100")
    _consent(maria, shelter, ["identity"])
    with pytest.raises(InvalidInput):
        actions.send_referral(vsp, acting_user=advocate, to_organization=shelter, client=maria,
                              field_groups=["identity", "contact_location"], services=["legal_immigration"] and ["civil_legal"], urgency="routine")
    assert not Referral.objects.exists() and not Share.objects.exists()
    referral = actions.send_referral(vsp, acting_user=advocate, to_organization=shelter, client=maria,
                                     field_groups=["identity"], services=["civil_legal"], urgency="routine")
    page = client_for(intake).get(f"/clients/{maria.pk}/").content.decode()
    assert "Maria Example" in page and "608-555-0100" not in page
    referral_page = client_for(intake).get(f"/referrals/{referral.pk}/").content.decode()
    assert "Maria" not in referral_page  # the referral itself carries no client data
    actions.decline(referral, acting_user=intake, reason="no_capacity")
    assert client_for(intake).get(f"/clients/{maria.pk}/").status_code == 404


def test_a_provider_declining_a_navigators_assignment_sends_it_back_to_the_queue(police, detective, north, navigator, shelter, intake):
    referral = _person_referral(police, detective, to_region=north)
    actions.assign(referral, shelter, acting_user=navigator)
    actions.decline(referral, acting_user=intake, reason="no_capacity", note="Full until Monday")
    referral.refresh_from_db()
    assert referral.in_queue and referral.status == Status.SENT and referral.decline_reason == "no_capacity"
    assert client_for(intake).get(f"/referrals/{referral.pk}/").status_code == 404
    assert "Full until Monday" in client_for(navigator).get(f"/referrals/{referral.pk}/").content.decode()


def test_only_the_sender_withdraws_and_only_the_recipient_answers(police, detective, shelter, intake):
    referral = _person_referral(police, detective, to_organization=shelter)
    with pytest.raises(NotPermitted):
        actions.withdraw(referral, acting_user=intake)
    with pytest.raises(NotPermitted):
        actions.accept(referral, acting_user=detective)
    actions.withdraw(referral, acting_user=detective, note="Found another shelter")
    with pytest.raises(Conflict):
        actions.accept(referral, acting_user=intake)


def test_who_sees_a_referral(tf, police, detective, shelter, intake, coordinator, vsp):
    referral = _person_referral(police, detective, to_organization=shelter)
    stranger = factories.member(vsp)
    assert list(visible_referrals(detective)) == [referral]
    assert list(visible_referrals(intake)) == [referral]
    assert not visible_referrals(stranger).exists() and not visible_referrals(coordinator).exists()
    assert client_for(coordinator).get(f"/referrals/{referral.pk}/").status_code == 404
    with pytest.raises(NotVisible):
        actions.acknowledge(referral, acting_user=stranger)


def test_the_thread_reaches_the_other_side(police, detective, shelter, intake):
    referral = _person_referral(police, detective, to_organization=shelter)
    client_for(intake).post(f"/referrals/{referral.pk}/messages/", {"text": "Can she come tonight?"})
    assert Notification.objects.filter(user=detective, kind="referral.message").exists()
    page = client_for(detective).get(f"/referrals/{referral.pk}/").content.decode()
    assert "Can she come tonight?" in page and "Ina Intake" in page


def test_the_pages_walk_the_answers(police, detective, shelter, intake):
    referral = _person_referral(police, detective, to_organization=shelter)
    browser = client_for(intake)
    assert "Acknowledge" in browser.get(f"/referrals/{referral.pk}/").content.decode()
    browser.post(f"/referrals/{referral.pk}/acknowledge/")
    browser.post(f"/referrals/{referral.pk}/accept/")
    browser.post(f"/referrals/{referral.pk}/start/")
    response = browser.post(f"/referrals/{referral.pk}/close/", {"outcome": ""}, follow=True)
    assert Referral.objects.get().status == Status.IN_SERVICE
    browser.post(f"/referrals/{referral.pk}/close/", {"outcome": "Housed, then moved to transitional housing"})
    assert Referral.objects.get().status == Status.CLOSED
    assert response.status_code == 200
    listing = client_for(detective).get("/referrals/?box=outgoing&show=all").content.decode()
    assert f"#{referral.pk}" in listing and "Closed" in listing
