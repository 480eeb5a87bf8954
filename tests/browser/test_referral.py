"""An investigator refers a person to a region's navigator; the navigator sees ranked providers
with reasons and assigns one; the provider acknowledges and accepts; the investigator follows
every step and the thread."""

from __future__ import annotations

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from ally.network.actions.profiles import save_provider_profile, update_intake_capacity
from tests import factories
from tests.browser.conftest import sign_in


def _person(name, org=None, role="member"):
    user = factories.person(name, mfa=False)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    if org is not None:
        factories.member(org, role, user=user)
    return user, secret


def test_a_referral_through_the_navigator(new_page, transactional_db):
    tf = factories.task_force("Lakeshore Task Force")
    north = factories.region(tf, "North", counties=["Dane"])
    police = factories.organization(tf, "Lakeshore Police Department", discipline="law_enforcement")
    shelter = factories.organization(tf, "North Star Shelter", regions_served=[north])
    other = factories.organization(tf, "Second Chance House", regions_served=[north])
    save_provider_profile(shelter, acting_user=None, services=["emergency_shelter"], zip_code="53703", languages=["Spanish"])
    update_intake_capacity(shelter, acting_user=None, capacity=3)
    save_provider_profile(other, acting_user=None, services=["emergency_shelter"], zip_code="53703")
    update_intake_capacity(other, acting_user=None, capacity=0)
    dana, dana_secret = _person("Dana Detective", police)
    nia, nia_secret = _person("Nia Navigator", police)  # navigators work for a member organization
    factories.role(tf, "navigator", nia, regions=[north])
    ina, ina_secret = _person("Ina Intake", shelter)

    detective = new_page()
    sign_in(detective, dana.email, factories.PASSWORD, dana_secret)
    detective.goto("/referrals/new/")
    detective.get_by_label("Or to a region's navigator").select_option(str(north.pk))
    detective.get_by_label("Emergency shelter").check()
    detective.get_by_label("Urgency").select_option("emergency")
    detective.get_by_label("Name or what the person goes by").fill("Luz")
    detective.get_by_label("County where the person is").fill("Dane")
    detective.get_by_label("Languages").fill("Spanish")
    detective.get_by_role("button", name="Send referral").click()
    assert detective.get_by_text("Referral sent.").is_visible()

    navigator = new_page()
    sign_in(navigator, nia.email, factories.PASSWORD, nia_secret)
    navigator.goto("/referrals/?box=queue")
    navigator.get_by_role("link", name="#").first.click()
    matches = navigator.locator(".match-list > li")
    assert matches.first.locator("strong").inner_text() == "North Star Shelter"
    assert "Serves in Spanish" in matches.first.inner_text() and "Room for 3 more now" in matches.first.inner_text()
    assert "No intake capacity now" in matches.nth(1).inner_text()
    matches.first.get_by_role("button", name="Assign").click()
    assert navigator.get_by_text("Assigned. The provider has been told.").is_visible()

    provider = new_page()
    sign_in(provider, ina.email, factories.PASSWORD, ina_secret)
    provider.goto("/inbox/")
    provider.get_by_role("link", name="assigned to your organization").first.click()
    provider.get_by_role("button", name="Acknowledge").click()
    provider.get_by_role("button", name="Accept").click()
    provider.get_by_role("textbox", name="Message").fill("She can come tonight; ask for Ina.")
    provider.get_by_role("button", name="Send message").click()

    detective.goto("/referrals/?box=outgoing")
    detective.get_by_role("link", name="#").first.click()
    page = detective.content()
    assert "Accepted" in page and "Acknowledged" in page and "Assigned by the navigator" in page
    assert "She can come tonight; ask for Ina." in page
    assert "North Star Shelter" in page
