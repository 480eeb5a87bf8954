"""The task-force dashboards: who reads them, what each section counts, suppression, queries."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client as HttpClient
from django.urls import reverse

from ally.core.errors import InvalidInput
from ally.core.fiscal import FiscalQuarter
from ally.reports.dashboards import SECTIONS, build_dashboard, parse_period, period_choices
from tests import factories
from tests.api.token_client import Api

CHICAGO = ZoneInfo("America/Chicago")
NOW = dt.datetime(2026, 5, 15, 12, 0, tzinfo=CHICAGO)  # FY2026Q3
FY2026 = parse_period("FY2026", NOW.date())


def login(user: Any) -> HttpClient:
    client = HttpClient()
    client.force_login(user)
    return client


class World:
    """Hand-built records (plain ORM: the tests control every field)."""

    def __init__(self, tf: Any, vsp: Any, police: Any) -> None:
        self.tf, self.vsp, self.police = tf, vsp, police
        self.n = 0

    def client(self, **fields: Any) -> Any:
        from ally.survivors.models import Client

        fields.setdefault("legal_name", "SENTINEL-DASH-CLIENT-NAME")
        return Client.objects.create(task_force=self.tf, organization=self.vsp, intake_date=dt.date(2025, 10, 1), **fields)

    def service(self, client: Any, on: dt.date, category: str = "case_management", **fields: Any) -> Any:
        from ally.survivors.models import ServiceDelivery

        return ServiceDelivery.objects.create(
            task_force=self.tf, organization=self.vsp, client=client, category=category, delivered_on=on,
            provider=self.vsp, units=Decimal("1"), unit="hours", outcome="SENTINEL-DASH-OUTCOME", **fields,
        )

    def investigation(self, opened_on: dt.date, **fields: Any) -> Any:
        from ally.investigations.models import Investigation

        self.n += 1
        fields.setdefault("trafficking_type", "labor")
        return Investigation.objects.create(
            task_force=self.tf, organization=self.police, number=f"INV-{self.n}", title="SENTINEL-DASH-CASE-TITLE",
            opened_on=opened_on, suspicion_basis="basis", review_by=opened_on + dt.timedelta(days=1800), **fields,
        )

    def victim(self, investigation: Any, **fields: Any) -> Any:
        from ally.investigations.models import IdentifiedVictim

        fields.setdefault("identified_on", investigation.opened_on)
        return IdentifiedVictim.objects.create(investigation=investigation, given_name="SENTINEL-DASH-VICTIM", **fields)

    def subject(self, investigation: Any) -> Any:
        from ally.investigations.models import Subject

        return Subject.objects.create(investigation=investigation, family_name="SENTINEL-DASH-SUBJECT")

    def arrest(self, investigation: Any, on: dt.date, **fields: Any) -> Any:
        from ally.investigations.models import Arrest

        return Arrest.objects.create(investigation=investigation, on=on, agency=self.police, offense="offense", **fields)

    def tip(self, at: dt.datetime, **fields: Any) -> Any:
        from ally.investigations.models import Tip

        return Tip.objects.create(task_force=self.tf, organization=self.police, source="hotline", received_at=at,
                                  narrative="SENTINEL-DASH-TIP", **fields)

    def referral(self, sent_at: dt.datetime, **fields: Any) -> Any:
        from ally.referrals.models import Referral

        fields.setdefault("urgency", "routine")
        fields.setdefault("ack_due_at", sent_at + dt.timedelta(days=3))
        fields.setdefault("to_organization", self.vsp)
        return Referral.objects.create(task_force=self.tf, from_organization=self.police, sent_at=sent_at,
                                       services=["case_management"], **fields)

    def prosecution(self, investigation: Any, *, category: str, disposition: str = "pending") -> Any:
        from ally.prosecutions.models import Charge, Defendant, ProsecutionCase, Statute

        statute = Statute.objects.create(task_force=self.tf, citation=f"S-{category}-{self.n}", title="t",
                                         jurisdiction="state", state="WI", category=category)
        case = ProsecutionCase.objects.create(task_force=self.tf, organization=self.police, investigation=investigation,
                                              number=f"D-{investigation.pk}", jurisdiction="state",
                                              opened_on=investigation.opened_on)
        defendant = Defendant.objects.create(case=case, family_name="SENTINEL-DASH-DEFENDANT")
        return Charge.objects.create(defendant=defendant, statute=statute, filed_on=investigation.opened_on,
                                     disposition=disposition)


@pytest.fixture
def world(tf, vsp, police):
    tf.small_cell_threshold = 1
    tf.save(update_fields=["small_cell_threshold"])
    return World(tf, vsp, police)


def section(board: Any, section_id: str) -> Any:
    return next(s for s in board.sections if s.id == section_id)


def table(board: Any, section_id: str) -> dict[str, list[str]]:
    return dict(section(board, section_id).tables[0].shown_rows())


def column(board: Any, section_id: str, name: str) -> dict[str, str]:
    t = section(board, section_id).tables[0]
    index = t.columns.index(name) - 1
    return {label: values[index] for label, values in t.shown_rows()}


# --- the period -------------------------------------------------------------------------------


def test_period_parsing():
    today = dt.date(2026, 5, 15)
    assert [str(q) for q in parse_period("FY2026", today).quarters] == ["FY2026Q1", "FY2026Q2", "FY2026Q3", "FY2026Q4"]
    assert parse_period("fy2024", today).key == "FY2024"
    # Runs of quarters across fiscal years overlap the years: differencing them isolated a quarter.
    for bad in ("FY2027", "last4", "last8", "LAST8", "last5", "2026", "FY26", "nonsense"):
        with pytest.raises(InvalidInput):
            parse_period(bad, today)


def test_default_period_is_the_fiscal_year_of_the_last_complete_quarter():
    assert parse_period("", dt.date(2026, 5, 15)).key == "FY2026"  # FY2026Q2 is over
    assert parse_period(None, dt.date(2026, 1, 1)).key == "FY2026"  # FY2026Q1 is over
    assert parse_period("", dt.date(2025, 12, 31)).key == "FY2025"  # still in FY2026's first quarter
    assert parse_period("", dt.date(2025, 10, 1)).key == "FY2025"


def test_the_periods_offered_never_overlap():
    choices = period_choices(dt.date(2026, 5, 15))
    assert [c.key for c in choices] == ["FY2026", "FY2025", "FY2024", "FY2023", "FY2022"]
    quarters = [q for c in choices for q in c.quarters]
    assert len(quarters) == len(set(quarters)) == 4 * len(choices)


# --- who reads it -----------------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_every_participant_reads_the_dashboard_outsiders_get_404(tf, world, coordinator, advocate, detective, outsider):
    auditor = factories.role(tf, "auditor")
    for user in (coordinator, advocate, detective, auditor):
        response = login(user).get(reverse("dashboard"))
        assert response.status_code == 200, user
        assert b"<h1>" in response.content
        assert Api(user).get("/dashboard").status_code == 200
        assert Api(user).get("/dashboards/funnel").status_code == 404
        assert Api(user).get("/dashboards/investigations").status_code == 200
    assert login(outsider).get(reverse("dashboard")).status_code == 404
    assert Api(outsider).get("/dashboard").status_code == 404
    assert Api(outsider).get("/dashboards/survivors").status_code == 404
    anonymous = HttpClient().get(reverse("dashboard"))
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]


@time_machine.travel(NOW, tick=False)
def test_bad_period_is_refused_with_a_clear_message(world, coordinator):
    page = login(coordinator).get(reverse("dashboard"), {"period": "FY1066"})
    assert page.status_code == 400
    assert "Choose a period like FY2026" in page.content.decode()
    api = Api(coordinator).get("/dashboard", period="next year")
    assert api.status_code == 400 and "Choose a period" in api.json()["detail"]
    assert Api(coordinator).get("/dashboards/nothing").status_code == 404
    for overlapping in ("last4", "last8"):
        page = login(coordinator).get(reverse("dashboard"), {"period": overlapping})
        assert page.status_code == 400 and "Choose a period like FY2026" in page.content.decode()
        assert 'value="last8"' not in page.content.decode() and "The last" not in page.content.decode()
        api = Api(coordinator).get("/dashboards/investigations", period=overlapping)
        assert api.status_code == 400 and "fiscal year" in api.json()["detail"]
    assert Api(coordinator).get("/dashboard").json()["period"] == "FY2026"


# --- what is counted --------------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_survivors_by_quarter_and_type_count_each_client_once_per_quarter(world):
    sex, labor, unknown = world.client(trafficking_type="sex"), world.client(trafficking_type="labor"), world.client()
    world.service(sex, dt.date(2025, 10, 1))  # Q1, first day
    world.service(sex, dt.date(2025, 12, 31))  # Q1 again: counts once
    world.service(sex, dt.date(2026, 1, 1))  # Q2
    world.service(labor, dt.date(2025, 11, 5), category="legal_services")
    world.service(unknown, dt.date(2026, 2, 2))
    world.service(labor, dt.date(2026, 2, 2), deleted_at=NOW)  # soft-deleted: never counted
    world.service(labor, dt.date(2025, 9, 30))  # FY2025
    board = build_dashboard(world.tf, FY2026)
    rows = table(board, "survivors")
    # Quarter: sex, labor, both, not known, all
    assert rows["FY2026Q1"] == ["1", "1", "0", "0", "2"]
    assert rows["FY2026Q2"] == ["1", "0", "0", "1", "2"]
    assert rows["FY2026Q3"] == ["0", "0", "0", "0", "0"]
    services = table(board, "services")
    assert services  # case management and legal services, clients and services
    clients = column(board, "services", "Clients")
    delivered = column(board, "services", "Services delivered")
    assert [v for k, v in clients.items() if "egal" in k] == ["1"]
    assert [v for k, v in delivered.items() if "anagement" in k] == ["4"]


@time_machine.travel(NOW, tick=False)
def test_survivors_served_agrees_with_the_quarterly_report(world):
    from ally.reports.engine import build_report

    for i in range(7):
        c = world.client(trafficking_type=("sex", "labor", "both")[i % 3])
        world.service(c, dt.date(2025, 11, 1) + dt.timedelta(days=i * 20))
    board = build_dashboard(world.tf, FY2026)
    rows = table(board, "survivors")
    for quarter in ("FY2026Q1", "FY2026Q2"):
        report = build_report("ovc", task_force=world.tf, quarter=quarter)
        served = next(m for m in report.measures() if m.id == "clients_served")
        assert rows[quarter][-1] == served.total.shown
        by_type = {r.value: r.cell.shown for b in served.breakdowns if b.id == "trafficking_type" for r in b.rows}
        assert rows[quarter][0] == by_type.get("sex", "0")
        assert rows[quarter][1] == by_type.get("labor", "0")


@time_machine.travel(NOW, tick=False)
def test_investigation_funnel(world):
    full = world.investigation(dt.date(2025, 11, 1), trafficking_type="sex")
    world.arrest(full, dt.date(2025, 12, 1), subject=world.subject(full))
    world.prosecution(full, category="trafficking", disposition="plea")
    related = world.investigation(dt.date(2026, 1, 10))
    world.arrest(related, dt.date(2026, 1, 20), subject=world.subject(related))
    world.prosecution(related, category="related", disposition="convicted")  # convicted, but no trafficking charge
    victim_only = world.investigation(dt.date(2026, 2, 1))
    world.arrest(victim_only, dt.date(2026, 2, 2), victim=world.victim(victim_only))  # a victim's arrest: not a stage
    world.investigation(dt.date(2026, 3, 1), purged_at=NOW)  # purged: never counted
    world.investigation(dt.date(2025, 9, 1))  # before the period
    board = build_dashboard(world.tf, FY2026)
    counts = column(board, "investigations", "Investigations")
    assert list(counts.values()) == ["3", "2", "2", "1", "2"]
    assert column(board, "investigations", "Share of those opened")["With an arrest of a suspect"] == "67%"
    svg = str(section(board, "investigations").chart)
    assert "2 (67%)" in svg and "1. Investigations opened" in svg


@time_machine.travel(NOW, tick=False)
def test_identified_victims_arrested_or_charged_by_quarter(world):
    first = world.investigation(dt.date(2025, 10, 5))
    one, two = world.victim(first, is_minor=True), world.victim(first)
    world.arrest(first, dt.date(2025, 10, 6), victim=one)
    world.arrest(first, dt.date(2025, 10, 7), victim=one, kind="charge")  # same victim, same quarter
    world.arrest(first, dt.date(2026, 4, 2), victim=two)
    world.arrest(first, dt.date(2026, 4, 3), victim=two, removed_at=NOW)  # removed: not counted
    world.arrest(first, dt.date(2025, 10, 8), subject=world.subject(first))  # a suspect: not counted
    board = build_dashboard(world.tf, FY2026)
    rows = table(board, "victims_arrested")
    assert rows["FY2026Q1"] == ["1", "1", "1", "1"]
    assert rows["FY2026Q2"] == ["0", "0", "0", "0"]
    assert rows["FY2026Q3"] == ["1", "1", "0", "0"]
    assert rows["Whole period"][0] == "2"


@time_machine.travel(NOW, tick=False)
def test_referral_timeliness_by_urgency(world):
    sent = dt.datetime(2026, 1, 5, 9, 0, tzinfo=CHICAGO)
    world.referral(sent, acknowledged_at=sent + dt.timedelta(hours=2), accepted_at=sent + dt.timedelta(hours=4))
    world.referral(sent, acknowledged_at=sent + dt.timedelta(hours=4), accepted_at=sent + dt.timedelta(hours=8))
    world.referral(sent, acknowledged_at=sent + dt.timedelta(days=5))  # late
    world.referral(sent)  # never acknowledged, past target
    world.referral(sent, urgency="emergency", ack_due_at=sent + dt.timedelta(hours=1))  # past target
    world.referral(dt.datetime(2025, 9, 30, 23, 0, tzinfo=CHICAGO))  # FY2025
    board = build_dashboard(world.tf, FY2026)
    rows = table(board, "referrals")
    assert rows["Routine"][:6] == ["4", "2", "1", "1", "0", "50%"]
    assert rows["Routine"][6] == "4 h"  # median of 2, 4 and 120 hours
    assert rows["Routine"][7] == "6 h"
    assert rows["Emergency"][:5] == ["1", "0", "0", "1", "0"]
    assert rows["Urgent"][0] == "0"


@time_machine.travel(NOW, tick=False)
def test_labor_versus_sex(world):
    world.service(world.client(trafficking_type="labor"), dt.date(2025, 11, 1))
    world.service(world.client(trafficking_type="both"), dt.date(2025, 11, 1))
    world.tip(dt.datetime(2025, 10, 1, 0, 30, tzinfo=CHICAGO), trafficking_type="sex")
    world.tip(dt.datetime(2025, 9, 30, 23, 30, tzinfo=CHICAGO), trafficking_type="sex")  # before the period
    world.tip(dt.datetime(2026, 2, 1, tzinfo=CHICAGO))
    world.investigation(dt.date(2026, 3, 3), trafficking_type="sex")
    rows = table(build_dashboard(world.tf, FY2026), "labor_sex")
    assert rows["Clients served"] == ["0", "1", "1", "0", "2"]
    assert rows["Tips received"] == ["1", "0", "0", "1", "2"]
    assert rows["Investigations opened"] == ["1", "0", "0", "0", "1"]


@time_machine.travel(NOW, tick=False)
def test_activity_by_region(world, tf):
    north = factories.region(tf, "North", counties=["Dane County"], zip_codes=["53703"])
    factories.region(tf, "South", counties=["Rock"], zip_codes=["53511"])
    world.service(world.client(zip_code="53703"), dt.date(2025, 11, 1))
    world.service(world.client(zip_code="53703-1234"), dt.date(2025, 11, 1))
    world.service(world.client(zip_code="99999"), dt.date(2025, 11, 1))
    world.tip(dt.datetime(2026, 1, 1, 12, tzinfo=CHICAGO), county="dane")
    world.tip(dt.datetime(2026, 1, 1, 12, tzinfo=CHICAGO), county="Rock County")
    world.referral(dt.datetime(2026, 1, 2, 12, tzinfo=CHICAGO), to_organization=None, to_region=north)
    world.referral(dt.datetime(2026, 1, 2, 12, tzinfo=CHICAGO), person_county="Elsewhere")
    rows = table(build_dashboard(world.tf, FY2026), "regions")
    # Region: clients, tips, referrals, trainings, outreach
    assert rows["North"] == ["2", "1", "1", "0", "0"]
    assert rows["South"] == ["0", "1", "0", "0", "0"]
    assert rows["No region"] == ["1", "0", "1", "0", "0"]


@time_machine.travel(NOW, tick=False)
def test_training_section_lists_every_topic(world):
    from ally.trainings import catalog

    board = build_dashboard(world.tf, FY2026)
    rows = table(board, "training")
    assert len(rows) == len(catalog.topics().values) + 1
    assert rows["All topics"][:3] == ["0", "0", "0"]


# --- suppression and privacy --------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_small_counts_are_suppressed_on_page_and_api(world, coordinator):
    world.tf.small_cell_threshold = 5
    world.tf.save(update_fields=["small_cell_threshold"])
    for _i in range(6):
        world.service(world.client(trafficking_type="sex"), dt.date(2025, 11, 1))
    for _i in range(3):
        world.service(world.client(trafficking_type="labor"), dt.date(2025, 11, 1))
    board = build_dashboard(world.tf, FY2026)
    q1 = table(board, "survivors")["FY2026Q1"]
    # labor (3) is hidden; sex (6) is withheld, or the total 9 would give labor back
    assert q1 == ["withheld", "1–4", "0", "0", "9"]
    svg = str(section(board, "survivors").chart)
    assert ">3<" not in svg and "1–4" in svg
    response = Api(coordinator).get("/dashboards/survivors", period="FY2026")
    data = response.json()
    assert data["small_cell_threshold"] == 5
    row = next(r for r in data["section"]["tables"][0]["rows"] if r["label"] == "FY2026Q1")
    labor = row["values"][1]
    assert labor == {"count": None, "shown": "1–4", "percent": None, "suppressed": True}
    assert [v["count"] for v in row["values"]] == [None, None, 0, 0, 9]


@time_machine.travel(NOW, tick=False)
def test_page_shows_charts_and_tables_and_no_identifying_text(world, coordinator):
    c = world.client(trafficking_type="sex", zip_code="53703")
    world.service(c, dt.date(2025, 11, 1))
    inv = world.investigation(dt.date(2025, 11, 2))
    world.arrest(inv, dt.date(2025, 11, 3), victim=world.victim(inv))
    world.tip(dt.datetime(2025, 11, 3, tzinfo=CHICAGO))
    world.prosecution(inv, category="trafficking")
    world.referral(dt.datetime(2025, 11, 3, tzinfo=CHICAGO))
    response = login(coordinator).get(reverse("dashboard"), {"period": "FY2026"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "SENTINEL" not in html and "INV-" not in html
    assert html.count('role="img"') == len(SECTIONS)
    assert html.count("<table") == len(SECTIONS)
    assert "<script" not in html.split("<main", 1)[-1].split("</main>", 1)[0]
    for chart in html.split("<svg")[1:]:
        ET.fromstring("<svg" + chart.split("</svg>", 1)[0] + "</svg>")  # noqa: S314 — our own output
    assert 'selected>Fiscal year 2026' in html
    api = Api(coordinator).get("/dashboard", period="FY2026").content.decode()
    assert "SENTINEL" not in api and "INV-" not in api
    assert [s["id"] for s in json.loads(api)["sections"]] == list(SECTIONS)


# --- queries ----------------------------------------------------------------------------------


def _fill(world: World, tf: Any, n: int) -> None:
    region = factories.region(tf, counties=["Dane"], zip_codes=["53703"])
    for i in range(n):
        c = world.client(trafficking_type=("sex", "labor")[i % 2], zip_code="53703")
        world.service(c, dt.date(2025, 10, 2) + dt.timedelta(days=30 * i), category=("case_management", "legal_services")[i % 2])
        inv = world.investigation(dt.date(2025, 10, 2) + dt.timedelta(days=20 * i))
        world.arrest(inv, dt.date(2025, 12, 1), victim=world.victim(inv))
        world.arrest(inv, dt.date(2025, 12, 1), subject=world.subject(inv))
        world.prosecution(inv, category="trafficking", disposition="plea")
        sent = dt.datetime(2025, 11, 1, tzinfo=CHICAGO) + dt.timedelta(days=i)
        world.tip(sent, county="Dane")
        world.referral(sent, acknowledged_at=sent + dt.timedelta(hours=i + 1), to_region=region, to_organization=None)


@time_machine.travel(NOW, tick=False)
def test_a_fixed_number_of_queries_whatever_the_number_of_records(world, tf, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _fill(world, tf, 2)
    with CaptureQueriesContext(connection) as few:
        build_dashboard(tf, FY2026)
    _fill(world, tf, 6)
    with django_assert_num_queries(len(few.captured_queries)):
        board = build_dashboard(tf, FY2026)
    assert table(board, "victims_arrested")["FY2026Q1"][0] == "8"
    assert len(few.captured_queries) <= 25


def test_quarters_of_a_fiscal_year_start_in_october():
    assert FY2026.quarters[0] == FiscalQuarter(2026, 1)
    assert FY2026.first_day == dt.date(2025, 10, 1) and FY2026.last_day == dt.date(2026, 9, 30)


# --- the demo part ----------------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_demo_part_adds_a_falling_number_of_victims_arrests(world):
    from ally.audit.models import AuditEvent
    from ally.demo.reports import TREND, build
    from ally.investigations.models import Arrest

    today = NOW.date()
    quarters = [FiscalQuarter.containing(today)]
    while len(quarters) < 8:
        quarters.insert(0, quarters[0].previous())
    inv = world.investigation(quarters[0].first_day)
    victims = []
    for quarter in quarters:
        for i in range(12):
            victims.append(world.victim(inv, identified_on=quarter.first_day + dt.timedelta(days=i)))
    already = world.victim(inv, identified_on=quarters[0].first_day)
    world.arrest(inv, quarters[0].first_day, victim=already)
    events = AuditEvent.objects.count()
    added = build(world.tf, seed=3, today=today)
    arrests = Arrest.objects.filter(victim__isnull=False).exclude(victim=already)
    assert added == arrests.count() > 0
    assert Arrest.objects.filter(victim=already).count() == 1  # a victim already arrested is left alone
    assert all(a.on <= today and a.on >= a.victim.identified_on for a in arrests)
    assert arrests.values("victim").distinct().count() == added  # each victim once
    rows: dict[str, list[str]] = {}
    for year in sorted({q.year for q in quarters}):
        rows |= table(build_dashboard(world.tf, parse_period(f"FY{year}", today)), "victims_arrested")
    counts = [int(rows[str(q)][0]) for q in quarters]
    assert counts[0] > counts[-1] and counts[:-1] == sorted(counts[:-1], reverse=True)
    assert sum(TREND) >= added - 1
    assert AuditEvent.objects.count() == events + 1  # one event per agency


# --- the security review: nothing hidden can be worked out ----------------------------------------


def _threshold(world: World, n: int = 5) -> None:
    world.tf.small_cell_threshold = n
    world.tf.save(update_fields=["small_cell_threshold"])


@time_machine.travel(NOW, tick=False)
def test_a_hidden_region_cannot_be_had_from_the_totals_shown_elsewhere(world, tf):
    _threshold(world)
    factories.region(tf, "North", counties=["Dane"], zip_codes=["53703"])
    factories.region(tf, "South", counties=["Rock"], zip_codes=["53511"])
    for _i in range(6):
        world.service(world.client(zip_code="53703"), dt.date(2025, 11, 1))
        world.tip(dt.datetime(2026, 1, 1, 12, tzinfo=CHICAGO), county="Dane")
    for _i in range(3):
        world.service(world.client(zip_code="53511"), dt.date(2025, 11, 1))
        world.tip(dt.datetime(2026, 1, 1, 12, tzinfo=CHICAGO), county="Rock")
    board = build_dashboard(world.tf, FY2026)
    # The period's totals are shown (9 clients, 9 tips): North's 6 would give South's 3 back.
    assert table(board, "labor_sex")["Clients served"][-1] == "9"
    assert table(board, "labor_sex")["Tips received"][-1] == "9"
    rows = table(board, "regions")
    assert rows["South"][:2] == ["1–4", "1–4"]
    assert rows["North"][:2] == ["withheld", "withheld"]
    svg = str(section(board, "regions").chart)
    assert ": 6<" not in svg and "Clients served: withheld" in svg and "Clients served: 1–4" in svg


@time_machine.travel(NOW, tick=False)
def test_a_hidden_quarter_of_victims_arrested_cannot_be_had_from_the_years_total(world):
    _threshold(world)
    inv = world.investigation(dt.date(2025, 10, 5))
    for _i in range(6):
        world.arrest(inv, dt.date(2025, 10, 6), victim=world.victim(inv))
    for _i in range(3):
        world.arrest(inv, dt.date(2026, 1, 6), victim=world.victim(inv))
    board = build_dashboard(world.tf, FY2026)
    rows = table(board, "victims_arrested")
    assert rows["Whole period"][0] == "9"
    assert rows["FY2026Q2"][0] == "1–4"
    assert rows["FY2026Q1"][0] == "withheld"  # 9 − 6 would be the hidden quarter
    assert ">6<" not in str(section(board, "victims_arrested").chart)


@time_machine.travel(NOW, tick=False)
def test_rows_are_not_ordered_by_their_hidden_counts(world, monkeypatch):
    from types import SimpleNamespace

    from ally.survivors import vocabularies

    _threshold(world)
    (big, big_label), *small = sorted(vocabularies.choices("service_category"), key=lambda c: c[1])[:3]
    (first, first_label), (second, second_label) = small
    for _i in range(6):
        world.service(world.client(), dt.date(2025, 11, 1), category=big)
    for _i in range(3):
        world.service(world.client(), dt.date(2025, 11, 1), category=second)
    world.service(world.client(), dt.date(2025, 11, 1), category=first)
    board = build_dashboard(world.tf, FY2026)
    # The second label's 3 before the first's 1 would tell which hidden count is larger.
    assert list(table(board, "services")) == [big_label, first_label, second_label]

    def row(topic: str, people: int) -> Any:
        return SimpleNamespace(topic=topic, label=topic, sessions=1, people=people, external=0, region_gaps=0)

    fake = SimpleNamespace(rows=(row("Alpha", 1), row("Bravo", 4), row("Delta", 0), row("Charlie", 7)),
                           sessions=4, people_trained=12, external_attendees=0)
    monkeypatch.setattr("ally.trainings.queries.coverage", lambda *args: fake)
    monkeypatch.setattr("ally.trainings.queries.professionals_trained", lambda *args: 12)
    rows = table(build_dashboard(world.tf, FY2026, sections=["training"]), "training")
    assert list(rows) == ["Charlie", "Alpha", "Bravo", "Delta", "All topics"]


@time_machine.travel(NOW, tick=False)
def test_a_median_of_fewer_values_than_the_threshold_is_not_shown(world):
    _threshold(world)
    sent = dt.datetime(2026, 1, 5, 9, 0, tzinfo=CHICAGO)
    world.referral(sent, acknowledged_at=sent + dt.timedelta(hours=7), accepted_at=sent + dt.timedelta(hours=9))
    for _i in range(5):
        world.referral(sent, withdrawn_at=sent + dt.timedelta(hours=1))
    rows = table(build_dashboard(world.tf, FY2026), "referrals")
    assert rows["Routine"][0] == "6"  # six referrals, but one duration each
    assert "7" not in rows["Routine"][6] and rows["Routine"][6].startswith("not shown")
    assert "9" not in rows["Routine"][7] and rows["Routine"][7].startswith("not shown")


@time_machine.travel(NOW, tick=False)
def test_the_stacked_chart_writes_each_hidden_cell_as_the_table_does(world):
    _threshold(world)
    for _i in range(6):
        world.service(world.client(trafficking_type="sex"), dt.date(2025, 11, 1))
    for _i in range(3):
        world.service(world.client(trafficking_type="labor"), dt.date(2025, 11, 1))
    board = build_dashboard(world.tf, FY2026)
    shown = table(board, "survivors")["FY2026Q1"]
    svg = str(section(board, "survivors").chart)
    assert " · ".join(shown[:4]) in svg
    assert shown[0] == "withheld" and "Sex trafficking withheld, Labor trafficking 1–4" in svg


@time_machine.travel(NOW, tick=False)
def test_a_hidden_urgency_cannot_be_had_from_the_regions_total(world):
    _threshold(world)
    sent = dt.datetime(2026, 1, 5, 9, 0, tzinfo=CHICAGO)
    for _i in range(6):
        world.referral(sent)
    for _i in range(3):
        world.referral(sent, urgency="emergency", ack_due_at=sent + dt.timedelta(hours=1))
    board = build_dashboard(world.tf, FY2026)
    assert table(board, "regions")["No region"][2] == "9"  # every referral, by region
    rows = table(board, "referrals")
    assert rows["Emergency"][0] == "1–4"
    assert rows["Routine"][0] == "withheld" and rows["Routine"][5] == "—"  # 9 − 6 would give 3 back
