"""The report pages: choosing a report, reading it on screen, downloading it — and who may."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import escape

from ally.audit.models import AuditEvent
from ally.core.fiscal import FiscalQuarter
from ally.reports.engine import build_report
from tests import factories
from tests.conftest import client_for

Q1 = "FY2026Q1"
pytestmark = pytest.mark.django_db


def _measure(report, measure_id):
    return next(m for m in report.measures() if m.id == measure_id)


@pytest.fixture
def auditor(tf):
    return factories.role(tf, "auditor", factories.person("Aldo Auditor"))


@pytest.fixture
def supervisor(vsp):
    return factories.member(vsp, "supervisor", full_name="Sam Supervisor")


@pytest.fixture
def served(vsp, engine_records):
    """Seven clients of the VSP served in FY2026Q1: six sex trafficking, one labor (a small cell)."""
    clients = []
    for i in range(7):
        client = engine_records.client(vsp, trafficking_type="labor" if i == 0 else "sex", gender="Feminine")
        engine_records.service(client, dt.date(2025, 10, 5 + i))
        clients.append(client)
    return clients


def _page(user, catalogue="ovc", quarter=Q1, organization=None, **query):
    if organization is None:
        url = reverse("report_task_force", args=[catalogue, quarter])
    else:
        url = reverse("report_organization", args=[catalogue, quarter, organization.pk])
    return client_for(user).get(url, query)


@time_machine.travel(dt.datetime(2026, 2, 10, 15, tzinfo=dt.UTC), tick=False)
def test_index_defaults_to_the_last_complete_quarter_and_offers_own_organizations(advocate, supervisor, vsp):
    page = client_for(advocate).get(reverse("report_index"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'value="FY2026Q1"' in html  # today is in FY2026Q2
    assert "<h1>Quarterly reports</h1>" in html
    assert "Harbor Survivor Services — its own exact counts" not in html  # a plain member
    html = client_for(supervisor).get(reverse("report_index")).content.decode()
    assert "Harbor Survivor Services — its own exact counts" in html


def test_index_goes_to_the_chosen_report(supervisor, vsp):
    answer = client_for(supervisor).get(reverse("report_index"), {"catalogue": "ovc", "quarter": "fy2026q1", "scope": str(vsp.pk)})
    assert answer.status_code == 302
    assert answer["Location"] == reverse("report_organization", args=["ovc", Q1, vsp.pk])
    answer = client_for(supervisor).get(reverse("report_index"), {"catalogue": "le", "quarter": Q1, "scope": "task_force"})
    assert answer["Location"] == reverse("report_task_force", args=["le", Q1])


def test_index_refuses_a_bad_quarter_on_the_form(advocate):
    answer = client_for(advocate).get(reverse("report_index"), {"catalogue": "ovc", "quarter": "2026-Q1", "scope": "task_force"})
    assert answer.status_code == 400
    assert "is not a fiscal quarter: write it like FY2026Q1" in answer.content.decode()


def test_index_refuses_an_organization_not_yours(advocate, police):
    answer = client_for(advocate).get(reverse("report_index"), {"catalogue": "ovc", "quarter": Q1, "scope": str(police.pk)})
    assert answer.status_code == 400
    assert "Select a valid choice" in answer.content.decode()


def test_task_force_report_hides_small_counts_for_everyone_even_the_auditor(tf, auditor, served):
    page = _page(auditor)
    assert page.status_code == 200
    html = page.content.decode()
    report = build_report("ovc", task_force=tf, quarter=Q1)
    total = _measure(report, "clients_served").total
    assert total.count == 7
    assert '<span class="report-count">7</span>' in html
    assert "1–4" in html  # the one labor-trafficking client
    assert "Counts from 1 to 4 are shown as “1–4”" in html
    for day in (report.first_day, report.last_day):
        assert date_format(day, "DATE_FORMAT") in html
    assert "America/Chicago" in html
    assert html.count("<svg") == sum(len(m.breakdowns) for m in report.measures())
    for measure in report.measures():
        assert escape(measure.definition) in html
    for fmt in ("pdf", "xlsx", "csv", "json"):
        assert reverse("report_task_force_download", args=["ovc", Q1, fmt]) in html
    assert "Client" not in html.replace("Clients", "")  # no client name


def test_organization_report_is_exact_for_its_supervisors(vsp, supervisor, vsp_admin, served):
    for user in (supervisor, vsp_admin):
        page = _page(user, organization=vsp)
        assert page.status_code == 200
        html = page.content.decode()
        assert "Exact counts: no count is hidden." in html
        assert "1–4" not in html
        assert "Harbor Survivor Services (its own records, exact counts)" in html


def test_organization_report_refused_to_members_and_outsiders(vsp, advocate, detective, outsider, served):
    assert _page(advocate, organization=vsp).status_code == 403
    assert _page(detective, organization=vsp).status_code == 404
    assert _page(outsider, organization=vsp).status_code == 404
    assert _page(outsider).status_code == 404
    assert client_for(outsider).get(reverse("report_index")).status_code == 404


def test_anonymous_goes_to_sign_in():
    from django.test import Client

    assert Client().get(reverse("report_task_force", args=["ovc", Q1])).status_code == 302


@pytest.mark.parametrize(
    ("catalogue", "quarter", "message"),
    [
        ("ovc", "FY2026Q5", "is not a fiscal quarter"),
        ("ovc", "Q1-2026", "is not a fiscal quarter"),
        ("nope", Q1, "There is no report catalogue “nope”"),
        ("ovc", "FY1990Q1", "has no version"),
    ],
)
def test_a_bad_request_is_a_clear_400(advocate, catalogue, quarter, message):
    page = _page(advocate, catalogue=catalogue, quarter=quarter)
    assert page.status_code == 400
    assert message in page.content.decode()
    answer = client_for(advocate).get(reverse("report_task_force_download", args=[catalogue, quarter, "csv"]))
    assert answer.status_code == 400
    assert not AuditEvent.objects.filter(event_type="report.exported").exists()


def test_downloads_carry_the_report_and_are_audited(tf, vsp, supervisor, served):
    report = build_report("ovc", task_force=tf, quarter=Q1, organization=vsp)
    client = client_for(supervisor)
    before = AuditEvent.objects.filter(event_type="report.exported").count()
    answers = {
        fmt: client.get(reverse("report_organization_download", args=["ovc", Q1, vsp.pk, fmt]))
        for fmt in ("csv", "xlsx", "pdf", "json")
    }
    assert all(a.status_code == 200 for a in answers.values())
    assert answers["csv"]["Content-Disposition"] == f'attachment; filename="ovc-{Q1}-{vsp.slug}.csv"'
    rows = list(csv.DictReader(io.StringIO(answers["csv"].content.decode("utf-8-sig"))))
    total = next(r for r in rows if r["measure_id"] == "clients_served" and r["breakdown"] == "")
    assert total["count"] == "7" == str(_measure(report, "clients_served").total.count)
    assert json.loads(answers["json"].content)["sections"] == json.loads(json.dumps(report.as_dict()))["sections"]
    assert answers["pdf"].content.startswith(b"%PDF")
    assert zipfile.ZipFile(io.BytesIO(answers["xlsx"].content)).testzip() is None
    events = list(AuditEvent.objects.filter(event_type="report.exported").order_by("sequence"))
    assert len(events) == before + 4
    assert [e.changes["format"] for e in events[-4:]] == ["csv", "xlsx", "pdf", "json"]
    last = events[-1]
    assert last.actor_id == supervisor.pk and last.organization_id == vsp.pk
    assert last.changes == {
        "catalogue": "ovc", "catalogue_version": "FY2026", "quarter": Q1, "scope": "organization",
        "organization_id": vsp.pk, "format": "json",
    }


def test_task_force_download_and_unknown_format(advocate, served):
    client = client_for(advocate)
    answer = client.get(reverse("report_task_force_download", args=["ovc", Q1, "csv"]))
    assert answer.status_code == 200
    event = AuditEvent.objects.filter(event_type="report.exported").latest("sequence")
    assert event.changes["scope"] == "task_force" and event.changes["organization_id"] is None
    assert client.get(reverse("report_task_force_download", args=["ovc", Q1, "docx"])).status_code == 404


def test_report_page_queries_do_not_grow_with_records(tf, vsp, advocate, engine_records):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert _page(advocate).status_code == 200
        return len(queries)

    def serve(n: int) -> None:
        for i in range(n):
            client = engine_records.client(vsp, trafficking_type="sex")
            engine_records.service(client, dt.date(2025, 11, 1 + i), category=["medical", "legal"][i % 2])

    serve(2)
    count()  # caches warmed (vocabularies, the catalogue)
    few = count()
    serve(4)
    assert count() == few


def test_the_quarter_is_read_in_any_case(advocate):
    page = _page(advocate, quarter="fy2026q1")
    assert page.status_code == 200
    assert str(FiscalQuarter.parse("fy2026q1")) in page.content.decode()
