"""/healthz: for load balancers and monitors, no sign-in, and honest when the database is down."""

from allauth.mfa.models import Authenticator
from django.db import OperationalError, connection
from django.test import Client

from tests.conftest import client_for


def test_it_reports_ok_without_sign_in(db):
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["status"] == "ok"
    assert response.json()["database"] == "ok"
    assert "no-cache" in response["Cache-Control"]


def test_it_answers_503_when_the_database_is_down(db, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", broken_cursor)
        response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unreachable"}
    assert "connection refused" not in response.content.decode()


def test_it_answers_only_get(db):
    assert Client().post("/healthz").status_code == 405


def test_it_does_not_ask_for_two_factor_enrolment(advocate):
    Authenticator.objects.filter(user=advocate).delete()
    assert client_for(advocate).get("/healthz").status_code == 200


def test_it_answers_a_plain_http_probe_when_the_site_redirects_to_https(db, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert Client().get("/healthz").status_code == 200
    assert Client().get("/accounts/login/").status_code == 301
