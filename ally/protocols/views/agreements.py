"""Agreement pages: the list, an agreement with its terms and documents, recording, renewing,
ending, uploading and downloading documents, and the organizations without an agreement."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ally.access.governance import is_leadership, require_colleague, require_leadership
from ally.access.protocols import (
    access_agreement,
    access_agreement_document,
    downloads_documents,
    visible_agreements,
)
from ally.access.survivors import today_in
from ally.core.forms import saved
from ally.core.http import AuthenticatedRequest
from ally.protocols import actions
from ally.protocols.actions.agreements import download
from ally.protocols.forms import AgreementForm, DocumentForm, EndForm, RenewForm
from ally.protocols.models import Agreement, AgreementStatus, current_on
from ally.protocols.queries import expiring_agreements, organizations_without_agreement
from ally.tenancy.models import Organization, TaskForce

PAGE_SIZE = 50
SHOWS = ("current", "expiring", "all")


def _organizations(task_force_id: int | None) -> Any:
    return Organization.objects.filter(task_force_id=task_force_id, is_active=True).order_by("name")


@login_required
def agreement_list(request: AuthenticatedRequest) -> HttpResponse:
    grants = require_colleague(request.user)
    today = today_in(grants.task_force_id)
    show = request.GET.get("show", "all")
    show = show if show in SHOWS else "all"
    agreements = visible_agreements(request.user).prefetch_related(
        Prefetch("parties", queryset=Organization.objects.order_by("name"))
    )
    if show == "current":
        agreements = agreements.filter(current_on(today))
    elif show == "expiring":
        ids = [a.pk for a in expiring_agreements(TaskForce(pk=grants.task_force_id), today)]
        agreements = agreements.filter(pk__in=ids)
    page = Paginator(agreements.order_by("expires_on", "title", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(a, AgreementStatus(a.status_on(today))) for a in page.object_list]
    return render(request, "protocols/agreement_list.html", {
        "page": page, "rows": rows, "show": show, "leads": is_leadership(grants), "today": today,
    })


@login_required
def agreements_missing(request: AuthenticatedRequest) -> HttpResponse:
    grants = require_colleague(request.user)
    today = today_in(grants.task_force_id)
    organizations = organizations_without_agreement(TaskForce(pk=grants.task_force_id), today)
    return render(request, "protocols/agreements_missing.html", {
        "organizations": organizations, "today": today, "leads": is_leadership(grants),
    })


@login_required
def agreement_detail(request: AuthenticatedRequest, agreement_id: int) -> HttpResponse:
    agreement = access_agreement(request.user, agreement_id)
    grants = require_colleague(request.user)
    today = today_in(agreement.task_force_id)
    return render(request, "protocols/agreement_detail.html", {
        "agreement": agreement, "status": AgreementStatus(agreement.status_on(today)),
        "parties": agreement.parties.order_by("name"),
        "terms": agreement.terms.select_related("recorded_by").order_by("-number"),
        "documents": agreement.documents.select_related("uploaded_by"),
        "downloads": downloads_documents(request.user, agreement), "leads": is_leadership(grants),
    })


@login_required
def agreement_create(request: AuthenticatedRequest) -> HttpResponse:
    grants = require_leadership(request.user)
    today = today_in(grants.task_force_id)
    form = AgreementForm(request.POST or None, organizations=_organizations(grants.task_force_id),
                         initial={"signed_on": today, "effective_on": today})
    created: list[Agreement] = []

    def create(data: dict[str, Any]) -> None:
        created.append(actions.record_agreement(
            TaskForce.objects.get(pk=grants.task_force_id or 0), acting_user=request.user, **form.values()
        ))

    if saved(request, form, create, _("Agreement recorded."), "agreement_list"):
        return redirect("agreement_detail", created[0].pk)
    return render(request, "protocols/agreement_form.html", {"form": form, "heading": _("Record an agreement")})


@login_required
def agreement_renew(request: AuthenticatedRequest, agreement_id: int) -> HttpResponse:
    agreement = access_agreement(request.user, agreement_id, for_change=True)
    form = RenewForm(request.POST or None, initial={"signed_on": today_in(agreement.task_force_id)})
    done = saved(
        request, form, lambda data: actions.renew_agreement(agreement, acting_user=request.user, **data),
        _("Agreement renewed."), "agreement_detail", agreement.pk,
    )
    return done or render(request, "protocols/agreement_change.html", {
        "form": form, "agreement": agreement, "heading": _("Renew the agreement"), "button": _("Renew"),
    })


@login_required
def agreement_end(request: AuthenticatedRequest, agreement_id: int) -> HttpResponse:
    agreement = access_agreement(request.user, agreement_id, for_change=True)
    form = EndForm(request.POST or None, initial={"ended_on": today_in(agreement.task_force_id)})
    done = saved(
        request, form, lambda data: actions.end_agreement(agreement, acting_user=request.user, **data),
        _("Agreement ended."), "agreement_detail", agreement.pk,
    )
    return done or render(request, "protocols/agreement_change.html", {
        "form": form, "agreement": agreement, "heading": _("End the agreement early"), "button": _("End the agreement"),
    })


@login_required
def agreement_document_add(request: AuthenticatedRequest, agreement_id: int) -> HttpResponse:
    agreement = access_agreement(request.user, agreement_id, for_change=True)
    form = DocumentForm(request.POST or None, request.FILES or None)
    done = saved(
        request, form,
        lambda data: actions.add_agreement_document(agreement, data["file"], acting_user=request.user, title=data["title"]),
        _("Document added."), "agreement_detail", agreement.pk,
    )
    return done or render(request, "protocols/agreement_change.html", {
        "form": form, "agreement": agreement, "heading": _("Add a signed document"), "button": _("Upload"),
        "multipart": True,
    })


@login_required
def agreement_document(request: AuthenticatedRequest, document_id: int) -> FileResponse:
    return download(access_agreement_document(request.user, document_id))
