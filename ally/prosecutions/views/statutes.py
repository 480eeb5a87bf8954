"""The statute catalogue: every participant reads it; the coordinator adds and changes statutes."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from ally.access.policy import grants_for
from ally.access.prosecutions import access_statute, visible_statutes
from ally.core.errors import NotPermitted, NotVisible
from ally.core.forms import saved
from ally.core.http import AuthenticatedRequest
from ally.prosecutions.forms import StatuteEditForm, StatuteForm
from ally.prosecutions.models import StatuteCategory
from ally.prosecutions.statutes import add_statute, catalogue, update_statute
from ally.prosecutions.views._common import form_page
from ally.tenancy.models import TaskForce


def _task_force(request: AuthenticatedRequest) -> TaskForce:
    grants = grants_for(request.user)
    if not grants.is_participant or grants.task_force_id is None:
        raise NotVisible()
    return TaskForce.objects.get(pk=grants.task_force_id)


@login_required
def statute_list(request: AuthenticatedRequest) -> HttpResponse:
    task_force = _task_force(request)
    catalogue(task_force)
    statutes = visible_statutes(request.user).order_by("jurisdiction", "state", "citation")
    category = request.GET.get("category", "")
    if category in StatuteCategory.values:
        statutes = statutes.filter(category=category)
    return render(request, "prosecutions/statute_list.html", {
        "statutes": list(statutes), "category": category, "categories": StatuteCategory.choices,
        "is_coordinator": grants_for(request.user).is_coordinator,
    })


@login_required
def statute_create(request: AuthenticatedRequest) -> HttpResponse:
    task_force = _task_force(request)
    if not grants_for(request.user).is_coordinator:
        raise NotPermitted()
    form = StatuteForm(request.POST or None)
    response = saved(request, form, lambda d: add_statute(task_force, acting_user=request.user, **d),
                     _("Statute added to the catalogue."), "statute_list")
    return response or form_page(request, form, title=_("Add a statute"), back=reverse("statute_list"),
                                 submit=_("Add statute"))


@login_required
def statute_edit(request: AuthenticatedRequest, statute_id: int) -> HttpResponse:
    statute = access_statute(request.user, statute_id, for_change=True)
    form = StatuteEditForm(request.POST or None, initial={"title": statute.title, "category": statute.category,
                                                          "is_active": statute.is_active})
    response = saved(request, form, lambda d: update_statute(statute, acting_user=request.user, **d),
                     _("Statute saved."), "statute_list")
    return response or form_page(request, form, title=statute.citation, back=reverse("statute_list"),
                                 submit=_("Save"),
                                 lead=_("Charges already filed keep their statute; a statute no longer in use takes no new charges."))
