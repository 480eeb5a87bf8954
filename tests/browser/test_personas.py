"""Two people in different organizations see different things in the same task force."""

from __future__ import annotations

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from ally.tenancy import actions
from tests import factories
from tests.browser.conftest import sign_in


def _person_with_secret(org, role, name):
    user = factories.person(name, mfa=False)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    factories.member(org, role, user=user)
    return user, secret


def test_two_org_admins_see_their_own_organization_only(new_page, transactional_db):
    tf = factories.task_force("Lakeshore Task Force")
    vsp = factories.organization(tf, "Harbor Survivor Services")
    police = factories.organization(tf, "Lakeshore Police Department", discipline="law_enforcement")
    ada, ada_secret = _person_with_secret(vsp, "org_admin", "Ada Advocate-Admin")
    pat, pat_secret = _person_with_secret(police, "org_admin", "Pat Police-Admin")
    actions.invite_member(vsp, email="shelter.worker@example.org", acting_user=ada)
    actions.invite_member(police, email="new.detective@example.org", acting_user=pat)

    pages = {}
    for user, secret in ((ada, ada_secret), (pat, pat_secret)):
        page = new_page()
        sign_in(page, user.email, factories.PASSWORD, secret)
        pages[user.pk] = page

    ada_page, pat_page = pages[ada.pk], pages[pat.pk]
    ada_page.goto(f"/organizations/{vsp.pk}/members/")
    assert "shelter.worker@example.org" in ada_page.content()
    assert "new.detective@example.org" not in ada_page.content()

    response = ada_page.goto(f"/organizations/{police.pk}/members/")
    assert response.status == 403
    assert "new.detective@example.org" not in ada_page.content()

    pat_page.goto(f"/organizations/{police.pk}/members/")
    assert "new.detective@example.org" in pat_page.content()
    pat_page.goto("/audit/")
    assert "new.detective@example.org" in pat_page.content()
    assert "shelter.worker@example.org" not in pat_page.content()
    for page in pages.values():
        page.context.close()
