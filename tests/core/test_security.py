"""The security baseline every page keeps: strict CSP, no inline script or style, no framing."""

from html.parser import HTMLParser

import pytest
from django.test import Client

from ally.accounts.models import User
from tests import factories
from tests.conftest import client_for
from tests.test_settings_env import SECRET, production_settings


class Markup(HTMLParser):
    """Collects what a strict Content-Security-Policy would block: inline scripts and styles."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.inline_scripts = 0
        self.style_attributes: list[str] = []
        self.style_elements = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs) -> None:
        names = dict(attrs)
        if tag == "script" and not names.get("src"):
            self.inline_scripts += 1
        if tag == "style":
            self.style_elements += 1
        if "style" in names:
            self.style_attributes.append(tag)
        if any(name.startswith("on") for name in names):
            self.inline_scripts += 1


@pytest.fixture
def pages(advocate):
    member = client_for(advocate)
    halfway = Client()
    halfway.post("/accounts/login/", {"login": advocate.email, "password": factories.PASSWORD})
    enrolling = client_for(factories.person(mfa=False))
    enrolling.post("/accounts/reauthenticate/", {"password": factories.PASSWORD})
    return {
        "home": member.get("/"),
        "organizations": member.get("/organizations/"),
        "profile": member.get("/profile/"),
        "sign-in": Client().get("/accounts/login/"),
        "two-factor code": halfway.get("/accounts/2fa/authenticate/"),
        "password reset": Client().get("/accounts/password/reset/"),
        "two-factor enrolment": enrolling.get("/accounts/2fa/totp/activate/"),
    }


def test_every_page_has_a_strict_content_security_policy(pages):
    for name, response in pages.items():
        assert response.status_code == 200, name
        policy = {
            directive.split()[0]: directive.split()[1:]
            for directive in response["Content-Security-Policy"].split(";")
            if directive.strip()
        }
        assert policy["script-src"] == ["'self'"], name
        assert policy["style-src"] == ["'self'"], name
        assert policy["frame-ancestors"] == ["'none'"], name
        assert "unsafe-inline" not in response["Content-Security-Policy"], name


def test_no_page_has_inline_script_or_style(pages):
    for name, response in pages.items():
        markup = Markup(response.content.decode())
        assert markup.inline_scripts == 0, name
        assert markup.style_elements == 0, name
        assert markup.style_attributes == [], name


def test_no_page_may_be_framed(pages):
    for name, response in pages.items():
        assert response["X-Frame-Options"] == "DENY", name
        assert response["X-Content-Type-Options"] == "nosniff", name
        assert response["Referrer-Policy"] == "same-origin", name


def test_it_refuses_a_form_post_without_a_csrf_token(advocate):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"login": advocate.email, "password": "x"})
    assert response.status_code == 403
    client.force_login(advocate)
    assert client.post("/profile/", {"profile-full_name": "Mallory"}).status_code == 403
    advocate.refresh_from_db()
    assert advocate.full_name == "Avery Advocate"


def test_it_sends_cookies_only_over_https_when_served_over_https(tmp_path):
    values = production_settings(
        tmp_path,
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_HSTS_SECONDS",
        "SECURE_SSL_REDIRECT",
        ALLY_SITE_URL="https://ally.example.org",
        ALLY_SECRET_KEY=SECRET,
    )
    assert values == {
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SECURE_SSL_REDIRECT": True,
    }


def test_it_hashes_passwords_with_argon2_in_production(tmp_path):
    values = production_settings(tmp_path, "PASSWORD_HASHERS", ALLY_SECRET_KEY=SECRET)
    assert values["PASSWORD_HASHERS"][0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_nobody_can_sign_up_on_their_own(db):
    data = {"email": "walk-in@example.org", "password1": "a-long-passphrase-99"}
    response = Client().post("/accounts/signup/", data)
    assert response.status_code == 200
    assert "invitation" in response.content.decode()
    assert not User.objects.filter(email="walk-in@example.org").exists()


def test_signed_in_pages_and_the_api_are_never_cached(advocate, client):
    from ally.accounts.actions import create_api_token

    page = client_for(advocate).get("/directory/")
    assert "no-store" in page["Cache-Control"] and "private" in page["Cache-Control"]
    _token, raw = create_api_token(advocate, name="t", read_only=True, expires_at=None, acting_user=advocate)
    api = client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"})
    assert "no-store" in api["Cache-Control"]


def test_wrong_two_factor_codes_are_audited(advocate):
    from allauth.mfa.signals import authentication_failed

    from ally.audit.models import AuditEvent

    authentication_failed.send(sender=None, request=None, user=advocate, authenticator=None)
    assert AuditEvent.objects.filter(event_type="account.mfa_failed", actor=advocate).exists()
