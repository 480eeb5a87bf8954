"""One answer to "who is the client?" for lockout, rate limits and the audit log."""

from __future__ import annotations

from django.test import RequestFactory

from ally.audit.chain import verify
from ally.audit.models import AuditEvent
from ally.core.middleware import client_ip


def _request(remote="10.0.0.1", forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_it_uses_the_socket_address_without_a_proxy(settings):
    settings.BEHIND_PROXY = False
    assert client_ip(_request(forwarded="203.0.113.9")) == "10.0.0.1"


def test_it_uses_the_address_our_proxy_saw_behind_a_proxy(settings):
    settings.BEHIND_PROXY = True
    assert client_ip(_request(forwarded="198.51.100.1, 203.0.113.9")) == "203.0.113.9"


def test_it_writes_ipv6_in_canonical_form(settings):
    settings.BEHIND_PROXY = False
    assert client_ip(_request("2001:DB8:0:0::1")) == "2001:db8::1"


def test_a_value_that_is_not_an_address_counts_as_none(settings):
    settings.BEHIND_PROXY = True
    assert client_ip(_request(forwarded="1.2.3.4:5678")) is None
    assert client_ip(_request(forwarded="unknown")) is None


def test_an_ipv6_sign_in_failure_verifies(db, client):
    client.post("/accounts/login/", {"login": "x@example.org", "password": "wrong"}, REMOTE_ADDR="2001:DB8::1")
    assert AuditEvent.objects.filter(ip_address="2001:db8::1").exists()
    assert verify() == []


def test_lockout_counts_per_client_behind_a_proxy(db, settings, advocate):
    from axes.models import AccessAttempt

    settings.BEHIND_PROXY = True
    from django.test import Client

    for n in range(2):
        Client().post(
            "/accounts/login/",
            {"login": advocate.email, "password": "wrong"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n + 1}",
        )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.1", "203.0.113.2"}
