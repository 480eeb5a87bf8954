"""A crisis-line advocate screens a caller in Spanish: follow-up questions appear only when asked,
the result is a suggestion, and the screening is linked to the client opened afterwards."""

from __future__ import annotations

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from ally.survivors.actions import create_client
from tests import factories
from tests.browser.conftest import sign_in


def test_screening_a_call_in_spanish_then_linking_it(new_page, transactional_db):
    tf = factories.task_force("Lakeshore Task Force")
    vsp = factories.organization(tf, "Harbor Survivor Services")
    avery = factories.person("Avery Advocate", mfa=False)
    secret = generate_totp_secret()
    TOTP.activate(avery, secret)
    factories.member(vsp, "member", user=avery)
    page = new_page()
    sign_in(page, avery.email, factories.PASSWORD, secret)

    page.goto("/screenings/")
    page.get_by_role("link", name="New screening in Spanish").click()
    follow_up = page.locator("[data-question=sex_quota]")
    assert follow_up.is_hidden()
    page.locator("input[name=traded_sex][value=yes]").check()
    assert follow_up.is_visible()
    page.locator("input[name=traded_sex][value=no]").check()
    assert follow_up.is_hidden()
    page.locator("input[name=traded_sex][value=yes]").check()
    page.locator("input[name=sex_quota][value=yes]").check()
    page.locator("input[name=threatened][value=yes]").check()
    page.get_by_label("Reference (no names)").fill("Call 14 Nov")
    page.get_by_role("button", name="Save screening").click()

    assert "no una determinación" in page.content()
    assert page.get_by_text("Strong indicators (suggested)").first.is_visible()

    maria = create_client(vsp, acting_user=avery, legal_name="Maria Example", trafficking_type="sex")
    page.reload()
    page.locator("select[name=client]").select_option(str(maria.pk))
    page.get_by_role("button", name="Link", exact=True).click()
    assert page.get_by_text("Screening linked to the client.").is_visible()
    page.get_by_role("link", name="Maria Example").click()
    assert page.get_by_role("heading", name="Screenings").is_visible()
