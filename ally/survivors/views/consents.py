"""Consents (with the signed form), shares, compelled disclosures and the survivor's disclosure
report: the owning organization's records about who may see what, never shown to a reader."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ally.access import Permission, access_client, grants_for, require, visible_to
from ally.access.survivors import today_in
from ally.core.errors import Conflict, InvalidInput, NotPermitted, NotVisible
from ally.core.forms import saved
from ally.core.http import AuthenticatedRequest
from ally.survivors import actions, disclosures, signed_forms
from ally.survivors.disclosures import disclosure_report
from ally.survivors.forms import (
    CompelledDisclosureForm,
    ConsentForm,
    ShareForm,
    SignedFormUpload,
    TaskOutcomeForm,
)
from ally.survivors.models import Client, Consent, Share
from ally.tenancy.models import Organization


def _partners(request: AuthenticatedRequest, client: Client) -> object:
    return visible_to(request.user, Organization).exclude(pk=client.organization_id)


@login_required
def consent_create(request: AuthenticatedRequest, client_id: int) -> HttpResponse:
    client = access_client(request.user, client_id, for_change=True).client
    task_force = client.organization.task_force
    today = today_in(task_force.pk)
    form = ConsentForm(
        request.POST or None,
        request.FILES or None,
        organizations=_partners(request, client),
        initial={
            "signed_on": today,
            "expires_on": today + timedelta(days=task_force.consent_default_days),
            "language": request.LANGUAGE_CODE[:2],
        },
    )
    fields = ("field_groups", "purposes", "signed_on", "expires_on", "signature_method", "guardian_name",
              "guardian_relationship", "guardian_suspected_abuser", "minor_consents_alone_basis", "language",
              "interpreter", "signed_form")
    done = saved(request, form, lambda data: actions.record_consent(
        client, acting_user=request.user, recipients=list(data["recipients"]), **{f: data[f] for f in fields}
    ), _("Consent recorded."), "client_detail", client.pk)
    return done or render(
        request,
        "survivors/client_subform.html",
        {"form": form, "client": client, "heading": _("Record the client's consent"), "multipart": True,
         "signature_pad": True},
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
    done = saved(request, form, lambda data: actions.share_client(
        client, acting_user=request.user, **{f: data[f] for f in ("recipient", "field_groups", "purpose", "expires_on")}
    ), _("Shared."), "client_detail", client.pk)
    return done or render(
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


def _owned_consent(request: AuthenticatedRequest, consent_id: int) -> Consent:
    """A consent of a client the user may change (the owning organization); 404 or 403 otherwise."""
    consent = visible_to(request.user, Consent).filter(pk=consent_id).first()
    if consent is None:
        raise NotVisible()
    access_client(request.user, consent.client_id, for_change=True)
    return consent


@login_required
def consent_form(request: AuthenticatedRequest, consent_id: int) -> HttpResponseBase:
    """GET: download the signed form (owner only, never cached, never shown inline).
    POST: attach it to a consent recorded without one."""
    consent = _owned_consent(request, consent_id)
    if request.method == "POST":
        upload = SignedFormUpload(request.POST, request.FILES)
        if not upload.is_valid():
            messages.error(request, _("Choose the file of the signed form."))
        else:
            try:
                signed_forms.attach_signed_form(
                    consent, upload.cleaned_data["signed_form"], acting_user=request.user
                )
            except (InvalidInput, Conflict) as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Signed form attached."))
        return redirect("client_detail", consent.client_id)
    return signed_forms.download(consent)


@login_required
def compelled_disclosure_create(request: AuthenticatedRequest, client_id: int) -> HttpResponse:
    client = access_client(request.user, client_id, for_change=True).client
    if not disclosures.records_compelled(request.user, client):
        raise NotPermitted()
    today = today_in(client.task_force_id)
    form = CompelledDisclosureForm(
        request.POST or None,
        initial={"disclosed_on": today, "notify_within_days": disclosures.NOTIFY_WITHIN_DAYS},
    )
    done = saved(request, form, lambda data: disclosures.record_compelled_disclosure(
        client, acting_user=request.user, **data
    ), _("Disclosure recorded. The client's advocates have a task to tell the survivor."), "client_detail", client.pk)
    return done or render(
        request,
        "survivors/client_subform.html",
        {"form": form, "client": client, "heading": _("Record a disclosure the law compelled")},
    )


@login_required
def notification_tasks(request: AuthenticatedRequest) -> HttpResponse:
    """Survivors to tell about a compelled disclosure: my tasks, and for administrators and
    supervisors every open task of their organizations."""
    require(request.user, Permission.VIEW_TASK_FORCE)
    if not grants_for(request.user).memberships:
        raise NotPermitted()  # funders and auditors: aggregates only
    tasks = disclosures.notification_tasks_for(request.user)
    return render(
        request,
        "survivors/notification_tasks.html",
        {"open": [t for t in tasks if t.done_at is None], "done": [t for t in tasks if t.done_at is not None][:50],
         "form": TaskOutcomeForm(), "today": today_in(grants_for(request.user).task_force_id)},
    )


@login_required
@require_POST
def notification_task_complete(request: AuthenticatedRequest, task_id: int) -> HttpResponse:
    task = disclosures.notification_tasks_for(request.user).filter(pk=task_id).first()
    if task is None:
        raise NotVisible()
    form = TaskOutcomeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say how the notification went (e.g. told in person, or why it was not safe to)."))
        return redirect("notification_tasks")
    try:
        disclosures.complete_notification_task(task, outcome=form.cleaned_data["outcome"], acting_user=request.user)
    except (InvalidInput, Conflict) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Task completed."))
    return redirect("notification_tasks")
