"""The evaluation extract page (the coordinator): choose k and the fiscal years, see what would be
released — counts, never rows, and no count from 1 to k − 1 exactly — and download the ZIP.

Previews are not audited (there is no preview event type; EVALUATION_EXTRACT_EXPORTED records
each download): they release no row and show every count below k as "fewer than k"."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from ally.core.http import AuthenticatedRequest
from ally.evaluation import extract
from ally.evaluation.forms import ExtractForm
from ally.tenancy.models import TaskForce


def _page(
    request: AuthenticatedRequest, task_force: TaskForce, form: ExtractForm,
    preview: extract.Extract | None = None, status: int = 200,
) -> HttpResponse:
    settings = extract.config()
    context = {
        "form": form,
        "task_force": task_force,
        "preview": preview,
        "counts": preview.shown_counts() if preview else None,
        "query": request.GET.urlencode() if preview else "",
        "quasi_identifiers": settings["quasi_identifiers"],
        "purpose": settings["consent_purpose"],
    }
    return render(request, "evaluation/home.html", context, status=status)


@login_required
def evaluation_home(request: AuthenticatedRequest) -> HttpResponse:
    task_force = extract.task_force_for(request.user)
    asked = any(name in request.GET for name in ("k", "first_year", "last_year"))
    form = ExtractForm(request.GET if asked else None, initial={"k": extract.config()["default_k"]})
    preview = None
    if asked and form.is_valid():
        preview = extract.preview(task_force, form.cleaned_data["options"], acting_user=request.user)
    return _page(request, task_force, form, preview)


@login_required
def evaluation_download(request: AuthenticatedRequest) -> HttpResponse:
    task_force = extract.task_force_for(request.user)
    form = ExtractForm(request.GET or {"k": extract.config()["default_k"]})
    if not form.is_valid():
        return _page(request, task_force, form, status=400)
    made, content = extract.export(task_force, form.cleaned_data["options"], acting_user=request.user)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{made.filename}"'
    response["Cache-Control"] = "no-store"
    return response
