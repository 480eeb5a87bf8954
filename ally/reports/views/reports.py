"""Quarterly reports on screen and as downloads: pick a catalogue, a fiscal quarter and a scope
(the whole task force, suppressed; or one of your organizations, exact), read it, take it away.

Access is asked of ``ally.access.reports`` before anything else (404 outside the task force,
403/404 for an organization that is not yours to report on); a quarter or catalogue that does
not exist is then a 400 page naming the mistake.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ally.access.reports import (
    access_reporting_organization,
    reporting_organization_ids,
    require_aggregate_reader,
)
from ally.core.http import AuthenticatedRequest
from ally.reports.formats import FORMATS, export_report
from ally.reports.formats.cells import scope_text, suppression_note, unknown_note
from ally.reports.formats.layout import arrange
from ally.reports.formats.requests import (
    ReportRequest,
    catalogue_choices,
    last_complete_quarter,
    make_report,
    parse_quarter,
)
from ally.tenancy.models import Organization, TaskForce

TASK_FORCE = "task_force"


class ReportForm(forms.Form):
    catalogue = forms.ChoiceField(label=gettext_lazy("Catalogue"))
    quarter = forms.CharField(
        label=gettext_lazy("Fiscal quarter"), max_length=10,
        help_text=gettext_lazy("Like FY2026Q1. The federal fiscal year starts on 1 October: Q1 is October–December."),
    )
    scope = forms.ChoiceField(label=gettext_lazy("Scope"))

    def __init__(self, *args: Any, organizations: list[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        catalogue, scope = self.fields["catalogue"], self.fields["scope"]
        assert isinstance(catalogue, forms.ChoiceField) and isinstance(scope, forms.ChoiceField)
        catalogue.choices = catalogue_choices()
        scope.choices = [(TASK_FORCE, _("The whole task force (small counts hidden)"))] + [
            (str(o.pk), _("%(organization)s — its own exact counts") % {"organization": o.name}) for o in organizations
        ]

    def clean_quarter(self) -> str:
        try:
            return str(parse_quarter(self.cleaned_data["quarter"]))
        except ReportRequest as error:
            raise forms.ValidationError(str(error)) from error


def active_task_force(user: Any) -> TaskForce:
    """The task force the (already checked) participant is working in."""
    task_force_id = user.active_task_force_id
    assert task_force_id is not None
    return TaskForce.objects.get(pk=task_force_id)


def _organizations(user: Any) -> list[Organization]:
    grants = require_aggregate_reader(user)
    return list(Organization.objects.filter(pk__in=reporting_organization_ids(grants)).order_by("name", "pk"))


def _page_url(catalogue: str, quarter: str, organization_id: int | None, fmt: str | None = None) -> str:
    args: list[Any] = [catalogue, quarter]
    if organization_id is None:
        return reverse("report_task_force_download" if fmt else "report_task_force", args=args + ([fmt] if fmt else []))
    args.append(organization_id)
    return reverse("report_organization_download" if fmt else "report_organization", args=args + ([fmt] if fmt else []))


@login_required
def report_index(request: AuthenticatedRequest) -> HttpResponse:
    """The choice of a report; a valid choice goes to its page."""
    organizations = _organizations(request.user)
    task_force_id = request.user.active_task_force_id
    assert task_force_id is not None
    if "catalogue" in request.GET:
        form = ReportForm(request.GET, organizations=organizations)
        if form.is_valid():
            scope = form.cleaned_data["scope"]
            organization_id = None if scope == TASK_FORCE else int(scope)
            return redirect(_page_url(form.cleaned_data["catalogue"], form.cleaned_data["quarter"], organization_id))
    else:
        form = ReportForm(
            initial={"quarter": str(last_complete_quarter(task_force_id)), "scope": TASK_FORCE},
            organizations=organizations,
        )
    return render(request, "reports/index.html", {"form": form}, status=400 if form.errors else 200)


def _bad_request(request: AuthenticatedRequest, error: ReportRequest) -> HttpResponse:
    return render(request, "reports/bad_request.html", {"message": str(error)}, status=400)


@dataclass(frozen=True)
class Download:
    fmt: str
    label: str
    url: str


DOWNLOAD_LABELS = {"pdf": "PDF", "xlsx": "Excel (XLSX)", "csv": "CSV", "json": "JSON"}


def _show(request: AuthenticatedRequest, catalogue: str, quarter: str, organization: Organization | None) -> HttpResponse:
    task_force = active_task_force(request.user)
    try:
        report = make_report(catalogue, quarter, task_force, organization)
    except ReportRequest as error:
        return _bad_request(request, error)
    organization_id = organization.pk if organization is not None else None
    canonical = str(report.quarter)
    downloads = [Download(f, DOWNLOAD_LABELS[f], _page_url(catalogue, canonical, organization_id, f)) for f in ("pdf", "xlsx", "csv", "json")]
    return render(
        request,
        "reports/report.html",
        {
            "report": report,
            "sections": arrange(report),
            "scope": scope_text(report),
            "suppression_note": suppression_note(report),
            "unknown_note": unknown_note(),
            "downloads": downloads,
            "previous_url": _page_url(catalogue, str(report.quarter.previous()), organization_id),
            "next_url": _page_url(catalogue, str(report.quarter.next()), organization_id),
            "previous_quarter": report.quarter.previous(),
            "next_quarter": report.quarter.next(),
        },
    )


def _download(request: AuthenticatedRequest, catalogue: str, quarter: str, fmt: str, organization: Organization | None) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404()
    task_force = active_task_force(request.user)
    try:
        report = make_report(catalogue, quarter, task_force, organization)
    except ReportRequest as error:
        return _bad_request(request, error)
    rendered = export_report(report, fmt, acting_user=request.user, task_force=task_force, organization=organization)
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    return response


@login_required
def report_task_force(request: AuthenticatedRequest, catalogue: str, quarter: str) -> HttpResponse:
    require_aggregate_reader(request.user)
    return _show(request, catalogue, quarter, None)


@login_required
def report_organization(request: AuthenticatedRequest, catalogue: str, quarter: str, organization_id: int) -> HttpResponse:
    organization = access_reporting_organization(request.user, organization_id)
    return _show(request, catalogue, quarter, organization)


@login_required
def report_task_force_download(request: AuthenticatedRequest, catalogue: str, quarter: str, fmt: str) -> HttpResponse:
    require_aggregate_reader(request.user)
    return _download(request, catalogue, quarter, fmt, None)


@login_required
def report_organization_download(
    request: AuthenticatedRequest, catalogue: str, quarter: str, organization_id: int, fmt: str
) -> HttpResponse:
    organization = access_reporting_organization(request.user, organization_id)
    return _download(request, catalogue, quarter, fmt, organization)
