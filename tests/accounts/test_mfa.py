"""Two-factor sign-in: required outside demo mode, a code after the password, recovery codes."""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.test import Client

from ally.audit.models import AuditEvent
from tests import factories
from tests.conftest import client_for


@pytest.fixture(autouse=True)
def fresh_codes(settings):
    # allauth remembers used codes and failed attempts in the cache, which lives in the test's
    # database transaction, so each test starts clean.
    # Accept the neighbouring 30-second window so a test that crosses a boundary still passes.
    settings.MFA_TOTP_TOLERANCE = 1


def codes_now(secret: str) -> list[str]:
    """The code an authenticator app shows now, then those of the windows either side."""
    counter = int(time.time()) // 30
    return [format_hotp_value(hotp_value(secret, counter + shift)) for shift in (0, -1, 1)]


def code_for(secret: str) -> str:
    return codes_now(secret)[0]


def wrong_code_for(secret: str) -> str:
    return next(code for code in ("000000", "111111", "222222") if code not in codes_now(secret))


def secret_of(user) -> str:
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    return decrypt(authenticator.data["secret"])


def sign_in_with_password(user) -> Client:
    client = Client()
    credentials = {"login": user.email, "password": factories.PASSWORD}
    assert client.post("/accounts/login/", credentials).status_code == 302
    return client


def is_signed_in(client: Client) -> bool:
    return client.get("/").status_code == 200


def test_it_sends_a_member_without_two_factor_to_enrolment(advocate):
    Authenticator.objects.filter(user=advocate).delete()
    client = client_for(advocate)
    for url in ("/", "/organizations/", "/profile/", "/accounts/2fa/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == "/accounts/2fa/totp/activate/"


def test_it_lets_a_member_without_two_factor_in_when_not_required(settings, advocate):
    settings.MFA_REQUIRED = False
    Authenticator.objects.filter(user=advocate).delete()
    assert client_for(advocate).get("/").status_code == 200


def test_it_asks_for_a_code_after_the_password(advocate):
    client = Client()
    credentials = {"login": advocate.email, "password": factories.PASSWORD}
    response = client.post("/accounts/login/", credentials)
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert client.get("/")["Location"].startswith("/accounts/login/")


def test_it_rejects_a_wrong_code(advocate):
    client = sign_in_with_password(advocate)
    wrong = wrong_code_for(secret_of(advocate))
    response = client.post("/accounts/2fa/authenticate/", {"code": wrong})
    assert response.status_code == 200
    assert "Incorrect code" in response.content.decode()
    assert client.get("/")["Location"].startswith("/accounts/login/")
    assert not AuditEvent.objects.filter(event_type="account.signed_in").exists()


def test_it_signs_in_with_the_right_code(advocate):
    client = sign_in_with_password(advocate)
    response = client.post("/accounts/2fa/authenticate/", {"code": code_for(secret_of(advocate))})
    assert response["Location"] == "/"
    assert is_signed_in(client)
    assert AuditEvent.objects.filter(event_type="account.signed_in", actor=advocate).exists()


def test_it_refuses_a_code_used_once_already(advocate):
    code = code_for(secret_of(advocate))
    first = sign_in_with_password(advocate)
    first.post("/accounts/2fa/authenticate/", {"code": code})
    second = sign_in_with_password(advocate)
    assert second.post("/accounts/2fa/authenticate/", {"code": code}).status_code == 200
    assert is_signed_in(first)
    assert not is_signed_in(second)


def test_it_accepts_a_recovery_code_once(advocate):
    recovery_code = RecoveryCodes.activate(advocate).generate_codes()[0]
    first = sign_in_with_password(advocate)
    first.post("/accounts/2fa/authenticate/", {"code": recovery_code})
    assert is_signed_in(first)
    second = sign_in_with_password(advocate)
    assert second.post("/accounts/2fa/authenticate/", {"code": recovery_code}).status_code == 200
    assert not is_signed_in(second)


def start_enrolment(user) -> Client:
    """Sign in, get sent to enrolment, and type the password again as allauth asks."""
    client = sign_in_with_password(user)
    assert client.get("/")["Location"] == "/accounts/2fa/totp/activate/"
    response = client.get("/accounts/2fa/totp/activate/")
    assert response["Location"].startswith("/accounts/reauthenticate/")
    response = client.post(response["Location"], {"password": factories.PASSWORD})
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    return client


def test_it_enrols_two_factor_from_the_activate_page(tf, django_capture_on_commit_callbacks):
    user = factories.person("Nora New", mfa=False)
    client = start_enrolment(user)
    page = client.get("/accounts/2fa/totp/activate/")
    secret = client.session[SECRET_SESSION_KEY]
    assert secret in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/2fa/totp/activate/", {"code": code_for(secret)})
    assert response["Location"] == "/accounts/2fa/recovery-codes/"
    assert Authenticator.objects.filter(user=user, type="totp").exists()
    assert AuditEvent.objects.filter(event_type="account.mfa_enabled", actor=user).exists()
    assert is_signed_in(client)


def test_it_shows_recovery_codes_right_after_enrolment(tf):
    user = factories.person("Nora New", mfa=False)
    client = start_enrolment(user)
    client.get("/accounts/2fa/totp/activate/")
    client.post("/accounts/2fa/totp/activate/", {"code": code_for(client.session[SECRET_SESSION_KEY])})
    codes = RecoveryCodes(Authenticator.objects.get(user=user, type="recovery_codes")).generate_codes()
    page = client.get("/accounts/2fa/recovery-codes/").content.decode()
    assert all(code in page for code in codes)


def test_it_refuses_enrolment_with_a_wrong_code(tf):
    user = factories.person("Nora New", mfa=False)
    client = start_enrolment(user)
    client.get("/accounts/2fa/totp/activate/")
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post("/accounts/2fa/totp/activate/", {"code": wrong_code_for(secret)})
    assert response.status_code == 200
    assert not Authenticator.objects.filter(user=user).exists()
    assert client.get("/")["Location"] == "/accounts/2fa/totp/activate/"


def test_removing_the_authenticator_ends_access_in_every_session(advocate):
    from allauth.mfa.models import Authenticator

    other_device = client_for(advocate)
    assert other_device.get("/organizations/").status_code == 200
    Authenticator.objects.filter(user=advocate).delete()
    response = other_device.get("/organizations/")
    assert response.status_code == 302 and "/2fa/totp/activate/" in response["Location"]
