"""The quarterly-report benchmark at a very small size: the generator tops a task force up (and a
second run adds nothing), and DuckDB's counts over the extracted rows equal the engine's."""

from __future__ import annotations

import tempfile

import pytest

from ally.core.fiscal import FiscalQuarter
from ally.reports.engine import build_report
from bench import reports as bench
from tests import factories

pytestmark = pytest.mark.django_db


def test_generator_and_duckdb_equal_the_engine():
    tf = factories.task_force()
    factories.region(tf, name="North", zip_codes=["53701", "53702"])
    factories.region(tf, name="South", zip_codes=["53702", "53703"])  # 53702: North wins (by name)
    organizations = [factories.organization(tf) for _ in range(3)]

    assert bench.top_up(tf, clients=300, services=3000) > 0
    assert bench.sizes(tf) == (300, 3000)
    assert bench.top_up(tf, clients=300, services=3000) == 0  # kept: a second run reuses the rows
    assert bench.sizes(tf) == (300, 3000)

    quarter = FiscalQuarter.parse("FY2026Q2")
    measures = bench.service_measures("ovc", quarter)
    assert {m.id for m in measures} >= {"clients_served", "services_delivered"}
    with tempfile.TemporaryDirectory() as directory:
        services_path, regions_path, extracted = bench.extract(tf, directory)
        duck = bench.load_duckdb(services_path, regions_path)
    assert 0 < extracted <= 3000
    ids = {m.id for m in measures}

    expected = bench.duckdb_counts(duck, measures, quarter, None)
    exact = bench.engine_counts(
        build_report("ovc", task_force=tf, quarter=quarter, threshold=1), ids
    )
    assert bench.compare(exact, expected, "task force") == []
    total, found = expected["clients_served"]
    assert total > 0
    assert found["new_continuing"].get("continuing", 0) > 0  # the spread gives continuing clients
    assert set(found["region"]) <= {
        "",
        str(tf.regions.get(name="North").pk),
        str(tf.regions.get(name="South").pk),
    }

    by_organization = {
        o.pk: bench.duckdb_counts(duck, measures, quarter, o.pk) for o in organizations
    }
    busiest = max(organizations, key=lambda o: by_organization[o.pk]["services_delivered"][0])
    mine = by_organization[busiest.pk]
    assert 0 < mine["services_delivered"][0] < expected["services_delivered"][0]
    report = build_report("ovc", task_force=tf, quarter=quarter, organization=busiest)
    assert bench.compare(bench.engine_counts(report, ids), mine, "organization") == []

    # A wrong number is caught and named.
    wrong = dict(expected)
    wrong["clients_served"] = (total + 1, found)
    problems = bench.compare(exact, wrong, "task force")
    assert problems == [f"task force: clients_served total engine={total} duckdb={total + 1}"]
