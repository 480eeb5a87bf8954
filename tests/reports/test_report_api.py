"""Reports through the API: the catalogues, a quarter's report as JSON, and who may read which."""

from __future__ import annotations

import datetime as dt

import pytest

from ally.audit.models import AuditEvent
from ally.reports.engine import build_report
from tests import factories
from tests.api.token_client import Api

Q1 = "FY2026Q1"
pytestmark = pytest.mark.django_db


def _get(user, path):
    return Api(user).get(path)


@pytest.fixture
def supervisor(vsp):
    return factories.member(vsp, "supervisor", full_name="Sam Supervisor")


@pytest.fixture
def served(vsp, engine_records):
    clients = []
    for i in range(6):
        client = engine_records.client(vsp, trafficking_type="labor" if i == 0 else "sex", gender="Feminine")
        engine_records.service(client, dt.date(2025, 10, 5 + i))
        clients.append(client)
    return clients


def test_catalogues(advocate):
    answer = _get(advocate, "/reports/catalogues")
    assert answer.status_code == 200
    items = {c["id"]: c for c in answer.json()["items"]}
    assert {"ovc", "le"} <= set(items)
    assert "FY2026" in items["ovc"]["versions"]
    assert items["ovc"]["title"]


def test_task_force_report_is_suppressed_and_audited(tf, advocate, served):
    answer = _get(advocate, f"/reports/ovc/{Q1}")
    assert answer.status_code == 200
    body = answer.json()
    assert body["scope"] == "task_force" and body["small_cell_threshold"] == 5
    assert body["sections"] == build_report("ovc", task_force=tf, quarter=Q1).as_dict()["sections"]
    served_rows = {
        r["value"]: r
        for s in body["sections"] for m in s["measures"] if m["id"] == "clients_served"
        for b in m["breakdowns"] if b["id"] == "trafficking_type" for r in b["rows"]
    }
    assert served_rows["labor"]["count"] is None and served_rows["labor"]["shown"] == "1–4"
    event = AuditEvent.objects.filter(event_type="report.exported").get()
    assert event.actor_id == advocate.pk
    assert event.changes["format"] == "json" and event.changes["scope"] == "task_force"


def test_organization_report_is_exact_for_its_supervisors(tf, vsp, supervisor, advocate, detective, outsider, served):
    path = f"/reports/ovc/{Q1}?organization_id={vsp.pk}"
    answer = _get(supervisor, path)
    assert answer.status_code == 200
    body = answer.json()
    assert body["scope"] == "organization" and body["organization"] == vsp.name
    assert body["small_cell_threshold"] is None
    assert "1–4" not in answer.content.decode()
    assert _get(advocate, path).status_code == 403
    assert _get(detective, path).status_code == 404
    assert _get(supervisor, f"/reports/ovc/{Q1}?organization_id=999999").status_code == 404


@pytest.mark.parametrize("path", ["/reports/ovc/FY2026Q7", "/reports/ovc/2026", "/reports/missing/FY2026Q1"])
def test_bad_requests_are_400_and_not_audited(advocate, path):
    answer = _get(advocate, path)
    assert answer.status_code == 400
    assert answer.json()["detail"]
    assert not AuditEvent.objects.filter(event_type="report.exported").exists()


def test_anonymous_is_401():
    from django.test import Client

    assert Client().get(f"/api/v1/reports/ovc/{Q1}").status_code == 401
