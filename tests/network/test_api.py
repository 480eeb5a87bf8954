"""The provider network's API: the same actions and the same answers as the pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ally.network import actions
from ally.network.models import ClaimLine, ProviderProfile
from tests.api.token_client import Api
from tests.network.conftest import all_met, award, claim, services


def test_the_directory_answers_with_profiles_and_hides_a_confidential_street(shelter, shelter_admin, detective, today):
    actions.save_provider_profile(shelter, acting_user=None, services=["case_management"], languages=["Spanish"], zip_code="53703")
    (row,) = Api(detective).get("/providers", language="spanish", service="case_management").json()
    assert row["name"] == "Harbor House Shelter" and row["street"] is None
    assert row["county"] == "Dane" and row["latitude"] is not None
    assert row["vetting"] == {"valid": False, "outcome": None, "visited_on": None, "revisit_on": None}
    assert Api(shelter_admin).get(f"/providers/{shelter.pk}").json()["street"] == "12 Hidden Lane"
    assert Api(detective).get("/providers", service="medical").json() == []


def test_an_unknown_zip_code_is_a_400_and_nothing_changes(shelter, shelter_admin):
    response = Api(shelter_admin).patch(f"/providers/{shelter.pk}", {"zip_code": "00000", "hours": "9-5"})
    assert response.status_code == 400 and "00000" in response.json()["detail"]
    assert not ProviderProfile.objects.exists()
    saved = Api(shelter_admin).patch(f"/providers/{shelter.pk}", {"zip_code": "53703", "hours": "9-5"})
    assert saved.status_code == 200 and saved.json()["version"] == 1
    stale = Api(shelter_admin).patch(f"/providers/{shelter.pk}", {"hours": "10-6", "version": 0})
    assert stale.status_code == 409


def test_capacity_below_zero_is_a_400_and_nothing_changes(shelter, shelter_advocate):
    api = Api(shelter_advocate)
    assert api.post(f"/providers/{shelter.pk}/capacity", {"intake_capacity": 3}).json()["intake_capacity"] == 3
    response = api.post(f"/providers/{shelter.pk}/capacity", {"intake_capacity": -1})
    assert response.status_code == 400 and "below zero" in response.json()["detail"]
    assert ProviderProfile.objects.get().intake_capacity == 3


def test_vetting_through_the_api(shelter, south_navigator, north_navigator, today):
    body = {"visited_on": today.isoformat(), "answers": all_met(), "outcome": "approved",
            "revisit_on": today.replace(year=today.year + 1).isoformat()}
    assert Api(north_navigator).post(f"/providers/{shelter.pk}/vetting", body).status_code == 403
    made = Api(south_navigator).post(f"/providers/{shelter.pk}/vetting", body)
    assert made.status_code == 201 and made.json()["reviewer"] == "Sofia South"
    assert Api(south_navigator).get(f"/providers/{shelter.pk}").json()["vetting"]["valid"] is True
    assert Api(north_navigator).get(f"/providers/{shelter.pk}/vetting").status_code == 404
    checklist = Api(north_navigator).get("/vetting-checklist").json()
    assert len(checklist["items"]) == len(all_met())


def test_claims_through_the_api(shelter, shelter_admin, south_navigator, north_navigator, today):
    award(shelter, today, "100.00")
    first, second = services(shelter, today, "60.00", "45.50")
    admin = Api(shelter_admin)
    offered = admin.get(f"/providers/{shelter.pk}/claimable-services").json()
    assert [item["cost"] for item in offered["items"]] == ["45.50", "60.00"]
    body = {"period_start": (today - dt.timedelta(days=7)).isoformat(), "period_end": today.isoformat(), "service_ids": [first.pk]}
    made = admin.post(f"/providers/{shelter.pk}/claims", body)
    assert made.status_code == 201, made.json()
    assert made.json()["lines"][0]["client_id"] == first.client_id
    duplicate = admin.post(f"/providers/{shelter.pk}/claims", body)
    assert duplicate.status_code == 409 and "already claimed" in duplicate.json()["detail"]
    assert ClaimLine.objects.count() == 1
    claim_id = made.json()["id"]
    seen = Api(south_navigator).get(f"/claims/{claim_id}").json()
    assert seen["lines"][0]["client_id"] is None and seen["lines"][0]["service_id"] is None
    assert Api(north_navigator).get(f"/claims/{claim_id}").status_code == 404
    line_id = seen["lines"][0]["id"]
    assert Api(north_navigator).post(f"/claim-lines/{line_id}/decision", {"decision": "approved"}).status_code == 404
    assert admin.post(f"/claim-lines/{line_id}/decision", {"decision": "approved"}).status_code == 403
    decided = Api(south_navigator).post(f"/claim-lines/{line_id}/decision", {"decision": "approved"}).json()
    assert (decided["approved"], decided["sub_award_remaining"]) == ("60.00", "40.00")
    awards = admin.get(f"/providers/{shelter.pk}/sub-awards").json()
    assert awards[0]["remaining"] == "40.00"
    # The second service, on a claim of its own, does not fit what remains.
    line = claim(shelter, today, [second]).lines.get()
    over = Api(south_navigator).post(f"/claim-lines/{line.pk}/decision", {"decision": "approved"})
    assert over.status_code == 409 and "$40.00 remains" in over.json()["detail"]
    assert Decimal(Api(south_navigator).get("/claims", waiting=True).json()["items"][0]["pending"]) == Decimal("45.50")
