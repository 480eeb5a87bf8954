"""Single sign-on: one OpenID Connect issuer per task force, its secret kept in the environment."""

from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter, get_adapter
from allauth.socialaccount.models import SocialApp
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client, RequestFactory

from ally.accounts.adapter import SocialAccountAdapter
from ally.accounts.models import User
from ally.audit.models import AuditEvent
from ally.core.errors import InvalidInput, NotPermitted
from ally.tenancy.sso import configure_sso
from tests import factories

ISSUER = "https://id.lakeshore.example.gov"
PROVIDER_ID = "tf-lakeshore-task-force"
SECRET = "s3cret-from-the-environment"


class FakeHttp:
    """Stands in for allauth's HTTP session: serves the discovery document, records the URLs."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        return None

    def get(self, url, **kwargs):
        self.urls.append(url)
        return self

    def raise_for_status(self) -> None:
        return None

    def json(self) -> dict[str, str]:
        return {
            "issuer": ISSUER,
            "authorization_endpoint": f"{ISSUER}/authorize",
            "token_endpoint": f"{ISSUER}/token",
            "userinfo_endpoint": f"{ISSUER}/userinfo",
        }


@pytest.fixture
def http(monkeypatch):
    fake = FakeHttp()
    monkeypatch.setattr(DefaultSocialAccountAdapter, "get_requests_session", lambda self: fake)
    return fake


@pytest.fixture
def sso(tf, monkeypatch):
    monkeypatch.setenv("ALLY_OIDC_SECRET_LAKESHORE_TASK_FORCE", SECRET)
    return configure_sso(
        tf, issuer=ISSUER, client_id="ally-client", label="Lakeshore ID", acting_user=None
    )


def test_it_lists_the_task_forces_provider_on_the_sign_in_page(sso):
    page = Client().get("/accounts/login/").content.decode()
    assert "Lakeshore ID" in page
    assert f"/accounts/oidc/{PROVIDER_ID}/login/" in page


def test_it_shows_no_single_sign_on_when_none_is_set_up(tf):
    page = Client().get("/accounts/login/").content.decode()
    assert "/accounts/oidc/" not in page


def test_it_sends_the_browser_to_the_issuer(sso, http):
    response = Client().post(f"/accounts/oidc/{PROVIDER_ID}/login/")
    assert response.status_code == 302
    url = urlsplit(response["Location"])
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{ISSUER}/authorize"
    assert parse_qs(url.query)["client_id"] == ["ally-client"]
    assert "code_challenge" in parse_qs(url.query)
    assert SECRET not in response["Location"]
    assert http.urls == [f"{ISSUER}/.well-known/openid-configuration"]


def test_it_reads_the_secret_from_the_environment_and_never_stores_it(sso):
    assert SocialApp.objects.get(provider_id=PROVIDER_ID).secret == ""
    assert get_adapter().get_app(RequestFactory().get("/"), PROVIDER_ID).secret == SECRET
    event = AuditEvent.objects.get(event_type="task_force.sso_configured")
    assert event.changes == {"issuer": ISSUER, "client_id": "ally-client", "email_domains": []}


@pytest.mark.parametrize("issuer", ["http://id.example.gov", "id.example.gov", "ftp://x.example"])
def test_it_refuses_an_issuer_that_is_not_https(tf, issuer):
    with pytest.raises(InvalidInput):
        configure_sso(tf, issuer=issuer, client_id="ally-client", acting_user=None)
    assert not SocialApp.objects.exists()


def test_it_refuses_configuration_by_someone_not_a_superuser(tf, coordinator):
    with pytest.raises(NotPermitted):
        configure_sso(tf, issuer=ISSUER, client_id="ally-client", acting_user=coordinator)
    assert not SocialApp.objects.exists()


def refuses(email: str) -> bool:
    """Run the adapter's check on what allauth builds from the issuer's answer for this email."""
    request = RequestFactory().get(f"/accounts/oidc/{PROVIDER_ID}/login/callback/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    provider = get_adapter().get_app(request, PROVIDER_ID).get_provider(request)
    sociallogin = provider.sociallogin_from_response(
        request, {"userinfo": {"sub": "42", "email": email}}
    )
    try:
        SocialAccountAdapter(request).pre_social_login(request, sociallogin)
    except ImmediateHttpResponse as refusal:
        assert refusal.response["Location"] == "/accounts/login/"
        return True
    return False


def test_it_lets_members_and_task_force_roles_sign_in(sso, advocate, coordinator):
    assert not refuses(advocate.email)
    assert not refuses(coordinator.email.upper())


def test_it_turns_away_someone_who_is_not_a_member(sso, outsider):
    assert refuses(outsider.email)


def test_it_turns_away_a_member_of_another_task_force(sso):
    elsewhere = factories.organization(factories.task_force("Riverbend Task Force"))
    assert refuses(factories.member(elsewhere).email)


def test_it_turns_away_a_deactivated_member(sso, advocate):
    User.objects.filter(pk=advocate.pk).update(is_active=False)
    assert refuses(advocate.email)


def test_it_turns_away_an_unknown_address_without_creating_an_account(sso):
    assert refuses("stranger@example.org")
    assert not User.objects.filter(email="stranger@example.org").exists()


def test_it_turns_away_a_member_without_two_factor(sso, vsp):
    newcomer = factories.member(vsp, user=factories.person(mfa=False))
    assert refuses(newcomer.email)


def test_it_turns_away_a_member_of_a_deactivated_organization(sso, vsp, advocate):
    type(vsp).objects.filter(pk=vsp.pk).update(is_active=False)
    assert refuses(advocate.email)


def test_it_accepts_only_the_allowed_email_domains(tf, advocate):
    configure_sso(tf, issuer=ISSUER, client_id="ally-client", email_domains=["harbor.example"], acting_user=None)
    assert refuses(advocate.email)  # example.org is not allowed
    configure_sso(tf, issuer=ISSUER, client_id="ally-client", email_domains=["Example.org"], acting_user=None)
    assert not refuses(advocate.email)


def test_it_opens_the_providers_task_force(sso, tf, advocate):
    other = factories.organization(factories.task_force("Riverbend Task Force"))
    factories.member(other, user=advocate)
    from ally.accounts.actions import switch_task_force

    switch_task_force(advocate, other.task_force_id, acting_user=advocate)
    assert not refuses(advocate.email)
    advocate.refresh_from_db()
    assert advocate.active_task_force == tf
