"""Screening pages: the organization's screenings (including those not yet linked to a client),
a new screening in English or Spanish, its result as a suggestion, and linking it to a client."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ally.access import Permission, access_client, grants_for, require, visible_to
from ally.access.survivors import own_clients, today_in
from ally.core.errors import Conflict, InvalidInput, NotPermitted
from ally.core.http import AuthenticatedRequest
from ally.survivors import screenings
from ally.survivors.models import Client, Screening
from ally.survivors.screening import InstrumentError, load_instrument
from ally.survivors.screening.scoring import DISCLAIMER, DOMAINS
from ally.survivors.screening_forms import LinkScreeningForm, ScreeningForm
from ally.tenancy.models import Organization

INSTRUMENT = "ally-screening"


def _member(request: AuthenticatedRequest) -> list[Organization]:
    """The organizations this person screens for; funders and auditors screen nobody."""
    require(request.user, Permission.VIEW_TASK_FORCE)
    ids = grants_for(request.user).organization_ids()
    if not ids:
        raise NotPermitted()
    return list(visible_to(request.user, Organization).filter(pk__in=ids).order_by("name"))


def _linkable(request: AuthenticatedRequest, organization_id: int) -> Any:
    """Clients of the screening's organization this person may change (as the owner)."""
    grants = grants_for(request.user)
    return Client.objects.filter(
        own_clients(grants), organization_id=organization_id, task_force_id=grants.task_force_id, deleted_at=None
    ).order_by("legal_name")


@login_required
def screening_list(request: AuthenticatedRequest) -> HttpResponse:
    _member(request)
    rows = screenings.visible_screenings(request.user).select_related("organization", "client", "screened_by")
    rows = rows.order_by("-screened_on", "-id")[:200]
    return render(request, "survivors/screening_list.html", {"screenings": rows, "domains": DOMAINS})


@login_required
def screening_create(request: AuthenticatedRequest) -> HttpResponse:
    organizations = _member(request)
    language = request.GET.get("language") or request.POST.get("language") or request.LANGUAGE_CODE[:2]
    instrument = load_instrument(INSTRUMENT)
    if language not in instrument.languages:
        language = "en"
    chosen = request.POST.get("organization") or request.GET.get("organization")
    organization = next((o for o in organizations if str(o.pk) == chosen), organizations[0])
    client = None
    if request.GET.get("client") or request.POST.get("client"):
        client = access_client(request.user, request.GET.get("client") or request.POST.get("client"), for_change=True).client
        organization = client.organization
    form = ScreeningForm(
        request.POST or None, instrument=instrument, language=language,
        initial={"screened_on": today_in(organization.task_force_id)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            screening = screenings.record_screening(
                organization, instrument_id=instrument.id, version=instrument.version, language=language,
                answers=form.answers(), client=client, reference=form.cleaned_data["reference"],
                screened_on=form.cleaned_data["screened_on"], acting_user=request.user,
            )
        except InvalidInput as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Screening saved."))
            return redirect("screening_detail", screening.pk)
    return render(request, "survivors/screening_form.html", {
        "form": form, "instrument": instrument, "language": language, "notice": instrument.notice.get(language),
        "organization": organization, "organizations": organizations, "client": client,
        "title": instrument.title.get(language),
    })


def _result_view(screening: Screening) -> dict[str, Any]:
    """The stored result in words: per domain the suggested level and the indicators behind it."""
    try:
        instrument = load_instrument(screening.instrument_id, screening.instrument_version)
    except InstrumentError:
        return {"instrument": None, "domains": [], "answers": []}
    language = screening.language
    result = screening.result
    domains = [
        {
            "domain": domain,
            "level": result.get("suggested_level", {}).get(domain, "none"),
            "indicators": [
                instrument.indicator(i).label.get(language) for i in result.get("by_domain", {}).get(domain, [])
            ],
        }
        for domain in DOMAINS
    ]
    answers = []
    for section in instrument.sections:
        rows = []
        for question in section.questions:
            if question.id not in screening.answers:
                continue
            value = screening.answers[question.id]
            values = value if isinstance(value, list) else [value]
            shown = ", ".join(
                str(v) if question.answer_type in ("number", "text") else question.value_label(str(v)).get(language)
                for v in values
            )
            rows.append((question.text.get(language), shown))
        if rows:
            answers.append((section.title.get(language), rows))
    return {"instrument": instrument, "domains": domains, "answers": answers,
            "disclaimer": DISCLAIMER.get(language, DISCLAIMER["en"])}


@login_required
def screening_detail(request: AuthenticatedRequest, screening_id: int) -> HttpResponse:
    screening = screenings.access_screening(request.user, screening_id)
    context = {"screening": screening, **_result_view(screening)}
    if screening.client_id is None:
        context["link_form"] = LinkScreeningForm(clients=_linkable(request, screening.organization_id))
    return render(request, "survivors/screening_detail.html", context)


@login_required
@require_POST
def screening_link(request: AuthenticatedRequest, screening_id: int) -> HttpResponse:
    screening = screenings.access_screening(request.user, screening_id)
    form = LinkScreeningForm(request.POST, clients=_linkable(request, screening.organization_id))
    if not form.is_valid():
        messages.error(request, _("Choose a client of the organization that did the screening."))
        return redirect("screening_detail", screening.pk)
    try:
        screenings.link_screening(screening, form.cleaned_data["client"], acting_user=request.user)
    except (InvalidInput, Conflict) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Screening linked to the client."))
    return redirect("screening_detail", screening.pk)
