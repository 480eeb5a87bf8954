"""An export re-imported into an empty organization reproduces the same clients (CSV and XLSX)."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from ally.audit.models import AuditEvent
from ally.htcds.export import export_clients
from ally.htcds.importer import import_clients
from ally.htcds.mapping import mapping
from ally.survivors.models import Client
from tests.htcds.conftest import MAPPED, rich_clients


def snapshot(org):
    return [
        {name: getattr(c, name) for name in MAPPED}
        for c in Client.objects.filter(organization=org, deleted_at__isnull=True).order_by("legal_name")
    ]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_reimported_into_an_empty_organization_is_the_same_clients(vsp, vsp_admin, empty_vsp, empty_admin, fmt):
    rich_clients(vsp, vsp_admin)
    file = export_clients(vsp, fmt=fmt, acting_user=vsp_admin)
    assert file.count == 2
    assert b"SENTINEL-DELETED" not in file.content
    result = import_clients(empty_vsp, file.content, acting_user=empty_admin)
    assert result.problems == []
    assert len(result.created) == 2
    assert snapshot(empty_vsp) == snapshot(vsp)
    assert all(list(c.advocates.all()) == [empty_admin] for c in Client.objects.filter(organization=empty_vsp))
    exported = AuditEvent.objects.get(event_type="htcds.exported")
    assert exported.changes == {"count": 2, "format": fmt} and exported.organization_id == vsp.pk
    imported = AuditEvent.objects.get(event_type="htcds.imported")
    assert imported.changes == {"count": 2, "format": fmt} and imported.organization_id == empty_vsp.pk
    assert AuditEvent.objects.filter(event_type="client.created", organization_id=empty_vsp.pk).count() == 2


def test_the_csv_has_only_the_header_and_client_rows_and_guards_formulas(vsp, vsp_admin):
    rich_clients(vsp, vsp_admin)
    rows = list(csv.reader(io.StringIO(export_clients(vsp, fmt="csv", acting_user=vsp_admin).content.decode("utf-8-sig"))))
    assert rows[0] == mapping().headers()
    assert len(rows) == 3  # no comment or attribution row among the data
    assert rows[0][:3] == ["prs_FirstName", "prs_MiddleName", "prs_SecondName"]
    cells = [cell for row in rows[1:] for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert "'+1 608 555 0101" in cells
    assert "'=HYPERLINK(\"http://evil\"); Pepa" in cells
    by_header = dict(zip(rows[0], rows[2], strict=True))  # María José sorts after Ana
    assert by_header["prs_FirstName"] == "María" and by_header["prs_SecondName"] == "José García-López"
    assert by_header["prs_PrimaryLanguage"] == "es" and by_header["prs_SecondaryLanguage"] == "en; quc; Otomí"
    assert by_header["vic_MethodsOfControl"] == "DebtBondage; WithholdsDocuments"


def test_the_workbook_has_clients_fields_and_about_sheets_without_formulas(vsp, vsp_admin):
    rich_clients(vsp, vsp_admin)
    book = openpyxl.load_workbook(io.BytesIO(export_clients(vsp, fmt="xlsx", acting_user=vsp_admin).content))
    assert book.sheetnames == ["Clients", "Fields", "About"]
    clients = book["Clients"]
    assert [c.value for c in clients[1]] == mapping().headers()
    assert clients.max_row == 3
    assert all(cell.data_type != "f" for row in clients.iter_rows() for cell in row)
    fields = [row[0] for row in book["Fields"].iter_rows(min_row=2, values_only=True)]
    assert fields == mapping().headers()
    about = {row[0]: row[1] for row in book["About"].iter_rows(values_only=True)}
    assert "CC BY 4.0" in about["Attribution"] and "IOM" in about["Attribution"]
    assert about["Clients"] == 2
