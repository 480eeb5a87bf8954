"""The referrals API: sending, answering, the thread, the navigator's ranking and timeliness,
through a personal token — the same rules as the referral pages."""

from __future__ import annotations

import datetime as dt

import pytest

from ally.access.survivors import today_in
from ally.network.actions.profiles import save_provider_profile, update_intake_capacity
from ally.referrals.models import Referral, ReferralMessage
from ally.survivors import actions as survivor_actions
from ally.survivors.models import Share
from tests import factories
from tests.api.token_client import Api


@pytest.fixture
def north(tf):
    return factories.region(tf, "North", counties=["Dane", "Columbia"])


@pytest.fixture
def shelter(tf, north):
    shelter = factories.organization(tf, "North Star Shelter", discipline="victim_services", regions_served=[north])
    save_provider_profile(shelter, acting_user=None, services=["emergency_shelter", "case_management"],
                          languages=["Spanish"], zip_code="53703", populations=["adults"])
    update_intake_capacity(shelter, acting_user=None, capacity=3)
    return shelter


@pytest.fixture
def intake(shelter):
    return factories.member(shelter, full_name="Ina Intake")


@pytest.fixture
def navigator(tf, north):
    navigator = factories.person("Nia Navigator")
    factories.role(tf, "navigator", navigator, regions=[north])
    return navigator


def _send(api, **body):
    values = {"services": ["emergency_shelter"], "urgency": "urgent",
              "person": {"person_name": "Luz", "person_county": "Dane", "person_languages": "Spanish"}}
    return api.post("/referrals", values | body)


def test_a_referral_through_the_navigator_from_sending_to_closing(tf, police, as_detective, north, navigator, shelter, intake):
    tf.states = ["WI"]
    tf.save()
    sent = _send(as_detective, to_region_id=north.pk, note="Met at the bus station")
    assert sent.status_code == 201, sent.content
    referral = sent.json()
    assert referral["in_queue"] and referral["status"] == "sent" and referral["about"] == "person"
    assert referral["person"]["person_name"] == "Luz" and referral["sides"] == ["sender"]
    assert referral["from_organization"]["id"] == police.pk and referral["client_id"] is None
    pk = referral["id"]
    as_navigator, as_intake = Api(navigator), Api(intake)

    queue = as_navigator.get("/referrals", box="queue").json()
    assert [r["id"] for r in queue["items"]] == [pk] and queue["count"] == 1
    matches = as_navigator.get(f"/referrals/{pk}/matches")
    assert matches.status_code == 200, matches.content
    best = matches.json()[0]
    assert best["organization"]["id"] == shelter.pk and best["score"] > 0
    assert any("Serves Dane County" in reason for reason in best["reasons"])
    assert as_intake.get(f"/referrals/{pk}").status_code == 404  # not theirs until assigned

    assigned = as_navigator.post(f"/referrals/{pk}/assign", {"to_organization_id": shelter.pk})
    assert assigned.status_code == 200, assigned.content
    assert assigned.json()["to_organization"]["id"] == shelter.pk and not assigned.json()["in_queue"]
    assert as_navigator.get(f"/referrals/{pk}/matches").status_code == 409  # no longer in the queue

    incoming = as_intake.get("/referrals").json()
    assert [r["id"] for r in incoming["items"]] == [pk]
    for step, body in [("acknowledge", None), ("accept", None), ("start", None), ("close", {"outcome": "Housed for 30 days"})]:
        answer = as_intake.post(f"/referrals/{pk}/{step}", body)
        assert answer.status_code == 200, (step, answer.content)
    posted = as_intake.post(f"/referrals/{pk}/messages", {"text": "She is settled in."})
    assert posted.status_code == 201 and posted.json()["organization"]["id"] == shelter.pk

    seen = as_detective.get(f"/referrals/{pk}").json()
    assert seen["status"] == "closed" and seen["outcome"] == "Housed for 30 days"
    assert [s["status"] for s in seen["steps"]] == ["sent", "sent", "acknowledged", "accepted", "in_service", "closed"]
    assert [m["text"] for m in as_detective.get(f"/referrals/{pk}/messages").json()] == ["She is settled in."]
    assert as_detective.get("/referrals", box="outgoing").json()["count"] == 0  # closed is not open
    assert as_detective.get("/referrals", box="outgoing", status="all").json()["count"] == 1


def test_acknowledging_twice_is_a_conflict(police, as_detective, shelter, intake):
    pk = _send(as_detective, to_organization_id=shelter.pk).json()["id"]
    as_intake = Api(intake)
    assert as_intake.post(f"/referrals/{pk}/acknowledge").status_code == 200
    again = as_intake.post(f"/referrals/{pk}/acknowledge")
    assert again.status_code == 409 and "already acknowledged" in again.json()["detail"]
    assert Referral.objects.get().steps.count() == 2


def test_the_wrong_side_is_refused_and_a_stranger_sees_nothing(tf, police, as_detective, shelter, intake, vsp, coordinator):
    pk = _send(as_detective, to_organization_id=shelter.pk).json()["id"]
    assert as_detective.post(f"/referrals/{pk}/accept").status_code == 403  # the sender does not answer
    assert Api(intake).post(f"/referrals/{pk}/withdraw", {"note": "no"}).status_code == 403
    assert as_detective.get(f"/referrals/{pk}/matches").status_code == 403  # navigators only
    for stranger in (factories.member(vsp), coordinator):
        api = Api(stranger)
        assert api.get(f"/referrals/{pk}").status_code == 404
        assert api.post(f"/referrals/{pk}/acknowledge").status_code == 404
        assert api.get(f"/referrals/{pk}/messages").status_code == 404
    assert Referral.objects.get().status == "sent"
    assert Api(coordinator).get("/referral-timeliness").status_code == 200
    assert as_detective.get("/referral-timeliness").status_code == 403


@pytest.mark.parametrize("bad", [
    {"services": []},
    {"urgency": "whenever"},
    {"to_organization_id": None},
    {"person": {"person_name": "x" * 200}},
])
def test_bad_input_is_refused_and_nothing_is_saved(police, as_detective, shelter, bad):
    response = _send(as_detective, **({"to_organization_id": shelter.pk} | bad))
    assert response.status_code == 400, response.content
    assert not Referral.objects.exists()


def test_a_clients_referral_needs_a_covering_consent_and_carries_no_client_data(vsp, advocate, as_advocate, shelter, intake):
    maria = survivor_actions.create_client(vsp, acting_user=advocate, legal_name="Maria Example", phone="608-555-0100")
    body = {"to_organization_id": shelter.pk, "client_id": maria.pk, "field_groups": ["identity"],
            "services": ["civil_legal"], "urgency": "routine"}
    refused = as_advocate.post("/referrals", body)
    assert refused.status_code == 400, refused.content
    assert not Referral.objects.exists() and not Share.objects.exists()

    today = today_in(maria.task_force_id)
    survivor_actions.record_consent(
        maria, acting_user=None, recipients=[shelter], field_groups=["identity"], purposes=["referral_for_services"],
        signed_on=today, expires_on=today + dt.timedelta(days=60), signature_method="scanned_form",
    )
    sent = as_advocate.post("/referrals", body)
    assert sent.status_code == 201, sent.content
    seen = Api(intake).get(f"/referrals/{sent.json()['id']}")
    assert seen.status_code == 200
    assert seen.json()["client_id"] == maria.pk and seen.json()["share_open"] is True and seen.json()["person"] is None
    assert "Maria" not in seen.content.decode() and "608-555" not in seen.content.decode()


def test_matches_are_for_the_navigator_only(police, as_detective, north, navigator, shelter, intake, coordinator):
    pk = _send(as_detective, to_region_id=north.pk).json()["id"]
    assert Api(navigator).get(f"/referrals/{pk}/matches").status_code == 200
    assert as_detective.get(f"/referrals/{pk}/matches").status_code == 403
    assert Api(intake).get(f"/referrals/{pk}/matches").status_code == 404
    assert Api(coordinator).get(f"/referrals/{pk}/matches").status_code == 404


def test_a_message_reaches_the_thread(police, as_detective, shelter, intake):
    pk = _send(as_detective, to_organization_id=shelter.pk).json()["id"]
    assert as_detective.post(f"/referrals/{pk}/messages", {"text": "  "}).status_code == 400
    assert as_detective.post(f"/referrals/{pk}/messages", {"text": "Can she come tonight?"}).status_code == 201
    assert [m["text"] for m in Api(intake).get(f"/referrals/{pk}/messages").json()] == ["Can she come tonight?"]
    assert ReferralMessage.objects.count() == 1
