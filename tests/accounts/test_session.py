"""Idle timeout: a session lasts ALLY_SESSION_IDLE_MINUTES past the last request, then ends."""

from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from tests.conftest import client_for


def expiry_of(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


def set_expiry(client, when) -> None:
    Session.objects.filter(session_key=client.session.session_key).update(expire_date=when)


def test_it_times_out_after_the_idle_minutes():
    # The default (30 minutes) is checked in tests/test_settings_env.py, with a clean environment.
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_IDLE_MINUTES * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_it_signs_out_a_session_idle_past_its_expiry(advocate):
    client = client_for(advocate)
    assert client.get("/").status_code == 200
    set_expiry(client, timezone.now() - timedelta(seconds=1))
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_pushes_the_expiry_forward_on_every_request(advocate):
    client = client_for(advocate)
    client.get("/")
    set_expiry(client, timezone.now() + timedelta(minutes=1))
    assert client.get("/").status_code == 200
    assert expiry_of(client) > timezone.now() + timedelta(minutes=settings.SESSION_IDLE_MINUTES - 1)


def test_it_keeps_the_session_cookie_out_of_reach_of_scripts(advocate):
    response = client_for(advocate).get("/")
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["max-age"] == ""  # ends when the browser closes, as well as when idle
