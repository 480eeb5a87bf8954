"""Victims identified in an investigation, their consent link to a victim-service client, and
arrests or charges (of subjects, and of victims — with the stated reason)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ally.access.investigations import access_investigation
from ally.core.errors import InvalidInput, NotVisible
from ally.core.forms import saved
from ally.core.http import AuthenticatedRequest
from ally.investigations import actions
from ally.investigations.actions.victims import VICTIM_FIELDS
from ally.investigations.forms import ArrestForm, ReasonForm, VictimForm, VictimLinkForm
from ally.investigations.models import Arrest, IdentifiedVictim, Investigation
from ally.investigations.views._common import answer, in_task_force_zone
from ally.tenancy.models import Organization


def _victim(investigation: Investigation, victim_id: int) -> IdentifiedVictim:
    victim = investigation.victims.filter(pk=victim_id, removed_at=None).select_related("investigation").first()
    if victim is None:
        raise NotVisible()
    return victim


def _values(data: dict[str, Any]) -> dict[str, Any]:
    return {k: ("" if v is None and k not in ("date_of_birth", "identified_on") else v) for k, v in data.items()}


@login_required
@in_task_force_zone
def victim_add(request: AuthenticatedRequest, investigation_id: int) -> HttpResponse:
    investigation = access_investigation(request.user, investigation_id, for_change=True)
    form = VictimForm(request.POST or None)
    return saved(request, form, lambda d: actions.identify_victim(investigation, acting_user=request.user, **_values(d)),
                 _("Victim recorded."), "investigation_detail", investigation.pk) or render(
        request, "investigations/victim_form.html", {"form": form, "investigation": investigation})


@login_required
@in_task_force_zone
def victim_edit(request: AuthenticatedRequest, investigation_id: int, victim_id: int) -> HttpResponse:
    investigation = access_investigation(request.user, investigation_id, for_change=True)
    victim = _victim(investigation, victim_id)
    form = VictimForm(request.POST or None, initial={f: getattr(victim, f) for f in VICTIM_FIELDS})
    return saved(request, form, lambda d: actions.update_victim(victim, acting_user=request.user, **_values(d)),
                 _("Victim record saved."), "investigation_detail", investigation.pk) or render(
        request, "investigations/victim_form.html", {"form": form, "investigation": investigation, "victim": victim})


@login_required
@require_POST
def victim_remove(request: AuthenticatedRequest, investigation_id: int, victim_id: int) -> HttpResponse:
    investigation = access_investigation(request.user, investigation_id, for_change=True)
    victim = _victim(investigation, victim_id)
    return answer(request, ReasonForm(request.POST), lambda d: actions.remove_victim(
        victim, acting_user=request.user, reason=d["reason"]), _("Victim record removed."),
        "investigation_detail", investigation.pk)


@login_required
@require_POST
def victim_link(request: AuthenticatedRequest, investigation_id: int, victim_id: int) -> HttpResponse:
    investigation = access_investigation(request.user, investigation_id, for_change=True)
    victim = _victim(investigation, victim_id)
    return answer(request, VictimLinkForm(request.POST), lambda d: actions.link_victim(
        victim, d["client_number"], acting_user=request.user),
        _("Linked to the client by consent: the client's advocate will hear of the case's legal status."),
        "investigation_detail", investigation.pk)


@login_required
@require_POST
def victim_unlink(request: AuthenticatedRequest, investigation_id: int, victim_id: int) -> HttpResponse:
    investigation = access_investigation(request.user, investigation_id, for_change=True)
    victim = _victim(investigation, victim_id)
    return answer(request, ReasonForm(request.POST), lambda d: actions.unlink_victim(
        victim, acting_user=request.user, reason=d["reason"]), _("Link to the client removed."),
        "investigation_detail", investigation.pk)


@login_required
@require_POST
def arrest_add(request: AuthenticatedRequest, investigation_id: int) -> HttpResponse:
    investigation = access_investigation(request.user, investigation_id, for_change=True)
    subjects = list(investigation.subjects.filter(removed_at=None))
    victims = list(investigation.victims.filter(removed_at=None))
    form = ArrestForm(request.POST, subjects=subjects, victims=victims, agencies=Organization.objects.filter(
        task_force_id=investigation.task_force_id, is_active=True))

    def change(d: dict[str, Any]) -> None:
        person = d["person"]
        subject = next((s for s in subjects if f"s{s.pk}" == person), None)
        victim = next((v for v in victims if f"v{v.pk}" == person), None)
        if subject is None and victim is None:
            raise InvalidInput(_("Choose a person of this investigation."))
        actions.record_arrest(investigation, acting_user=request.user, on=d["on"], offense=d["offense"],
                              subject=subject, victim=victim, kind=d["kind"], agency=d["agency"], reason=d["reason"])

    return answer(request, form, change, _("Arrest or charge recorded."), "investigation_detail", investigation.pk)


@login_required
@require_POST
def arrest_remove(request: AuthenticatedRequest, investigation_id: int, arrest_id: int) -> HttpResponse:
    investigation = access_investigation(request.user, investigation_id, for_change=True)
    arrest = Arrest.objects.filter(investigation=investigation, pk=arrest_id, removed_at=None).select_related(
        "investigation").first()
    if arrest is None:
        raise NotVisible()
    return answer(request, ReasonForm(request.POST), lambda d: actions.remove_arrest(
        arrest, acting_user=request.user, reason=d["reason"]), _("Record removed."),
        "investigation_detail", investigation.pk)
