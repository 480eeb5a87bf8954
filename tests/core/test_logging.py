"""Logs are JSON lines with the request's id, route and status, and never a person's details."""

import json
import logging
import sys

import pytest
from django.test import Client

from ally.core.logging import JsonFormatter, RedactPersonalData, redact
from tests import factories
from tests.accounts.test_mfa import code_for, secret_of
from tests.conftest import client_for


def written(records: list[logging.LogRecord]) -> list[str]:
    """What the stderr handler would write for these records: filtered, then formatted."""
    redact_filter, formatter = RedactPersonalData(), JsonFormatter()
    return [formatter.format(r) for r in records if redact_filter.filter(r)]


def request_lines(caplog) -> list[dict]:
    return [json.loads(line) for line in written(caplog.records) if '"ally.request"' in line]


def test_it_writes_one_json_object_per_line_for_a_request(advocate, caplog, settings):
    settings.BEHIND_PROXY = True  # only a trusted proxy may name the request
    caplog.set_level(logging.INFO, logger="ally.request")
    response = client_for(advocate).get("/organizations/", HTTP_X_REQUEST_ID="req-12345678")
    [line] = request_lines(caplog)
    assert line["request_id"] == "req-12345678" == response["X-Request-ID"]
    assert (line["route"], line["status"], line["method"]) == ("organizations/", 200, "GET")
    assert line["user_id"] == advocate.pk
    assert "\n" not in written(caplog.records)[0]


def test_it_ignores_a_request_id_from_the_client_without_a_proxy(caplog):
    caplog.set_level(logging.INFO, logger="ally.request")
    response = Client().get("/healthz", HTTP_X_REQUEST_ID="req-12345678")
    assert response["X-Request-ID"] != "req-12345678"


def test_it_makes_up_a_request_id_when_the_given_one_is_unsafe(caplog, settings):
    settings.BEHIND_PROXY = True
    caplog.set_level(logging.INFO, logger="ally.request")
    response = Client().get("/healthz", HTTP_X_REQUEST_ID="<script>")
    [line] = request_lines(caplog)
    assert line["request_id"] == response["X-Request-ID"] != "<script>"
    assert len(line["request_id"]) == 32


def test_it_leaves_the_query_string_out_of_the_request_log(advocate, caplog):
    caplog.set_level(logging.INFO, logger="ally.request")
    client_for(advocate).get("/organizations/?q=survivor@example.org")
    assert not any("survivor@example.org" in line for line in written(caplog.records))


def test_it_leaves_the_query_string_out_of_djangos_error_lines(advocate, caplog):
    client_for(advocate).get("/organizations/999999/?q=survivor@example.org")
    lines = written(caplog.records)
    assert any('"status_code": 404' in line for line in lines)
    assert not any("survivor@example.org" in line for line in lines)


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("reset for ana.lopez+ally@mail.example.org", "reset for [email]"),
        ("call +1 (608) 555-0142 now", "call [phone] now"),
        ("call 608.555.0142", "call [phone]"),
        ("request 42 took 12 ms", "request 42 took 12 ms"),
    ],
)
def test_it_redacts_emails_and_phone_numbers(message, expected):
    assert redact(message) == expected


def test_it_redacts_personal_data_passed_as_arguments():
    record = logging.makeLogRecord({"msg": "failed sign-in for %s", "args": ("ana@example.org",)})
    [line] = written([record])
    assert json.loads(line)["message"] == "failed sign-in for [email]"


def test_it_redacts_exception_text():
    try:
        raise ValueError("no account for ana@example.org")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "boom", (), sys.exc_info())
    [line] = written([record])
    assert "ana@example.org" not in line
    assert "[email]" in json.loads(line)["exception"]


def test_a_failed_and_a_successful_sign_in_never_log_the_email(advocate, caplog, settings):
    settings.MFA_TOTP_TOLERANCE = 1
    caplog.set_level(logging.DEBUG)
    client = Client()
    client.post("/accounts/login/", {"login": advocate.email, "password": "wrong-password"})
    client.post("/accounts/login/", {"login": advocate.email, "password": factories.PASSWORD})
    client.post("/accounts/2fa/authenticate/", {"code": code_for(secret_of(advocate))})
    assert client.get("/").status_code == 200
    assert any("login failure" in record.getMessage() for record in caplog.records)
    for record in caplog.records:
        assert advocate.email not in JsonFormatter().format(record)


def test_secrets_in_paths_never_reach_the_log():
    from ally.core.logging import redact

    assert redact("Not Found: /invite/abc123-secret/") == "Not Found: /invite/[secret]/"
    assert "k3y" not in redact("GET /accounts/password/reset/key/1-k3y/")


def test_a_dead_invitation_link_is_logged_without_its_token(db, caplog):
    caplog.set_level(logging.INFO)
    Client().get("/invite/a-dead-token-value/")
    assert "a-dead-token-value" not in "\n".join(written(caplog.records))


def test_a_request_id_that_looks_like_digits_is_logged_as_it_is():
    from ally.core.logging import JsonFormatter

    record = logging.makeLogRecord({"msg": "request", "request_id": "0b75b88290961234567809477df8ce617"})
    assert json.loads(JsonFormatter().format(record))["request_id"] == "0b75b88290961234567809477df8ce617"
