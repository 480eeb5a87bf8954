"""Ranking providers for a navigator, with the reasons shown."""

from __future__ import annotations

from ally.network.actions.profiles import save_provider_profile, update_intake_capacity
from ally.referrals import actions
from ally.referrals.matching import rank_for
from tests import factories


def test_providers_rank_by_services_county_capacity_and_language(tf, police, detective, north, navigator, shelter):
    tf.states = ["WI"]
    tf.save()
    far = factories.organization(tf, "Far North Center")
    wrong = factories.organization(tf, "Legal Aid Only")
    save_provider_profile(shelter, acting_user=None, services=["emergency_shelter", "case_management"],
                          languages=["Spanish"], zip_code="53703", populations=["adults", "minors"])
    update_intake_capacity(shelter, acting_user=None, capacity=2)
    save_provider_profile(far, acting_user=None, services=["emergency_shelter"], zip_code="54806")
    update_intake_capacity(far, acting_user=None, capacity=0)
    save_provider_profile(wrong, acting_user=None, services=["civil_legal"], zip_code="53703")
    referral = actions.send_referral(
        police, acting_user=detective, to_region=north, services=["emergency_shelter", "case_management"],
        urgency="urgent", person={"person_county": "Dane", "person_languages": "Spanish", "person_age": "16"},
    )
    ranked = rank_for(referral)
    assert [m.organization for m in ranked] == [shelter, far]  # legal aid offers none of it
    best, worst = ranked
    assert any("Offers every service requested" in r for r in best.reasons)
    assert any("Serves Dane County" in r for r in best.reasons)
    assert any("Room for 2 more now" in r for r in best.reasons)
    assert "Serves in Spanish" in best.reasons and "Serves minors" in best.reasons
    assert any("1 of the 2 services" in r for r in worst.reasons)
    assert "No intake capacity now" in worst.reasons and any("miles away" in r for r in worst.reasons)
    assert best.miles is not None and worst.miles is not None and best.miles < worst.miles


def test_the_navigator_sees_the_ranking_and_assigns_in_one_action(tf, police, detective, north, navigator, shelter, intake):
    from tests.conftest import client_for

    save_provider_profile(shelter, acting_user=None, services=["emergency_shelter"], zip_code="53703")
    referral = actions.send_referral(police, acting_user=detective, to_region=north,
                                     services=["emergency_shelter"], urgency="routine")
    page = client_for(navigator).get(f"/referrals/{referral.pk}/").content.decode()
    assert "Offers every service requested" in page and "North Star Shelter" in page
    client_for(navigator).post(f"/referrals/{referral.pk}/assign/", {"to_organization": shelter.pk})
    referral.refresh_from_db()
    assert referral.to_organization == shelter and referral.assigned_by == navigator
