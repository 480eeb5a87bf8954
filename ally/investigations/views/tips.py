"""Tips and leads: my agencies' list, receiving one, triage, and turning it into an investigation."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ally.access.investigations import access_tip, visible_investigations, visible_tips
from ally.core.errors import Conflict, InvalidInput
from ally.core.http import AuthenticatedRequest
from ally.investigations import actions
from ally.investigations.forms import (
    InvestigationForm,
    TipForm,
    TipJoinForm,
    TipTriageForm,
    indicator_labels,
)
from ally.investigations.models import OPEN_INVESTIGATION_STATUSES, Tip, TipStatus
from ally.investigations.views._common import (
    answer,
    in_task_force_zone,
    members_of,
    require_investigator,
)


@login_required
@in_task_force_zone
def tip_list(request: AuthenticatedRequest) -> HttpResponse:
    require_investigator(request.user)
    status = request.GET.get("status", "")
    tips = visible_tips(request.user).select_related("organization", "assigned_to", "investigation")
    if status in TipStatus.values:
        tips = tips.filter(status=status)
    else:
        status = ""
    return render(request, "investigations/tip_list.html", {
        "page": Paginator(tips.order_by("-received_at", "-pk"), 50).get_page(request.GET.get("page")),
        "status": status, "statuses": TipStatus.choices,
    })


@login_required
@in_task_force_zone
def tip_create(request: AuthenticatedRequest) -> HttpResponse:
    orgs = require_investigator(request.user)
    form = TipForm(request.POST or None, organizations=orgs)
    created: list[Tip] = []

    def change(data: dict[str, Any]) -> None:
        data = dict(data)
        organization = data.pop("organization")
        created.append(actions.receive_tip(organization, acting_user=request.user, **data))

    if request.method == "POST" and form.is_valid():
        try:
            change(form.cleaned_data)
        except (InvalidInput, Conflict) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Tip received."))
            return redirect("tip_detail", created[0].pk)
    return render(request, "investigations/tip_form.html", {"form": form})


def _join_choices(request: AuthenticatedRequest, tip: Tip) -> Any:
    return visible_investigations(request.user).filter(
        status__in=OPEN_INVESTIGATION_STATUSES, purged_at=None
    ).order_by("-opened_on", "-pk")


@login_required
@in_task_force_zone
def tip_detail(request: AuthenticatedRequest, tip_id: int) -> HttpResponse:
    tip = access_tip(request.user, tip_id)
    settled = tip.investigation_id is not None
    context: dict[str, Any] = {
        "tip": tip, "settled": settled, "indicators": indicator_labels(list(tip.indicators)),
    }
    if not settled:
        context["triage_form"] = TipTriageForm(
            initial={"status": tip.status, "assigned_to": tip.assigned_to_id, "version": tip.version},
            members=members_of(tip.organization_id),
        )
        context["join_form"] = TipJoinForm(investigations=_join_choices(request, tip))
    return render(request, "investigations/tip_detail.html", context)


@login_required
@require_POST
def tip_triage(request: AuthenticatedRequest, tip_id: int) -> HttpResponse:
    tip = access_tip(request.user, tip_id)
    form = TipTriageForm(request.POST, members=members_of(tip.organization_id))
    return answer(request, form, lambda d: actions.triage_tip(
        tip, acting_user=request.user, status=d["status"], assigned_to=d["assigned_to"], reason=d["reason"],
        version=d["version"],
    ), _("Tip triaged."), "tip_detail", tip.pk)


@login_required
@in_task_force_zone
def tip_open_investigation(request: AuthenticatedRequest, tip_id: int) -> HttpResponse:
    tip = access_tip(request.user, tip_id)
    form = InvestigationForm(request.POST or None, members=members_of(tip.organization_id),
                             initial={"industry": tip.industry, "trafficking_type": tip.trafficking_type})
    opened: list[Any] = []

    def change(data: dict[str, Any]) -> None:
        opened.append(actions.open_from_tip(tip, acting_user=request.user, **data))

    if request.method == "POST" and form.is_valid():
        try:
            change(form.cleaned_data)
        except (InvalidInput, Conflict) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Investigation %(n)s opened from the tip.") % {"n": opened[0].number})
            return redirect("investigation_detail", opened[0].pk)
    return render(request, "investigations/investigation_form.html", {"form": form, "tip": tip})


@login_required
@require_POST
def tip_join(request: AuthenticatedRequest, tip_id: int) -> HttpResponse:
    tip = access_tip(request.user, tip_id)
    form = TipJoinForm(request.POST, investigations=_join_choices(request, tip))
    return answer(request, form, lambda d: actions.join_tip(tip, d["investigation"], acting_user=request.user),
                  _("The tip joined the investigation."), "tip_detail", tip.pk)

