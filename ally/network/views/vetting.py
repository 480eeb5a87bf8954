"""Recording and reading vetting visits."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from ally.access.network import access_provider, access_vetting_visit, reviews
from ally.access.survivors import today_in
from ally.core.errors import NotPermitted
from ally.core.forms import saved
from ally.core.http import AuthenticatedRequest
from ally.network import actions, checklist
from ally.network.forms import VettingForm


@login_required
def vetting_create(request: AuthenticatedRequest, organization_id: int) -> HttpResponse:
    provider = access_provider(request.user, organization_id)
    if not reviews(request.user, provider):
        raise NotPermitted()
    form = VettingForm(request.POST or None, initial={"visited_on": today_in(provider.task_force_id)})
    done = saved(
        request, form,
        lambda data: actions.record_vetting_visit(provider, acting_user=request.user, **form.values()),
        _("Vetting visit recorded."), "provider_detail", provider.pk,
    )
    return done or render(request, "network/vetting_form.html", {"form": form, "organization": provider})


@login_required
def vetting_detail(request: AuthenticatedRequest, visit_id: int) -> HttpResponse:
    visit = access_vetting_visit(request.user, visit_id)
    try:
        used = checklist.checklist(visit.checklist_version)
    except LookupError:
        used = checklist.current()
    answers = [(item.label, used.answer_label(visit.answers.get(item.key, ""))) for item in used.items]
    return render(
        request,
        "network/vetting_detail.html",
        {"visit": visit, "organization": visit.organization, "checklist": used, "answers": answers},
    )
