"""`ally report`: the command line writes the same reports, and its files hold the tables and
charts (the "Done when" check: unzip the workbook, read the PDF's text and look at its pixels)."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import shutil
import subprocess
import zipfile

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from ally.audit.models import AuditEvent
from ally.cli import main
from ally.reports.engine import build_report
from tests import factories

Q1, Q2 = "FY2026Q1", "FY2026Q2"
BAR_COLOUR = (0x1F, 0x4E, 0x79)  # the solid fill of ally.reports.charts' first series
pytestmark = pytest.mark.django_db

POPPLER = shutil.which("pdftotext") is not None and shutil.which("pdftoppm") is not None
needs_poppler = pytest.mark.skipif(
    not POPPLER and not os.environ.get("ALLY_REQUIRE_BROWSER"),
    reason="pdftotext/pdftoppm (Debian poppler-utils) are not installed",
)


@pytest.fixture
def seeded(tf, vsp, engine_records):
    """A task force whose VSP served clients in two quarters (a sex/labor mix, some services)."""
    for i in range(9):
        client = engine_records.client(
            vsp, trafficking_type="labor" if i % 3 == 0 else "sex", gender="Feminine", legal_name=f"SENTINEL-NAME-{i}"
        )
        engine_records.service(client, dt.date(2025, 10, 3 + i), category="case_management")
        engine_records.service(client, dt.date(2025, 11, 3 + i), category="medical" if i % 2 else "legal")
        if i < 5:
            engine_records.service(client, dt.date(2026, 2, 3 + i))
    return tf


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def _measures(report):
    return {m.id: m for m in report.measures()}


def test_json_to_stdout_is_the_report(seeded):
    for quarter in (Q1, Q2):
        answer = json.loads(_run("ovc", "--task-force", "--quarter", quarter, "--format", "json"))
        assert answer["sections"] == build_report("ovc", task_force=seeded, quarter=quarter).as_dict()["sections"]
        assert "SENTINEL" not in json.dumps(answer)
    event = AuditEvent.objects.filter(event_type="report.exported").latest("sequence")
    assert event.actor_id is None
    assert event.changes["quarter"] == Q2 and event.changes["format"] == "json"


def test_csv_to_stdout_for_an_organization(seeded, vsp):
    text = _run("ovc", "--org", vsp.slug, "--quarter", Q1, "--format", "csv")
    report = build_report("ovc", task_force=seeded, quarter=Q1, organization=vsp)
    served = _measures(report)["clients_served"].total.count
    assert served == 9
    assert f"clients_served,{_measures(report)['clients_served'].label},,,Total,9,9," in text
    event = AuditEvent.objects.filter(event_type="report.exported").latest("sequence")
    assert event.changes["scope"] == "organization" and event.organization_id == vsp.pk


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope", "--task-force", "--quarter", Q1], "There is no report catalogue “nope”"),
        (["ovc", "--task-force", "--quarter", "FY2026Q9"], "is not a fiscal quarter"),
        (["ovc", "--org", "nobody", "--quarter", Q1], "no organization with the slug 'nobody'"),
        (["ovc", "--task-force", "--quarter", Q1, "--format", "xlsx"], "--format xlsx writes a binary file: give it with --output FILE"),
        (["ovc", "--task-force", "--quarter", Q1, "--format", "pdf"], "--format pdf writes a binary file"),
        (["ovc", "--task-force", "--quarter", Q1, "--task-force-slug", "elsewhere"], "no task force with the slug 'elsewhere'"),
    ],
)
def test_errors_are_one_clear_line(seeded, args, message):
    with pytest.raises(CommandError, match=re.escape(message)):
        _run(*args)
    assert not AuditEvent.objects.filter(event_type="report.exported").exists()


def test_several_task_forces_need_a_slug(seeded):
    other = factories.task_force("Elsewhere Task Force")
    with pytest.raises(CommandError, match="several task forces exist .*: name one with --task-force-slug"):
        _run("ovc", "--task-force", "--quarter", Q1)
    answer = json.loads(_run("ovc", "--task-force", "--quarter", Q1, "--task-force-slug", other.slug))
    assert answer["task_force"] == other.name


def test_through_the_ally_command(seeded, capsys):
    assert main(["report", "ovc", "--task-force", "--quarter", Q1, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["quarter"] == Q1


def test_an_error_through_the_ally_command_is_one_line(seeded, capsys):
    # (one call per test: the command closes the database connection when it ends)
    assert main(["report", "ovc", "--task-force", "--quarter", "next"]) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "is not a fiscal quarter" in err[0]


def test_xlsx_holds_tables_definitions_and_native_charts(seeded, tmp_path):
    path = tmp_path / "report.xlsx"
    _run("ovc", "--task-force", "--quarter", Q1, "--format", "xlsx", "--output", str(path))
    report = build_report("ovc", task_force=seeded, quarter=Q1)
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        charts = sorted(n for n in names if re.fullmatch(r"xl/charts/chart\d+\.xml", n))
        assert len(charts) == sum(len(m.breakdowns) for m in report.measures())
        # every chart is drawn on a section sheet: sheet → drawing → chart
        referenced = set()
        for rels in (n for n in names if re.fullmatch(r"xl/worksheets/_rels/sheet\d+\.xml\.rels", n)):
            for drawing in re.findall(r'Target="/?(?:\.\./)?(?:xl/)?drawings/(drawing\d+\.xml)"', archive.read(rels).decode()):
                drawing_rels = archive.read(f"xl/drawings/_rels/{drawing}.rels").decode()
                referenced |= {f"xl/charts/{c}" for c in re.findall(r"charts/(chart\d+\.xml)", drawing_rels)}
        assert referenced == set(charts)
        assert not any(b"SENTINEL" in archive.read(n) for n in names)  # counts, never a person
    book = load_workbook(path)
    assert book.sheetnames[0] == "Report" and book.sheetnames[-1] == "Definitions"
    assert book.sheetnames[1:-1] == [s.title[:28] for s in report.sections]
    definitions = [row[0] for row in book["Definitions"].iter_rows(min_row=2, values_only=True)]
    assert definitions == [m.id for m in report.measures()]
    for section, sheet_name in zip(report.sections, book.sheetnames[1:-1], strict=True):
        rows = list(book[sheet_name].iter_rows(values_only=True))
        for measure in section.measures:
            start = next(i for i, r in enumerate(rows) if r[0] == measure.label and r[3] == measure.id)
            assert rows[start + 1][:2] == ("Total", measure.total.count if measure.total.count is not None else measure.total.shown)
            for breakdown in measure.breakdowns:
                header = next(i for i in range(start, len(rows)) if rows[i][0] == breakdown.label and rows[i][1] == "Count")
                for offset, row in enumerate(breakdown.rows, start=1):
                    expected = row.cell.count if row.cell.count is not None else row.cell.shown
                    assert rows[header + offset][1] == expected


@needs_poppler
def test_pdf_holds_tables_and_chart_pixels(seeded, tmp_path):
    from PIL import Image

    path = tmp_path / "report.pdf"
    _run("ovc", "--task-force", "--quarter", Q1, "--format", "pdf", "--output", str(path))
    report = build_report("ovc", task_force=seeded, quarter=Q1)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert report.catalogue_title in text and Q1 in text
    assert "SENTINEL" not in text
    for measure in report.measures():
        assert measure.label in text
        for breakdown in measure.breakdowns:
            assert breakdown.label in text
    served = _measures(report)["clients_served"]
    assert served.total.shown == "9"
    assert re.search(r"Total:\s+9\b", text)
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(path), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page*.png"))
    assert len(pages) >= 2

    def bar_pixels(png) -> int:
        image = Image.open(png).convert("RGB")
        colours = image.getcolors(image.width * image.height) or []
        return sum(
            n for n, pixel in colours if all(abs(a - b) <= 12 for a, b in zip(pixel, BAR_COLOUR, strict=True))
        )

    assert bar_pixels(pages[0]) == 0  # the cover: no chart
    assert max(bar_pixels(p) for p in pages[1:]) > 50
