"""Planned operations (checked at once against other agencies' operations) and heads-ups to
victim-service providers, which never show the operation's name, date, time or place."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ally.access.investigations import (
    access_heads_up,
    access_operation,
    visible_heads_ups,
    visible_investigations,
    visible_operations,
)
from ally.access.policy import grants_for, require_member
from ally.core.errors import Conflict, InvalidInput
from ally.core.forms import saved
from ally.core.http import AuthenticatedRequest
from ally.deconfliction.models import OperationConflict
from ally.investigations import actions
from ally.investigations.forms import HeadsUpForm, OperationEditForm, OperationPlanForm
from ally.investigations.models import OPEN_INVESTIGATION_STATUSES, Operation, OperationStatus
from ally.investigations.views._common import (
    answer,
    conflict_url,
    in_task_force_zone,
    members_of,
    require_investigator,
    tell_operation_conflicts,
)
from ally.survivors import vocabularies
from ally.tenancy.models import Organization
from ally.tenancy.vocab import Discipline


@login_required
@in_task_force_zone
def operation_list(request: AuthenticatedRequest) -> HttpResponse:
    require_investigator(request.user)
    status = request.GET.get("status", "")
    operations = visible_operations(request.user).select_related("organization", "investigation", "contact")
    if status in OperationStatus.values:
        operations = operations.filter(status=status)
    else:
        status = ""
    return render(request, "investigations/operation_list.html", {
        "page": Paginator(operations.order_by("-starts_at", "-pk"), 50).get_page(request.GET.get("page")),
        "status": status, "statuses": OperationStatus.choices,
    })


@login_required
@in_task_force_zone
def operation_create(request: AuthenticatedRequest) -> HttpResponse:
    orgs = require_investigator(request.user)
    investigations = visible_investigations(request.user).filter(
        status__in=OPEN_INVESTIGATION_STATUSES, purged_at=None).order_by("-opened_on", "-pk")
    initial = {"investigation": request.GET.get("investigation")}
    form = OperationPlanForm(request.POST or None, organizations=orgs, investigations=investigations,
                             members=members_of(*orgs.values_list("pk", flat=True)), initial=initial)
    planned: list[Any] = []
    if request.method == "POST" and form.is_valid():
        try:
            planned.append(actions.plan_operation(
                form.cleaned_data["organization"], acting_user=request.user,
                investigation=form.cleaned_data.get("investigation"), **_with_contact(request, form.values()),
            ))
        except (InvalidInput, Conflict) as error:
            form.add_error(None, str(error))
        else:
            operation, conflicts = planned[0]
            messages.success(request, _("Operation planned."))
            tell_operation_conflicts(request, conflicts)
            return redirect("operation_detail", operation.pk)
    return render(request, "investigations/operation_form.html", {"form": form})


def _with_contact(request: AuthenticatedRequest, values: dict[str, Any]) -> dict[str, Any]:
    if values.get("contact") is None:
        values["contact"] = request.user
    return values


def _providers(operation: Operation) -> Any:
    return Organization.objects.filter(
        task_force_id=operation.task_force_id, is_active=True, discipline=Discipline.VICTIM_SERVICES
    ).order_by("name")


@login_required
@in_task_force_zone
def operation_detail(request: AuthenticatedRequest, operation_id: int) -> HttpResponse:
    operation = access_operation(request.user, operation_id)
    conflicts = OperationConflict.objects.filter(
        Q(new_operation=operation) | Q(existing_operation=operation)
    ).order_by("-found_at", "-pk")
    return render(request, "investigations/operation_detail.html", {
        "operation": operation,
        "investigation": operation.investigation,
        "conflicts": [{"conflict": c, "url": conflict_url(c.pk)} for c in conflicts],
        "genders": ", ".join(vocabularies.label("prs_Gender", g) for g in operation.expected_genders),
        "heads_ups": operation.heads_ups.select_related("to_organization", "acknowledged_by"),
        "heads_up_form": HeadsUpForm(providers=_providers(operation)),
        "planned": operation.status == OperationStatus.PLANNED,
    })


@login_required
@in_task_force_zone
def operation_edit(request: AuthenticatedRequest, operation_id: int) -> HttpResponse:
    operation = access_operation(request.user, operation_id)
    form = OperationEditForm(request.POST or None, members=members_of(operation.organization_id), initial={
        "kind": operation.kind, "name": operation.name, "starts_at": operation.starts_at, "ends_at": operation.ends_at,
        "location": operation.location, "latitude": operation.latitude, "longitude": operation.longitude,
        "radius_m": operation.radius_m, "contact": operation.contact_id, "expected_victims": operation.expected_victims,
        "expected_genders": operation.expected_genders, "expected_languages": operation.expected_languages,
        "minors_expected": operation.minors_expected, "version": operation.version,
    })
    found: list[Any] = []

    def change(data: dict[str, Any]) -> None:
        _op, conflicts = actions.update_operation(operation, acting_user=request.user, version=data["version"],
                                                  **_with_contact(request, form.values()))
        found.append(conflicts)

    response = saved(request, form, change, _("Operation saved."), "operation_detail", operation.pk)
    if response is not None:
        if found and found[0]:
            tell_operation_conflicts(request, found[0])
        return response
    return render(request, "investigations/operation_edit.html", {"form": form, "operation": operation})


@login_required
@require_POST
def operation_status(request: AuthenticatedRequest, operation_id: int) -> HttpResponse:
    operation = access_operation(request.user, operation_id)
    status = request.POST.get("status", "")
    return answer(request, None, lambda _d: actions.set_operation_status(operation, status, acting_user=request.user),
                  _("Operation status changed."), "operation_detail", operation.pk)


@login_required
@require_POST
def heads_up_send(request: AuthenticatedRequest, operation_id: int) -> HttpResponse:
    operation = access_operation(request.user, operation_id)
    form = HeadsUpForm(request.POST, providers=_providers(operation))
    return answer(request, form, lambda d: actions.send_heads_up(operation, d["to_organization"], acting_user=request.user),
                  _("Heads-up sent: it carries no date and no place."), "operation_detail", operation.pk)


@login_required
@in_task_force_zone
def heads_up_list(request: AuthenticatedRequest) -> HttpResponse:
    grants = require_member(request.user)
    heads_ups = visible_heads_ups(request.user).select_related("from_organization", "to_organization")
    return render(request, "investigations/heads_up_list.html", {
        "page": Paginator(heads_ups.order_by("-sent_at", "-pk"), 50).get_page(request.GET.get("page")),
        "my_orgs": grants.organization_ids(),
    })


@login_required
@in_task_force_zone
def heads_up_detail(request: AuthenticatedRequest, heads_up_id: int) -> HttpResponse:
    heads_up = access_heads_up(request.user, heads_up_id)
    receiving = heads_up.to_organization_id in grants_for(request.user).memberships
    return render(request, "investigations/heads_up_detail.html", {
        "heads_up": heads_up,
        "genders": ", ".join(vocabularies.label("prs_Gender", g) for g in heads_up.genders),
        "may_acknowledge": receiving and heads_up.acknowledged_at is None,
    })


@login_required
@require_POST
def heads_up_acknowledge(request: AuthenticatedRequest, heads_up_id: int) -> HttpResponse:
    heads_up = access_heads_up(request.user, heads_up_id, for_change=True)
    return answer(request, None, lambda _d: actions.acknowledge_heads_up(heads_up, acting_user=request.user),
                  _("Acknowledged. The sending agency can see it."), "heads_up_detail", heads_up.pk)
