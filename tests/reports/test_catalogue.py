"""Measure catalogues as data: versions by fiscal year, and located errors for broken ones."""

from __future__ import annotations

import json
import shutil

import pytest
from django.utils import translation

from ally.reports import catalogue as catalogues
from ally.reports.catalogue import CatalogueError, catalogue_ids, load_catalogue


def test_the_shipped_catalogues_load():
    assert catalogue_ids() == ["le", "ovc"]
    for catalogue_id in catalogue_ids():
        for year in catalogues.versions(catalogue_id):
            catalogue = load_catalogue(catalogue_id, year)
            assert catalogue.measures() and catalogue.version == f"FY{year}"
            for measure in catalogue.measures():
                assert measure.label.get("es") and measure.definition.get("es") and measure.records.get("es")


def test_the_newest_version_not_after_the_fiscal_year_is_used():
    assert catalogues.versions("ovc") == [2025, 2026]
    assert load_catalogue("ovc", 2025).version == "FY2025"
    assert load_catalogue("ovc", 2026).version == "FY2026"
    assert load_catalogue("ovc", 2030).version == "FY2026"
    fy2025 = {b.id for b in load_catalogue("ovc", 2025).measure("clients_served").breakdowns}
    fy2026 = {b.id for b in load_catalogue("ovc", 2026).measure("clients_served").breakdowns}
    assert fy2026 - fy2025 == {"trafficking_status"}
    assert load_catalogue("le", 2027).version == "FY2025"


def test_an_unknown_catalogue_or_year_is_refused():
    with pytest.raises(CatalogueError, match="Unknown catalogue 'bja'.*le, ovc"):
        load_catalogue("bja", 2026)
    with pytest.raises(CatalogueError, match="Unknown catalogue"):
        load_catalogue("../ovc", 2026)
    with pytest.raises(CatalogueError, match="no version for FY2024"):
        load_catalogue("ovc", 2024)


def test_labels_follow_the_language():
    catalogue = load_catalogue("ovc", 2026)
    with translation.override("es"):
        assert catalogues.text(catalogue.measure("clients_served").label) == "Clientes atendidos"
    with translation.override("en"):
        assert catalogues.text(catalogue.measure("clients_served").label) == "Clients served"


@pytest.fixture
def broken(tmp_path):
    """A copy of the shipped catalogues to break: edit(file, change) rewrites one file."""
    shutil.copytree(catalogues.CATALOGUE_DIR, tmp_path, dirs_exist_ok=True)

    def edit(name, change):
        path = tmp_path / name
        data = json.loads(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(json.dumps(data), encoding="utf-8")
        return tmp_path

    return edit


def _served(data):
    return data["sections"][0]["measures"][0]


def test_a_breakdown_on_a_missing_field_names_file_measure_and_field(broken):
    def change(data):
        _served(data)["breakdowns"].append({"id": "eye_colour", "label": "Eye colour", "field": "eye_colour",
                                            "values": [{"value": "blue", "label": "Blue"}]})

    directory = broken("ovc/FY2026.json", change)
    with pytest.raises(CatalogueError) as error:
        load_catalogue("ovc", 2026, directory=directory)
    message = str(error.value)
    assert "ovc/FY2026.json" in message and "measure clients_served" in message and "'eye_colour'" in message
    assert load_catalogue("ovc", 2025, directory=directory).version == "FY2025"  # the other version is fine


def test_a_filter_on_a_missing_field_is_refused(broken):
    directory = broken("le/FY2025.json", lambda d: d["sections"][0]["measures"][0].update(filter={"colour": "red"}))
    with pytest.raises(CatalogueError, match=r"le/FY2025.json, measure investigations_opened: filter names field 'colour'"):
        load_catalogue("le", 2025, directory=directory)


def test_a_shared_breakdown_on_a_field_the_records_lack_is_refused(broken):
    directory = broken("le/FY2025.json", lambda d: d["sections"][0]["measures"][0]["breakdowns"].append("gender"))
    with pytest.raises(CatalogueError, match="measure investigations_opened: breakdown gender names field 'gender'"):
        load_catalogue("le", 2025, directory=directory)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: _served(d)["breakdowns"].append("shoe_size"), "unknown breakdown 'shoe_size'"),
        (lambda d: _served(d).update(source="client_files"), "unknown source 'client_files'"),
        (lambda d: _served(d).update(count="advocate"), "field 'count'.*cannot count 'advocate'"),
        (lambda d: _served(d).pop("label"), "measure clients_served: 'label'"),
        (lambda d: d.update(first_fiscal_year=2027), "'first_fiscal_year' must be 2026"),
        (lambda d: d["sections"][1]["measures"].append(_served(d)), "measure clients_served: the id is used twice"),
    ],
)
def test_other_mistakes_are_located(broken, change, expected):
    directory = broken("ovc/FY2026.json", change)
    with pytest.raises(CatalogueError, match=expected):
        load_catalogue("ovc", 2026, directory=directory)


def test_a_file_that_is_not_json_is_refused(broken, tmp_path):
    directory = broken("ovc/FY2026.json", lambda d: None)
    (directory / "ovc" / "FY2026.json").write_text('{"id": "ovc",', encoding="utf-8")
    with pytest.raises(CatalogueError, match="FY2026.json: not valid JSON \\(line 1"):
        load_catalogue("ovc", 2026, directory=directory)


def test_a_broken_shared_breakdowns_file_is_refused(broken):
    directory = broken("breakdowns.json", lambda d: d["breakdowns"][0].update(vocabulary="colours"))
    with pytest.raises(CatalogueError, match="breakdowns.json, breakdown new_continuing: unknown vocabulary 'colours'"):
        load_catalogue("ovc", 2026, directory=directory)


def test_the_report_engine_refuses_an_unknown_catalogue(tf):
    from ally.reports.engine import build_report

    with pytest.raises(CatalogueError, match="Unknown catalogue"):
        build_report("nope", task_force=tf, quarter="FY2026Q1")
    with pytest.raises(ValueError, match="not a fiscal quarter"):
        build_report("ovc", task_force=tf, quarter="2026-Q1")
