"""Subjects and identifiers of an investigation. After each save the user sees at once whether
another agency holds the same target."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ally.access.investigations import access_investigation
from ally.core.errors import NotVisible
from ally.core.forms import saved
from ally.core.http import AuthenticatedRequest
from ally.investigations import actions
from ally.investigations.forms import IdentifierForm, ReasonForm, SubjectForm
from ally.investigations.models import Identifier, Investigation, Subject
from ally.investigations.views._common import answer, in_task_force_zone, tell_deconfliction


def _subject(investigation: Investigation, subject_id: int) -> Subject:
    subject = investigation.subjects.filter(pk=subject_id, removed_at=None).select_related("investigation").first()
    if subject is None:
        raise NotVisible()
    return subject


@login_required
@in_task_force_zone
def subject_add(request: AuthenticatedRequest, investigation_id: int) -> HttpResponse:
    investigation = access_investigation(request.user, investigation_id, for_change=True)
    form = SubjectForm(request.POST or None)
    hits: list[Any] = []

    def change(_data: dict[str, Any]) -> None:
        _subject_, found = actions.add_subject(investigation, acting_user=request.user, **form.values())
        hits.extend(found)

    response = saved(request, form, change, _("Subject added."), "investigation_detail", investigation.pk)
    if response is not None:
        tell_deconfliction(request, hits)
        return response
    return render(request, "investigations/subject_form.html", {"form": form, "investigation": investigation})


@login_required
@in_task_force_zone
def subject_edit(request: AuthenticatedRequest, investigation_id: int, subject_id: int) -> HttpResponse:
    investigation = access_investigation(request.user, investigation_id, for_change=True)
    subject = _subject(investigation, subject_id)
    form = SubjectForm(request.POST or None, initial={
        "given_name": subject.given_name, "family_name": subject.family_name, "aliases": ", ".join(subject.aliases),
        "date_of_birth": subject.date_of_birth, "gender": subject.gender, "roles": subject.roles, "notes": subject.notes,
    })
    checked: list[list[Any]] = []

    def change(_data: dict[str, Any]) -> None:
        before = (subject.given_name, subject.family_name, subject.date_of_birth)
        _s, found = actions.update_subject(subject, acting_user=request.user, **form.values())
        if (subject.given_name, subject.family_name, subject.date_of_birth) != before:
            checked.append(found)

    response = saved(request, form, change, _("Subject saved."), "investigation_detail", investigation.pk)
    if response is not None:
        if checked:
            tell_deconfliction(request, checked[0])
        return response
    return render(request, "investigations/subject_form.html",
                  {"form": form, "investigation": investigation, "subject": subject})


@login_required
@require_POST
def subject_remove(request: AuthenticatedRequest, investigation_id: int, subject_id: int) -> HttpResponse:
    investigation = access_investigation(request.user, investigation_id, for_change=True)
    subject = _subject(investigation, subject_id)
    return answer(request, ReasonForm(request.POST), lambda d: actions.remove_subject(
        subject, acting_user=request.user, reason=d["reason"]), _("Subject removed."),
        "investigation_detail", investigation.pk)


@login_required
@in_task_force_zone
def identifier_add(request: AuthenticatedRequest, investigation_id: int) -> HttpResponse:
    investigation = access_investigation(request.user, investigation_id, for_change=True)
    subjects = investigation.subjects.filter(removed_at=None)
    form = IdentifierForm(request.POST or None, subjects=subjects,
                          initial={"kind": request.GET.get("kind", "phone"), "subject": request.GET.get("subject")})
    hits: list[Any] = []

    def change(data: dict[str, Any]) -> None:
        kind, value, details = form.identifier()
        _identifier, found = actions.add_identifier(investigation, acting_user=request.user, kind=kind, value=value,
                                                    details=details, subject=data.get("subject"))
        hits.extend(found)

    response = saved(request, form, change, _("Identifier saved."), "investigation_detail", investigation.pk)
    if response is not None:
        tell_deconfliction(request, hits)
        return response
    return render(request, "investigations/identifier_form.html", {"form": form, "investigation": investigation})


@login_required
@require_POST
def identifier_remove(request: AuthenticatedRequest, investigation_id: int, identifier_id: int) -> HttpResponse:
    investigation = access_investigation(request.user, investigation_id, for_change=True)
    identifier = Identifier.objects.filter(investigation=investigation, pk=identifier_id, removed_at=None).select_related(
        "investigation").first()
    if identifier is None:
        raise NotVisible()
    return answer(request, ReasonForm(request.POST), lambda d: actions.remove_identifier(
        identifier, acting_user=request.user, reason=d["reason"]), _("Identifier removed."),
        "investigation_detail", investigation.pk)
