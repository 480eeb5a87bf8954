"""The HTCDS interchange page of an organization: export links, the import form, its results.
Its administrators only (ally.access.reports.access_interchange_organization)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext

from ally.access.reports import access_interchange_organization
from ally.core.errors import InvalidInput
from ally.core.http import AuthenticatedRequest
from ally.htcds.export import FORMATS, export_clients
from ally.htcds.forms import ImportForm
from ally.htcds.importer import ImportResult, import_clients
from ally.htcds.mapping import mapping
from ally.tenancy.vocab import Discipline


@login_required
def interchange(request: AuthenticatedRequest, organization_id: int) -> HttpResponse:
    organization = access_interchange_organization(request.user, organization_id)
    form = ImportForm(request.POST or None, request.FILES or None)
    result: ImportResult | None = None
    if request.method == "POST" and form.is_valid():
        try:
            result = import_clients(organization, form.cleaned_data["file"], acting_user=request.user)
        except InvalidInput as error:
            form.add_error(None, str(error))
        else:
            if not result.problems:
                messages.success(request, ngettext(
                    "%(n)s client imported. You are their advocate.",
                    "%(n)s clients imported. You are the advocate of each.", len(result.created),
                ) % {"n": len(result.created)})  # fmt: skip
                return redirect("htcds_interchange", organization.pk)
    return render(request, "htcds/interchange.html", {
        "organization": organization,
        "form": form,
        "result": result,
        "formats": list(FORMATS),
        "mapping": mapping(),
        "client_records": organization.discipline == Discipline.VICTIM_SERVICES,
    })  # fmt: skip


@login_required
def export(request: AuthenticatedRequest, organization_id: int, fmt: str) -> HttpResponse:
    organization = access_interchange_organization(request.user, organization_id)
    file = export_clients(organization, fmt=fmt, acting_user=request.user)
    response = HttpResponse(file.content, content_type=file.content_type)
    response["Content-Disposition"] = f'attachment; filename="{file.filename}"'
    response["Cache-Control"] = "no-store"
    return response



