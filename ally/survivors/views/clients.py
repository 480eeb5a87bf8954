"""The client record: the list, intake (with likely duplicates first), the record page, editing,
and the assigned advocates. Every read goes through access_client, so a shared read is logged."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ally.access import Permission, access_client, grants_for, require, visible_to
from ally.access.care import events_of, notes_of, services_of
from ally.access.survivors import today_in
from ally.accounts.models import User
from ally.core.errors import Conflict, InvalidInput, NotPermitted
from ally.core.forms import saved
from ally.core.http import AuthenticatedRequest
from ally.survivors import actions, vocabularies
from ally.survivors.disclosures import notification_tasks_for, records_compelled
from ally.survivors.duplicates import possible_duplicates
from ally.survivors.forms import (
    AdvocateForm,
    ClientForm,
    NoteForm,
    ServiceForm,
)
from ally.survivors.models import Client
from ally.survivors.queries import client_sections, display_name
from ally.survivors.screenings import visible_screenings
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
    providers = _providers(request)
    provider_ids = [p.pk for p in providers]
    clients = visible_to(request.user, Client).select_related("organization")
    own = clients.filter(organization_id__in=provider_ids).order_by("legal_name", "pk")
    query = request.GET.get("q", "").strip()[:100]
    status = request.GET.get("status", "")
    if query:
        own = own.filter(Q(legal_name__icontains=query) | Q(preferred_name__icontains=query))
    if status and vocabularies.is_valid("cas_Status", status):
        own = own.filter(case_status=status)
    # Clients of other organizations appear by number only: opening one is a logged disclosure.
    shared = clients.exclude(organization_id__in=provider_ids).order_by("organization__name", "pk")
    open_tasks = notification_tasks_for(request.user).filter(done_at=None).count()
    return render(
        request,
        "survivors/client_list.html",
        {
            "page": Paginator(own, 50).get_page(request.GET.get("page")),
            "shared": shared,
            "may_add": bool(providers),
            "q": query,
            "status": status,
            "statuses": vocabularies.choices("cas_Status"),
            "open_tasks": open_tasks,
        },
    )


@login_required
def client_create(request: AuthenticatedRequest) -> HttpResponse:
    providers = _providers(request)
    if not providers:
        require(request.user, Permission.VIEW_TASK_FORCE)
        raise NotPermitted()
    form = ClientForm(
        request.POST or None,
        initial={
            "trafficking_type": "unknown",
            "case_status": "Active",
            "intake_date": today_in(providers[0].task_force_id),
        },
    )
    matches: list[dict[str, object]] = []
    if request.method == "POST" and form.is_valid():
        values = form.values()
        # Before saving, show likely existing records of this provider (never of another). Those
        # the advocate may not open are counted, not named.
        if not request.POST.get("confirm_new"):
            seen = set(visible_to(request.user, Client).values_list("pk", flat=True))
            matches = [
                {"client": m.client if m.client.pk in seen else None, "reasons": m.reasons}
                for m in possible_duplicates(
                    providers[0],
                    legal_name=values["legal_name"],
                    date_of_birth=values.get("date_of_birth"),
                    phone=values["phone"],
                )
            ]
    if request.method == "POST" and form.is_valid() and not matches:
        try:
            client = actions.create_client(providers[0], acting_user=request.user, **form.values())
        except (InvalidInput, Conflict) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Client record opened."))
            return redirect("client_detail", client.pk)
    return render(
        request,
        "survivors/client_form.html",
        {"form": form, "client": None, "organization": providers[0], "matches": matches},
    )


@login_required
def client_detail(request: AuthenticatedRequest, client_id: int) -> HttpResponse:
    access = access_client(request.user, client_id)
    context = {
        "access": access,
        "client": access.client,
        "name": display_name(access),
        "sections": client_sections(access),
    }
    context["services"] = services_of(access)[:50]
    context["notes"] = notes_of(request.user, access).select_related("corrects")[:50]
    context["events"] = events_of(access)
    if access.is_owner:
        context["advocates"] = list(access.client.advocates.order_by("full_name"))
        context["screenings"] = visible_screenings(request.user).filter(client=access.client)
        context["may_record_compelled"] = records_compelled(request.user, access.client)
        today = today_in(access.client.task_force_id)
        context["service_form"] = ServiceForm(prefix="service", initial={"delivered_on": today, "unit": "hours"})
        context["note_form"] = NoteForm(prefix="note")
        # Consents and shares are the owning organization's records, never a reader's.
        context["consents"] = access.client.consents.prefetch_related("recipients")
        context["shares"] = access.client.shares.select_related("recipient", "consent")
        context["today"] = today_in(access.client.task_force_id)
    return render(request, "survivors/client_detail.html", context)


@login_required
def client_edit(request: AuthenticatedRequest, client_id: int) -> HttpResponse:
    access = access_client(request.user, client_id, for_change=True)
    client = access.client
    form = ClientForm(request.POST or None, initial=ClientForm.initial_for(client), full=True)
    done = saved(request, form, lambda data: actions.update_client(
        client, version=data["version"] or 0, acting_user=request.user, **form.values()
    ), _("Client record saved."), "client_detail", client.pk)
    return done or render(
        request, "survivors/client_form.html", {"form": form, "client": client, "organization": client.organization}
    )


@login_required
def client_advocates(request: AuthenticatedRequest, client_id: int) -> HttpResponse:
    """The client's assigned advocates; supervisors and administrators change them."""
    client = access_client(request.user, client_id, for_change=True).client
    may_assign = actions.may_assign_advocates(request.user, client)
    advocates = list(client.advocates.order_by("full_name"))
    members = User.objects.filter(
        memberships__organization=client.organization, memberships__is_active=True, is_active=True
    ).exclude(pk__in=[a.pk for a in advocates]).distinct().order_by("full_name")
    form = AdvocateForm(request.POST or None, members=members)
    if request.method == "POST":
        if not may_assign:
            raise NotPermitted()
        remove = request.POST.get("remove")
        try:
            if remove:
                person = next((a for a in advocates if str(a.pk) == remove), None)
                if person is None:
                    raise InvalidInput(_("This person is not one of the client's advocates."))
                actions.unassign_advocate(client, user=person, acting_user=request.user)
                messages.success(request, _("Advocate unassigned."))
                return redirect("client_advocates", client.pk)
            if form.is_valid():
                actions.assign_advocate(client, user=form.cleaned_data["user"], acting_user=request.user)
                messages.success(request, _("Advocate assigned."))
                return redirect("client_advocates", client.pk)
        except InvalidInput as error:
            form.add_error(None, str(error))
    return render(
        request,
        "survivors/client_advocates.html",
        {"client": client, "advocates": advocates, "form": form, "may_assign": may_assign},
    )
