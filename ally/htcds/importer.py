"""Importing clients from an HTCDS file (CSV or XLSX): every row validated first, then all or
nothing.

A file is read whole (at most ``MAX_BYTES`` and ``MAX_ROWS`` rows), its headers matched to the
mapping (known variant spellings accepted; HTCDS fields Ally does not keep are ignored and listed;
anything else refuses the file), and every row checked: dates, picklist values (value name or
label, any case), lengths, numbers, duplicates within the file and of clients already in the
organization. Any problem: nothing is imported, and every problem is reported as (row as a
spreadsheet shows it, column, reason). None: every client is created in one transaction through
``ally.survivors.actions.create_client`` (audited and validated as a typed-in client; the
importer becomes each client's advocate); if that action refuses one, everything is rolled back
and that row reported.

CSV cells that the export guarded against formula injection (a leading apostrophe before ``=``,
``+``, ``-``, ``@``, a tab, a carriage return or another apostrophe) lose that one apostrophe here,
so an export re-imports exactly. XLSX cells need no such guard: the export writes them as typed
text (never formulas), and the importer reads values, never formulas.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from ally.access.reports import access_interchange_organization
from ally.access.survivors import today_in
from ally.accounts.models import User
from ally.audit.chain import record
from ally.audit.events import EventType
from ally.core.errors import DomainError, InvalidInput
from ally.htcds.mapping import FALSE_WORDS, SEPARATOR, TRUE_WORDS, Column, mapping, normalize
from ally.survivors import actions as survivor_actions
from ally.survivors.models import Client
from ally.tenancy.models import Organization
from ally.tenancy.vocab import Discipline

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_UNPACKED = 50 * 1024 * 1024  # an XLSX workbook's unpacked size
MAX_RATIO = 100  # unpacked / packed, above RATIO_FLOOR unpacked bytes
RATIO_FLOOR = 1024 * 1024
COLUMN_SLACK = 20
# C0 control characters other than tab, line feed and carriage return (NUL included): no client
# field holds them, PostgreSQL refuses NUL, and a workbook cannot hold any of them.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
GUARDED = ("=", "+", "-", "@", "\t", "\r", "'")
MAX_AGE = 130


@dataclass(frozen=True)
class Problem:
    row: int | None  # as a spreadsheet numbers it (the header is row 1); None: the whole file
    column: str
    reason: str


@dataclass
class ImportResult:
    format: str
    rows: int = 0
    created: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)


class _Refused(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem


def unguard(text: str) -> str:
    """Undo the CSV export's formula guard (ally.htcds.export.guard)."""
    if len(text) >= 2 and text[0] == "'" and text[1] in GUARDED:
        return text[1:]
    return text


# Reading a file into a header and rows of cells.


def detect_format(content: bytes) -> str:
    return "xlsx" if content[:4] == b"PK\x03\x04" else "csv"


def read_table(content: bytes, fmt: str) -> tuple[list[Any], list[tuple[int, list[Any]]]]:
    """The header cells and the (spreadsheet row number, cells) of every non-blank row.
    InvalidInput for a file that cannot be read at all."""
    rows: list[list[Any]]
    if fmt == "xlsx":
        rows = _xlsx_rows(content)
    else:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InvalidInput(_("The file is not a UTF-8 CSV file or an XLSX workbook.")) from None
        try:
            rows = []
            for cells in csv.reader(io.StringIO(text, newline="")):
                if len(rows) >= MAX_ROWS + 1:  # the header and MAX_ROWS rows, blank ones counted
                    raise InvalidInput(_("The file has more than %(max)s rows (blank rows count too); at most %(max)s can be imported at once.") % {"max": MAX_ROWS})
                rows.append([unguard(cell) for cell in cells])
        except csv.Error as error:
            raise InvalidInput(_("The CSV file cannot be read: %(why)s") % {"why": error}) from None
    if not rows or not any(_cell_text(c) for c in rows[0]):
        raise InvalidInput(_("The file has no header row: the first row must name the columns."))
    body = [(number, cells) for number, cells in enumerate(rows[1:], start=2) if any(_cell_text(c) for c in cells)]
    if len(body) > MAX_ROWS:
        raise InvalidInput(_("The file has %(n)s rows; at most %(max)s can be imported at once.") % {"n": len(body), "max": MAX_ROWS})
    return rows[0], body


def _check_archive(content: bytes) -> None:
    """Refuse a workbook that would unpack to more than ``MAX_UNPACKED`` bytes or unpacks suspiciously
    well (a zip bomb), before anything reads it. The sizes are those the archive declares: reading a
    member never yields more than its declared size, so they bound what openpyxl can unpack."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        members = archive.infolist()
        unpacked = sum(member.file_size for member in members)
        packed = sum(member.compress_size for member in members)
    if unpacked > MAX_UNPACKED or (unpacked > RATIO_FLOOR and unpacked > MAX_RATIO * max(packed, 1)):
        raise InvalidInput(
            _("The XLSX workbook unpacks to more than %(mb)s MB or is compressed suspiciously well; save it again or import it in parts.")
            % {"mb": MAX_UNPACKED // (1024 * 1024)}
        )


def _xlsx_rows(content: bytes) -> list[list[Any]]:
    """Every row of the "Clients" sheet (or the first sheet), blank rows included and counted, at
    most ``_max_columns()`` cells wide. Any failure to read the workbook, whether opening it or
    reading its rows, is one generic refusal (the parser's own message may quote the file)."""
    import openpyxl

    width = _max_columns()
    try:
        _check_archive(content)
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            sheet = book["Clients"] if "Clients" in book.sheetnames else book.worksheets[0]
            rows: list[list[Any]] = []
            for values in sheet.iter_rows(max_col=width + 1, values_only=True):
                if len(rows) >= MAX_ROWS + 1:  # the header and MAX_ROWS rows, blank ones counted
                    raise InvalidInput(_("The file has more than %(max)s rows (blank rows count too); at most %(max)s can be imported at once.") % {"max": MAX_ROWS})
                rows.append(list(values))
        finally:
            book.close()
    except InvalidInput:
        raise
    except Exception:  # noqa: BLE001 — any parser failure on an untrusted file is a refusal, not a 500
        raise InvalidInput(_("The XLSX workbook cannot be read.")) from None
    if rows and len(rows[0]) > width and _cell_text(rows[0][width]):
        raise InvalidInput(_("The file has more than %(n)s columns; remove the columns Ally does not import.") % {"n": width})
    return [cells[:width] for cells in rows]


def _max_columns() -> int:
    """The widest header an importable file can have: every mapped column and every HTCDS column
    Ally ignores, under any of their spellings, and some slack."""
    spec = mapping()
    return len(spec.columns) + len(spec.ignored_keys()) + COLUMN_SLACK


def _cell_text(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat()
    if isinstance(cell, dt.date):
        return cell.isoformat()
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    return str(cell).strip()


# Headers.


def match_headers(header: list[Any]) -> tuple[dict[int, Column], list[str], list[Problem]]:
    """(cell index → column, ignored HTCDS columns, file-level problems)."""
    spec = mapping()
    index = spec.header_index()
    found: dict[int, Column] = {}
    seen: dict[str, str] = {}
    ignored: list[str] = []
    problems: list[Problem] = []
    for position, cell in enumerate(header):
        name = _cell_text(cell)
        if not name:
            continue
        column = index.get(normalize(name))
        if column is None:
            if normalize(name) in spec.ignored_keys():
                ignored.append(name)
            else:
                problems.append(Problem(1, name, _("Unknown column: not an HTCDS v2.0 field Ally can import (see the Fields sheet of an export).")))
            continue
        if column.column in seen:
            problems.append(Problem(1, name, _("Names the same field as the column “%(other)s”.") % {"other": seen[column.column]}))
            continue
        seen[column.column] = name
        found[position] = column
    for column in spec.columns:
        if column.required and column.column not in seen:
            problems.append(Problem(1, column.column, _("Required column missing.")))
    return found, ignored, problems


# Rows.


def _picklist(column: Column, text: str) -> str | None:
    return column.value_index().get(normalize(text))


def _unknown_value(column: Column, text: str) -> str:
    allowed = column.allowed_values()
    shown = ", ".join(allowed[:8]) + (", …" if len(allowed) > 8 else "")
    return _("Unknown value “%(value)s”; expected one of: %(allowed)s") % {"value": text[:60], "allowed": shown}


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text[:10]) if len(text) in (10, 19) else None
    except ValueError:
        return None


def convert_row(cells: list[Any], columns: dict[int, Column], row: int, today: dt.date) -> tuple[dict[str, Any], list[Problem]]:
    """The create_client values of one row, and its problems."""
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    names: dict[str, str] = {}
    languages: list[str] = []
    spec = mapping()

    def problem(column: Column, reason: str) -> None:
        problems.append(Problem(row, column.column, reason))

    for position, column in sorted(columns.items()):
        cell = cells[position] if position < len(cells) else None
        if isinstance(cell, str) and CONTROL_CHARACTERS.search(cell):
            problem(column, _("Contains a control character."))
            continue
        text = _cell_text(cell)
        kind = column.kind
        if kind.startswith("name_"):
            names[kind] = text
            if len(text) > column.max_length():
                problem(column, _("Longer than %(n)s characters.") % {"n": column.max_length()})
            continue
        if not text:
            continue
        if kind == "date":
            day = cell.date() if isinstance(cell, dt.datetime) else cell if isinstance(cell, dt.date) else _date(text)
            if day is None:
                problem(column, _("“%(value)s” is not a date; write it as YYYY-MM-DD.") % {"value": text[:40]})
            elif day > today:
                problem(column, _("The date %(value)s is in the future.") % {"value": day.isoformat()})
            else:
                values[column.ally_field] = day
        elif kind == "int":
            if not (text.isascii() and text.isdigit() and len(text) <= 3) or int(text) > MAX_AGE:
                problem(column, _("“%(value)s” is not a whole number of years (0 to %(max)s).") % {"value": text[:40], "max": MAX_AGE})
            else:
                values[column.ally_field] = int(text)
        elif kind == "bool":
            if text.casefold() in TRUE_WORDS | FALSE_WORDS:
                values[column.ally_field] = text.casefold() in TRUE_WORDS
            else:
                problem(column, _("“%(value)s” is neither TRUE nor FALSE.") % {"value": text[:40]})
        elif kind == "picklist":
            value = _picklist(column, text)
            if value is None:
                problem(column, _unknown_value(column, text))
            else:
                values[column.ally_field] = value
        elif kind == "multipicklist":
            chosen = []
            for item in filter(None, (part.strip() for part in text.split(SEPARATOR))):
                value = _picklist(column, item)
                if value is None:
                    problem(column, _unknown_value(column, item))
                else:
                    chosen.append(value)
            values[column.ally_field] = list(dict.fromkeys(chosen))
        elif kind in {"text_list", "language_primary", "language_secondary"}:
            items = [part.strip() for part in text.split(SEPARATOR) if part.strip()]
            if any(len(item) > column.max_length() for item in items):
                problem(column, _("Each entry is at most %(n)s characters.") % {"n": column.max_length()})
            elif kind == "text_list":
                values[column.ally_field] = items
            elif kind == "language_primary":
                languages[:0] = [spec.language_name(item) for item in items]
            else:
                languages.extend(spec.language_name(item) for item in items)
        else:
            if len(text) > column.max_length():
                problem(column, _("Longer than %(n)s characters.") % {"n": column.max_length()})
            elif column.ally_field == "email" and not _is_email(text):
                problem(column, _("“%(value)s” is not an email address.") % {"value": text[:60]})
            else:
                values[column.ally_field] = text
    if languages:
        values["languages"] = list(dict.fromkeys(languages))
    legal_name = " ".join(n for n in (names.get("name_first"), names.get("name_middle"), names.get("name_second")) if n)
    if not legal_name:
        problems.append(Problem(row, "prs_FirstName", _("A name is required (first or second name).")))
    elif len(legal_name) > Client._meta.get_field("legal_name").max_length:  # type: ignore[operator]
        problems.append(Problem(row, "prs_FirstName", _("The whole name is longer than %(n)s characters.") % {"n": Client._meta.get_field("legal_name").max_length}))
    else:
        values["legal_name"] = legal_name
    if not problems:
        try:  # anything else a typed-in client would be refused for
            survivor_actions._clean_fields(values, today)
        except InvalidInput as error:
            problems.append(Problem(row, "", str(error)))
    return values, problems


def _is_email(text: str) -> bool:
    try:
        validate_email(text)
    except ValidationError:
        return False
    return True


def _identity(values: dict[str, Any]) -> tuple[str, dt.date] | None:
    """A person named and born the same day; None without a date of birth (names alone repeat)."""
    born = values.get("date_of_birth")
    return (values["legal_name"].casefold(), born) if born is not None else None


def validate(content: bytes, organization: Organization, fmt: str | None = None) -> tuple[ImportResult, list[tuple[int, dict[str, Any]]]]:
    """Check a whole file: the result (with every problem) and the rows' values."""
    fmt = fmt or detect_format(content)
    result = ImportResult(format=fmt)
    if len(content) > MAX_BYTES:
        result.problems.append(Problem(None, "", _("The file is larger than %(mb)s MB; import it in parts.") % {"mb": MAX_BYTES // (1024 * 1024)}))
        return result, []
    try:
        header, body = read_table(content, fmt)
    except InvalidInput as error:
        result.problems.append(Problem(None, "", str(error)))
        return result, []
    columns, result.ignored_columns, result.problems = match_headers(header)
    result.rows = len(body)
    if result.problems:
        return result, []
    if not body:
        result.problems.append(Problem(None, "", _("The file has a header row but no clients.")))
        return result, []
    today = today_in(organization.task_force_id)
    existing = {
        (name.casefold(), born)
        for name, born in Client.objects.filter(
            organization=organization, deleted_at__isnull=True, date_of_birth__isnull=False
        ).values_list("legal_name", "date_of_birth")
    }
    seen: dict[str, int] = {}
    seen_people: dict[tuple[str, dt.date], int] = {}
    converted: list[tuple[int, dict[str, Any]]] = []
    for number, cells in body:
        values, problems = convert_row(cells, columns, number, today)
        result.problems += problems
        if problems:
            continue
        key = repr(sorted(values.items()))
        person = _identity(values)
        if key in seen:
            result.problems.append(Problem(number, "", _("Duplicate of row %(row)s.") % {"row": seen[key]}))
        elif person is not None and person in seen_people:
            result.problems.append(Problem(number, "prs_FirstName", _("Same name and date of birth as row %(row)s.") % {"row": seen_people[person]}))
        elif person is not None and person in existing:
            result.problems.append(Problem(number, "prs_FirstName", _("A client with this name and date of birth is already in the organization.")))
        seen.setdefault(key, number)
        if person is not None:
            seen_people.setdefault(person, number)
        converted.append((number, values))
    return result, converted


def import_clients(
    organization: Organization, content: bytes, *, acting_user: User | None, fmt: str | None = None
) -> ImportResult:
    """Import every client of an HTCDS file into ``organization``, or none (see the module)."""
    if acting_user is not None:
        access_interchange_organization(acting_user, organization.pk)
    if organization.discipline != Discipline.VICTIM_SERVICES:
        raise InvalidInput(_("Client records belong to victim-service organizations."))
    result, rows = validate(content, organization, fmt)
    if not result.problems:
        try:
            with transaction.atomic():
                for number, values in rows:
                    try:
                        client = survivor_actions.create_client(organization, acting_user=acting_user, **values)
                    except InvalidInput as error:
                        raise _Refused(Problem(number, "", str(error))) from None
                    result.created.append(client.pk)
                record(
                    EventType.HTCDS_IMPORTED,
                    actor=acting_user,
                    task_force=organization.task_force,
                    organization=organization,
                    changes={"count": len(result.created), "format": result.format},
                )
        except _Refused as refused:
            result.created = []
            result.problems.append(refused.problem)
        except DomainError:
            result.created = []
            raise
    if result.problems:
        record(
            EventType.HTCDS_IMPORT_REFUSED,
            actor=acting_user,
            task_force=organization.task_force,
            organization=organization,
            changes={
                "format": result.format,
                "rows": result.rows,
                "problems": len(result.problems),
                "rows_with_problems": len({p.row for p in result.problems if p.row is not None}),
            },
        )
    return result
