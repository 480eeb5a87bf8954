"""Client pages. Every read goes through access_client, so a shared read is logged."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ally.access import Permission, access_client, grants_for, require, visible_to
from ally.access.care import notes_of, services_of
from ally.access.survivors import today_in
from ally.core.errors import Conflict, InvalidInput, NotPermitted, NotVisible
from ally.core.http import AuthenticatedRequest
from ally.survivors import actions, care
from ally.survivors.disclosures import disclosure_report
from ally.survivors.duplicates import possible_duplicates
from ally.survivors.forms import (
    INTAKE_FIELDS,
    ClientForm,
    ConsentForm,
    NoteForm,
    ServiceForm,
    ShareForm,
)
from ally.survivors.models import Client, Consent, Share
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
    context["notes"] = notes_of(request.user, access)[:50]
    if access.is_owner:
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


def _partners(request: AuthenticatedRequest, client: Client) -> object:
    return visible_to(request.user, Organization).exclude(pk=client.organization_id)


@login_required
def consent_create(request: AuthenticatedRequest, client_id: int) -> HttpResponse:
    client = access_client(request.user, client_id, for_change=True).client
    task_force = client.organization.task_force
    today = today_in(task_force.pk)
    form = ConsentForm(
        request.POST or None,
        organizations=_partners(request, client),
        initial={
            "signed_on": today,
            "expires_on": today + timedelta(days=task_force.consent_default_days),
            "language": request.LANGUAGE_CODE[:2],
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.record_consent(
                client,
                acting_user=request.user,
                recipients=list(data["recipients"]),
                field_groups=data["field_groups"],
                purposes=data["purposes"],
                signed_on=data["signed_on"],
                expires_on=data["expires_on"],
                signature_method=data["signature_method"],
                guardian_name=data["guardian_name"],
                guardian_relationship=data["guardian_relationship"],
                guardian_suspected_abuser=data["guardian_suspected_abuser"],
                minor_consents_alone_basis=data["minor_consents_alone_basis"],
                language=data["language"],
                interpreter=data["interpreter"],
            )
        except InvalidInput as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Consent recorded."))
            return redirect("client_detail", client.pk)
    return render(
        request,
        "survivors/client_subform.html",
        {"form": form, "client": client, "heading": _("Record the client's consent")},
    )


@login_required
@require_POST
def consent_revoke(request: AuthenticatedRequest, consent_id: int) -> HttpResponse:
    consent = visible_to(request.user, Consent).filter(pk=consent_id).first()
    if consent is None:
        raise NotVisible()
    actions.revoke_consent(consent, acting_user=request.user, note=request.POST.get("note", ""))
    messages.success(request, _("Consent revoked. Every share resting on it is closed."))
    return redirect("client_detail", consent.client_id)


@login_required
def share_create(request: AuthenticatedRequest, client_id: int) -> HttpResponse:
    client = access_client(request.user, client_id, for_change=True).client
    form = ShareForm(request.POST or None, organizations=_partners(request, client))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.share_client(
                client,
                recipient=data["recipient"],
                field_groups=data["field_groups"],
                purpose=data["purpose"],
                expires_on=data["expires_on"],
                acting_user=request.user,
            )
        except InvalidInput as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Shared."))
            return redirect("client_detail", client.pk)
    return render(
        request,
        "survivors/client_subform.html",
        {"form": form, "client": client, "heading": _("Share part of this record")},
    )


@login_required
@require_POST
def share_revoke(request: AuthenticatedRequest, share_id: int) -> HttpResponse:
    share = visible_to(request.user, Share).filter(pk=share_id).first()
    if share is None:
        raise NotVisible()
    actions.revoke_share(share, acting_user=request.user)
    messages.success(request, _("Share withdrawn."))
    return redirect("client_detail", share.client_id)


@login_required
def disclosure_report_view(request: AuthenticatedRequest, client_id: int) -> HttpResponse:
    """Everyone who saw this client's information, and what, when and why: for the survivor."""
    client = access_client(request.user, client_id, for_change=True).client
    language = request.GET.get("language", request.LANGUAGE_CODE[:2])
    if language not in {"en", "es"}:
        language = "en"
    report = disclosure_report(request.user, client, language=language)
    return render(
        request,
        "survivors/disclosure_report.html",
        {"report": report, "client": client, "report_language": language},
    )


@login_required
@require_POST
def service_create(request: AuthenticatedRequest, client_id: int) -> HttpResponse:
    client = access_client(request.user, client_id, for_change=True).client
    form = ServiceForm(request.POST, prefix="service")
    if form.is_valid():
        try:
            care.record_service(client, acting_user=request.user, staff=request.user, **form.cleaned_data)
        except InvalidInput as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Service recorded."))
    else:
        messages.error(request, _("The service was not recorded: check the date and amount."))
    return redirect("client_detail", client.pk)


@login_required
@require_POST
def note_create(request: AuthenticatedRequest, client_id: int) -> HttpResponse:
    client = access_client(request.user, client_id, for_change=True).client
    form = NoteForm(request.POST, prefix="note")
    if form.is_valid():
        try:
            care.add_case_note(client, acting_user=request.user, **form.cleaned_data)
        except InvalidInput as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Note added."))
    else:
        messages.error(request, _("The note was not added: write the note and choose its type."))
    return redirect("client_detail", client.pk)
