"""An advocate shares part of a client record under consent; an investigator sees exactly that,
until the consent is revoked; the survivor's disclosure report lists the read."""

from __future__ import annotations

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from tests import factories
from tests.browser.conftest import sign_in


def _person(org, role, name):
    user = factories.person(name, mfa=False)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    factories.member(org, role, user=user)
    return user, secret


def _page_for(new_page, user, secret):
    page = new_page()
    sign_in(page, user.email, factories.PASSWORD, secret)
    return page


def test_consent_share_read_revoke_and_report(new_page, transactional_db):
    tf = factories.task_force("Lakeshore Task Force")
    vsp = factories.organization(tf, "Harbor Survivor Services")
    other_vsp = factories.organization(tf, "Northwoods Advocacy Center")
    police = factories.organization(tf, "Lakeshore Police Department", discipline="law_enforcement")
    avery, avery_secret = _person(vsp, "member", "Avery Advocate")
    olga, olga_secret = _person(other_vsp, "org_admin", "Olga Otheradvocate")
    dana, dana_secret = _person(police, "member", "Dana Detective")

    advocate = _page_for(new_page, avery, avery_secret)
    advocate.goto("/clients/new/")
    advocate.get_by_label("Legal name").fill("Maria Example")
    advocate.get_by_label("Phone").fill("608-555-0142")
    advocate.get_by_label("Trafficking type").select_option("labor")
    advocate.get_by_role("button", name="Open record").click()
    advocate.wait_for_url(lambda url: url.rstrip("/").split("/")[-1].isdigit())
    client_url = advocate.url

    advocate.get_by_role("link", name="Record a consent").click()
    advocate.get_by_label("Lakeshore Police Department").check()
    advocate.get_by_label("Identity").check()
    advocate.get_by_label("Coordination with law enforcement").check()
    advocate.get_by_label("How it was signed").select_option("scanned_form")
    advocate.get_by_role("button", name="Save").click()
    advocate.wait_for_url(client_url)
    advocate.get_by_role("link", name="Share part of this record").click()
    advocate.get_by_label("Share with").select_option(label="Lakeshore Police Department")
    advocate.get_by_label("Identity").check()
    advocate.get_by_label("Purpose").select_option("law_enforcement_coordination")
    advocate.get_by_role("button", name="Save").click()
    advocate.wait_for_url(client_url)

    other = _page_for(new_page, olga, olga_secret)
    assert other.goto(client_url).status == 404
    assert "Maria" not in other.content()

    detective = _page_for(new_page, dana, dana_secret)
    assert detective.goto(client_url).status == 200
    assert "Maria Example" in detective.content()
    assert "608-555-0142" not in detective.content()

    advocate.goto(client_url)
    advocate.on("dialog", lambda dialog: dialog.accept())  # "Revoke this consent?"
    advocate.get_by_role("button", name="Revoke").click()
    advocate.wait_for_load_state()
    assert "Consent revoked" in advocate.content()

    response = detective.goto(client_url)
    assert response.status == 404 and "Maria" not in detective.content()

    advocate.goto(client_url)
    advocate.get_by_role("link", name="Who has seen this record").click()
    advocate.wait_for_load_state()
    assert "Dana Detective" in advocate.content()
    assert "Lakeshore Police Department" in advocate.content()
    for page in (advocate, other, detective):
        page.context.close()
