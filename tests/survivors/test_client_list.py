"""The client list: found by name or status, fifty to a page, in a fixed number of queries."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from ally.survivors import actions
from tests.conftest import client_for


def _open(vsp, advocate, n, **fields):
    return [
        actions.create_client(vsp, acting_user=advocate, legal_name=f"Client {i:03d}", trafficking_type="labor", **fields)
        for i in range(n)
    ]


def test_the_list_pages_and_searches(vsp, advocate):
    _open(vsp, advocate, 55)
    actions.create_client(vsp, acting_user=advocate, legal_name="Rosa Closed", trafficking_type="sex", case_status="Closed")
    browser = client_for(advocate)
    page = browser.get("/clients/").content.decode()
    assert "56 clients" in page and "page 1 of 2" in page and "Client 049" in page and "Client 050" not in page
    assert "Client 050" in browser.get("/clients/?page=2").content.decode()
    found = browser.get("/clients/?q=rosa").content.decode()
    assert "Rosa Closed" in found and "Client 001" not in found
    closed = browser.get("/clients/?status=Closed").content.decode()
    assert "Rosa Closed" in closed and "Client 001" not in closed
    assert "No client matches" in browser.get("/clients/?q=nobody").content.decode()


def test_the_list_costs_the_same_queries_for_5_or_50_clients(vsp, advocate):
    _open(vsp, advocate, 5)
    browser = client_for(advocate)
    browser.get("/clients/")
    with CaptureQueriesContext(connection) as few:
        browser.get("/clients/")
    _open(vsp, advocate, 45)
    with CaptureQueriesContext(connection) as many:
        browser.get("/clients/")
    assert len(many) == len(few)
