"""The counting engine: a report from hand-built records, in one organization's scope and the task force's."""

from __future__ import annotations

import datetime as dt

from ally.core.fiscal import FiscalQuarter
from ally.reports.engine import build_report


def _measure(report, measure_id):
    return next(m for m in report.measures() if m.id == measure_id)


def _rows(measure, breakdown_id):
    breakdown = next(b for b in measure.breakdowns if b.id == breakdown_id)
    return {r.value: r.cell.count for r in breakdown.rows}


def test_smoke_ovc_and_le(tf, vsp, police, engine_records):
    a = engine_records.client(vsp, trafficking_type="sex", gender="Feminine", minor_at_intake=True)
    engine_records.service(a, dt.date(2025, 10, 5))
    engine_records.service(a, dt.date(2025, 11, 5), category="medical")
    engine_records.investigation(police, dt.date(2025, 10, 2))
    report = build_report("ovc", task_force=tf, quarter=FiscalQuarter.parse("FY2026Q1"), organization=vsp)
    served = _measure(report, "clients_served")
    assert served.total.count == 1
    assert _rows(served, "new_continuing") == {"new": 1, "continuing": 0}
    assert _rows(served, "age_group")["minor"] == 1
    assert _measure(report, "services_delivered").total.count == 2
    le = build_report("le", task_force=tf, quarter="FY2026Q1", threshold=1)
    assert _measure(le, "investigations_opened").total.count == 1
    assert report.as_dict()["sections"]


def _queries_for(tf, org, **kwargs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ovc:
        build_report("ovc", task_force=tf, quarter="FY2026Q2", organization=org, **kwargs)
    with CaptureQueriesContext(connection) as le:
        build_report("le", task_force=tf, quarter="FY2026Q2", organization=org, **kwargs)
    return len(ovc), len(le)


def test_the_number_of_queries_does_not_grow_with_the_records(tf, vsp, police, engine_records):
    def add(n):
        for i in range(n):
            client = engine_records.client(vsp, gender="Feminine" if i % 2 else "Masculine")
            engine_records.service(client, dt.date(2025, 12, 1))
            engine_records.service(client, dt.date(2026, 1, 5), category="medical")
            engine_records.service(client, dt.date(2026, 2, 5), category="dental")
            engine_records.referral(vsp, police, dt.datetime(2026, 2, 1, 12, tzinfo=dt.UTC), services=["medical", "dental"])
            engine_records.investigation(police, dt.date(2026, 1, 3 + i))

    add(2)
    few = _queries_for(tf, None, threshold=1), _queries_for(tf, vsp)
    add(6)
    many = _queries_for(tf, None, threshold=1), _queries_for(tf, vsp)
    assert few == many
    # One per measure total and one per breakdown (plus the regions): a bounded, known number.
    from ally.reports.catalogue import load_catalogue

    catalogue = load_catalogue("ovc", 2026)
    bound = 1 + sum(1 + len(m.breakdowns) for m in catalogue.measures()) + 3
    assert many[0][0] <= bound
    report = build_report("ovc", task_force=tf, quarter="FY2026Q2", threshold=1)
    assert _rows(_measure(report, "clients_served"), "new_continuing") == {"new": 0, "continuing": 8}


def test_an_organization_of_another_task_force_is_refused(tf, engine_records):
    import pytest

    from tests import factories

    elsewhere = factories.organization(factories.task_force("Elsewhere Task Force"), "Elsewhere Shelter")
    with pytest.raises(ValueError, match="not a member of this task force"):
        build_report("ovc", task_force=tf, quarter="FY2026Q1", organization=elsewhere)


def test_report_labels_are_translated(tf, vsp, engine_records):
    from django.utils import translation

    engine_records.service(engine_records.client(vsp, trafficking_type="labor"), dt.date(2025, 10, 9))
    with translation.override("es"):
        report = build_report("ovc", task_force=tf, quarter="FY2026Q1", organization=vsp)
    served = _measure(report, "clients_served")
    assert served.label == "Clientes atendidos"
    labels = {r.value: r.label for b in served.breakdowns if b.id == "trafficking_type" for r in b.rows}
    assert labels["labor"] == "Trata con fines de explotación laboral"
