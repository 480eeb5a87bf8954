"""Exporting one organization's clients (not deleted) in HTCDS v2.0 form, as CSV or XLSX.

CSV: one header row of column names, one row per client; nothing else (a comment row would be
read as data), so the CC BY 4.0 attribution lives in the XLSX "About" sheet, on the page and in
the README. XLSX: sheet "Clients" (the same table), sheet "Fields" (each column: HTCDS label,
Ally field, type, allowed values, description) and sheet "About" (standard, attribution, counts).

Formula injection: a CSV cell starting with ``=``, ``+``, ``-``, ``@``, a tab, a carriage return
or an apostrophe gets one leading apostrophe (a spreadsheet then shows text, not a formula); the
importer removes exactly that apostrophe, so the file re-imports to the same values. Every XLSX
string cell, on every sheet (the organization's name in "About" too), is written as typed text with
the quote-prefix style: never a formula, and no visible change. Control characters a workbook
cannot hold (other than tab, line feed and carriage return) become U+FFFD in the XLSX.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from ally.access.reports import access_interchange_organization
from ally.accounts.models import User
from ally.audit.chain import record
from ally.audit.events import EventType
from ally.core.errors import InvalidInput
from ally.htcds.importer import GUARDED
from ally.htcds.mapping import export_row, mapping
from ally.survivors.models import Client
from ally.tenancy.models import Organization

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    filename: str
    content_type: str
    count: int


def guard(value: str) -> str:
    """A CSV cell a spreadsheet will not run as a formula (undone by importer.unguard)."""
    return "'" + value if value.startswith(GUARDED) else value


def clients_of(organization: Organization) -> list[Client]:
    return list(
        Client.objects.filter(organization=organization, deleted_at__isnull=True).order_by("legal_name", "pk")
    )


def _csv(clients: list[Client]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(mapping().headers())
    for client in clients:
        writer.writerow([guard(_text(v)) for v in export_row(client)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM: spreadsheets then read UTF-8


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _put(sheet: Any, row: int, column: int, value: Any, *, bold: bool = False) -> None:
    """Write one cell of any sheet: dates as dates, numbers as numbers, and every string as typed
    text with the quote-prefix style (never a formula, whatever it starts with), without the
    control characters a workbook cannot hold (each becomes U+FFFD)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    cell = sheet.cell(row, column)
    if bold:
        cell.font = Font(bold=True)
    if value is None or value == "":
        return
    if isinstance(value, dt.date):
        cell.value = value
        cell.number_format = "yyyy-mm-dd"
    elif isinstance(value, int | float):  # bool is an int: written as TRUE/FALSE
        cell.value = value
    else:
        cell.value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", str(value))
        cell.data_type = "s"  # typed text: never a formula
        cell.quotePrefix = True


def _put_rows(sheet: Any, rows: list[list[Any]], *, bold_header: bool) -> None:
    for number, values in enumerate(rows, start=1):
        for position, value in enumerate(values, start=1):
            _put(sheet, number, position, value, bold=bold_header and number == 1)


def _xlsx(clients: list[Client], organization: Organization) -> bytes:
    from openpyxl import Workbook

    spec = mapping()
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Clients"
    _put_rows(sheet, [spec.headers(), *(export_row(client) for client in clients)], bold_header=True)
    sheet.freeze_panes = "A2"
    fields = book.create_sheet("Fields")
    _put_rows(fields, [
        ["Column", "HTCDS v2.0 field", "Label", "Ally field", "Type", "Allowed values", "Description"],
        *([
            column.column, "yes" if column.htcds else "no (Ally extension)", column.label, column.ally_field,
            column.kind, "; ".join(column.allowed_values()), column.description,
        ] for column in spec.columns),
    ], bold_header=True)  # fmt: skip
    about = book.create_sheet("About")
    _put_rows(about, [
        ["Standard", spec.standard],
        ["Attribution", spec.attribution],
        ["Mapping version", spec.version],
        ["Organization", organization.name],
        ["Exported at", timezone.now().isoformat(timespec="seconds")],
        ["Clients", len(clients)],
        ["Lists", "Multi-select values and lists are separated by semicolons."],
        ["Dates", "Dates are YYYY-MM-DD."],
    ], bold_header=False)  # fmt: skip
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def export_clients(organization: Organization, *, fmt: str, acting_user: User | None) -> ExportFile:
    """The organization's clients as an HTCDS file (its administrators only), audited."""
    if acting_user is not None:
        access_interchange_organization(acting_user, organization.pk)
    if fmt not in FORMATS:
        raise InvalidInput(_("Choose the format csv or xlsx."))
    clients = clients_of(organization)
    content = _csv(clients) if fmt == "csv" else _xlsx(clients, organization)
    record(
        EventType.HTCDS_EXPORTED,
        actor=acting_user,
        task_force=organization.task_force,
        organization=organization,
        changes={"count": len(clients), "format": fmt},
    )
    stamp = timezone.localdate().isoformat()
    return ExportFile(content, f"htcds-clients-{organization.slug}-{stamp}.{fmt}", FORMATS[fmt], len(clients))
