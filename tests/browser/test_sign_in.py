"""A new member enrolls two-factor sign-in, then signs in with a generated code."""

from __future__ import annotations

from ally.audit.events import EventType
from ally.audit.models import AuditEvent
from ally.tenancy import actions
from tests import factories
from tests.browser.conftest import totp_code


def test_a_new_member_enrolls_totp_and_signs_in_with_a_code(page, transactional_db):
    tf = factories.task_force("Lakeshore Task Force")
    vsp = factories.organization(tf, "Harbor Survivor Services")
    admin = factories.member(vsp, "org_admin")
    _invitation, raw = actions.invite_member(vsp, email="nadia@example.org", acting_user=admin)

    page.goto(f"/invite/{raw}/")
    page.get_by_label("Full name").fill("Nadia New")
    page.get_by_label("Password").fill("a-long-enough-passphrase-7")
    page.get_by_role("button", name="Create account and join").click()

    # Ally sends a new member straight to two-factor enrolment, and nowhere else.
    page.wait_for_url("**/accounts/2fa/totp/activate/")
    page.goto("/organizations/")
    page.wait_for_url("**/accounts/2fa/totp/activate/")
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Turn on").click()
    page.wait_for_url(lambda url: "/totp/activate/" not in url)
    assert AuditEvent.objects.filter(event_type=EventType.MFA_ENABLED).exists()

    page.goto("/")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/**")

    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("nadia@example.org")
    page.get_by_label("Password").fill("a-long-enough-passphrase-7")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/accounts/2fa/authenticate/**")
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_text("Incorrect code").count() > 0
    # The code of the next 30-second window (allowed for clock drift) was not used yet.
    page.get_by_label("Code").fill(totp_code(secret, step=1))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/accounts/" not in url)
    assert "Lakeshore Task Force" in page.content()
