"""Lockout: after five wrong passwords an account refuses even the right one, and says so."""

import logging

import pytest
from django.core.cache import cache
from django.test import Client

from ally.audit.models import AuditEvent
from ally.core.logging import JsonFormatter
from tests import factories


@pytest.fixture(autouse=True)
def fresh_cache(db, settings):
    # allauth keeps its own failed-attempt counter in the cache; axes keeps hers in the database.
    cache.clear()
    # The default, whatever the shell says; tests/test_settings_env.py checks it is the default.
    settings.AXES_FAILURE_LIMIT = 5


def attempt(client: Client, email: str, password: str):
    return client.post("/accounts/login/", {"login": email, "password": password})


def fail_five_times(client: Client, email: str):
    for _ in range(5):
        response = attempt(client, email, "not-the-password")
    return response


def is_signed_in(client: Client) -> bool:
    return client.get("/").status_code == 200


def test_it_shows_the_lockout_page_on_the_fifth_failure(advocate):
    response = fail_five_times(Client(), advocate.email)
    assert response.status_code == 429
    assert "Sign-in locked" in response.content.decode()


def test_it_refuses_the_right_password_after_five_wrong_ones(advocate):
    client = Client()
    fail_five_times(client, advocate.email)
    response = attempt(client, advocate.email, factories.PASSWORD)
    assert response.status_code in (200, 429)
    assert "location" not in response.headers
    assert not is_signed_in(client)


def test_it_stays_locked_after_allauths_own_limit_has_passed(advocate):
    client = Client()
    fail_five_times(client, advocate.email)
    cache.clear()  # allauth's short rate limit has expired; axes' lock lasts 30 minutes
    response = attempt(client, advocate.email, factories.PASSWORD)
    assert response.status_code == 429
    assert "Sign-in locked" in response.content.decode()
    assert not is_signed_in(client)


def test_it_records_the_lockout_in_the_audit_log(advocate):
    fail_five_times(Client(), advocate.email)
    assert AuditEvent.objects.filter(event_type="account.locked_out").count() == 1
    assert AuditEvent.objects.filter(event_type="account.sign_in_failed").count() == 5
    assert not any(advocate.email in str(event.changes) for event in AuditEvent.objects.all())


def test_it_keeps_the_email_out_of_the_logs(advocate, caplog):
    caplog.set_level(logging.DEBUG)
    client = Client()
    fail_five_times(client, advocate.email)
    attempt(client, advocate.email, factories.PASSWORD)
    assert any("Locking out" in record.getMessage() for record in caplog.records)
    lines = [JsonFormatter().format(record) for record in caplog.records]
    assert not any(advocate.email in line for line in lines)


def test_it_still_lets_other_accounts_in(advocate, detective):
    fail_five_times(Client(), advocate.email)
    response = attempt(Client(), detective.email, factories.PASSWORD)
    assert response["Location"] == "/accounts/2fa/authenticate/"


def test_it_does_not_lock_out_after_four_failures(advocate):
    client = Client()
    for _ in range(4):
        attempt(client, advocate.email, "not-the-password")
    response = attempt(client, advocate.email, factories.PASSWORD)
    assert response["Location"] == "/accounts/2fa/authenticate/"
