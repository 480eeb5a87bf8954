"""Client pages. Every read goes through access_client, so a shared read is logged."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ally.access import Permission, access_client, grants_for, require, visible_to
from ally.core.errors import Conflict, InvalidInput, NotPermitted
from ally.core.http import AuthenticatedRequest
from ally.survivors import actions
from ally.survivors.forms import INTAKE_FIELDS, ClientForm
from ally.survivors.models import Client
from ally.survivors.queries import client_sections, display_name
from ally.tenancy.models import Organization
from ally.tenancy.vocab import Discipline


def _providers(request: AuthenticatedRequest) -> list[Organization]:
    """The victim-service organizations this person works in (where they may open a record)."""
    ids = grants_for(request.user).organization_ids()
    return list(
        visible_to(request.user, Organization).filter(pk__in=ids, discipline=Discipline.VICTIM_SERVICES)
    )


@login_required
def client_list(request: AuthenticatedRequest) -> HttpResponse:
    require(request.user, Permission.VIEW_TASK_FORCE)
    if not grants_for(request.user).memberships:
        raise NotPermitted()  # funders and auditors: aggregates only
    clients = visible_to(request.user, Client).select_related("organization")
    providers = _providers(request)
    own = [c for c in clients if c.organization_id in {p.pk for p in providers}]
    # Clients of other organizations appear by number only: opening one is a logged disclosure.
    shared = [c for c in clients if c.organization_id not in {p.pk for p in providers}]
    return render(
        request,
        "survivors/client_list.html",
        {"own": own, "shared": shared, "may_add": bool(providers)},
    )


@login_required
def client_create(request: AuthenticatedRequest) -> HttpResponse:
    providers = _providers(request)
    if not providers:
        require(request.user, Permission.VIEW_TASK_FORCE)
        raise NotPermitted()
    form = ClientForm(request.POST or None, initial={"trafficking_type": "unknown", "case_status": "Active"})
    if request.method == "POST" and form.is_valid():
        try:
            client = actions.create_client(providers[0], acting_user=request.user, **form.values())
        except (InvalidInput, Conflict) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Client record opened."))
            return redirect("client_detail", client.pk)
    return render(request, "survivors/client_form.html", {"form": form, "client": None, "organization": providers[0]})


@login_required
def client_detail(request: AuthenticatedRequest, client_id: int) -> HttpResponse:
    access = access_client(request.user, client_id)
    return render(
        request,
        "survivors/client_detail.html",
        {
            "access": access,
            "client": access.client,
            "name": display_name(access),
            "sections": client_sections(access),
        },
    )


@login_required
def client_edit(request: AuthenticatedRequest, client_id: int) -> HttpResponse:
    access = access_client(request.user, client_id, for_change=True)
    client = access.client
    initial = {name: getattr(client, name) for name in INTAKE_FIELDS}
    initial["version"] = client.version
    form = ClientForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_client(
                client,
                version=form.cleaned_data["version"] or 0,
                acting_user=request.user,
                **form.values(),
            )
        except (InvalidInput, Conflict) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Client record saved."))
            return redirect("client_detail", client.pk)
    return render(
        request, "survivors/client_form.html", {"form": form, "client": client, "organization": client.organization}
    )
