"""HTCDS interchange over the API: the same access and actions as the page (the organization's
administrators only; 404 outside it, 403 for its other members)."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import File, Router, Schema, Status, UploadedFile

from ally.access.reports import access_interchange_organization
from ally.api.auth import acting_user
from ally.api.common import E400, E403, E404
from ally.core.errors import InvalidInput
from ally.htcds.export import FORMATS, export_clients
from ally.htcds.importer import MAX_BYTES, import_clients

router = Router(tags=["htcds"])

EXPORT_FILE = {
    "description": "The organization's clients in HTCDS v2.0 columns, as an attachment",
    "content": {media_type.split(";")[0]: {"schema": {"type": "string", "format": "binary"}} for media_type in FORMATS.values()},
}


class ProblemOut(Schema):
    row: int | None
    column: str
    reason: str


class ImportOut(Schema):
    imported: int
    client_ids: list[int]
    ignored_columns: list[str]
    problems: list[ProblemOut]


@router.get(
    "/organizations/{int:organization_id}/htcds/export",
    response={**E400, **E403, **E404},
    openapi_extra={"responses": {200: EXPORT_FILE}},
)
def export(request: HttpRequest, organization_id: int, format: Literal["csv", "xlsx"] = "csv") -> HttpResponse:
    """Export the organization's clients (not deleted) as CSV or XLSX (audited)."""
    user = acting_user(request)
    organization = access_interchange_organization(user, organization_id)
    file = export_clients(organization, fmt=format, acting_user=user)
    response = HttpResponse(file.content, content_type=file.content_type)
    response["Content-Disposition"] = f'attachment; filename="{file.filename}"'
    response["Cache-Control"] = "no-store"  # also without ally.core.middleware.PrivateResponsesMiddleware
    return response


@router.post(
    "/organizations/{int:organization_id}/htcds/import",
    response={201: ImportOut, 400: ImportOut, **E403, **E404},
)
def import_file(request: HttpRequest, organization_id: int, file: File[UploadedFile]) -> Status[dict[str, Any]]:
    """Import clients from an HTCDS CSV or XLSX file (multipart, field `file`): all or nothing.
    201 with the new client ids; 400 with every problem (row as a spreadsheet numbers it, column,
    reason) and nothing imported. The importer becomes each client's advocate."""
    user = acting_user(request)
    organization = access_interchange_organization(user, organization_id)
    if (file.size or 0) > MAX_BYTES:
        return Status(400, _out([], [], [{"row": None, "column": "", "reason": "The file is larger than %s MB." % (MAX_BYTES // (1024 * 1024))}]))
    try:
        result = import_clients(organization, file.read(), acting_user=user)
    except InvalidInput as error:
        return Status(400, _out([], [], [{"row": None, "column": "", "reason": str(error)}]))
    problems = [{"row": p.row, "column": p.column, "reason": p.reason} for p in result.problems]
    return Status(400 if problems else 201, _out(result.created, result.ignored_columns, problems))


def _out(created: list[int], ignored: list[str], problems: list[dict[str, Any]]) -> dict[str, Any]:
    return {"imported": len(created), "client_ids": created, "ignored_columns": ignored, "problems": problems}
