"""An investigation's subjects, identifiers (each checked against the other agencies' at once:
the answer says "conflict" or not), identified victims (linked to a victim-service client only
through that client's share) and arrests."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from ally.access import visible_to
from ally.api.auth import acting_user
from ally.api.common import E400, E403, E404, E409, one_named
from ally.api.investigations import common
from ally.api.investigations.schemas import (
    ArrestIn,
    ArrestOut,
    IdentifierIn,
    IdentifierOut,
    IdentifierSaved,
    LinkIn,
    ReasonIn,
    SubjectIn,
    SubjectOut,
    SubjectPatch,
    SubjectSaved,
    VictimIn,
    VictimOut,
    VictimPatch,
)
from ally.deconfliction.models import Hit
from ally.investigations import actions
from ally.investigations.models import Arrest, IdentifiedVictim, Identifier, Subject
from ally.prosecutions.feed import linked_victims
from ally.tenancy.models import Organization

router = Router(tags=["investigations"])
ANSWER = {**E400, **E403, **E404, **E409}
BASE = "/investigations/{int:investigation_id}"


def _deconfliction(hits: list[Hit]) -> dict[str, Any]:
    return {"conflict": bool(hits), "hits": [h.pk for h in hits]}


# --- subjects -----------------------------------------------------------------------------------


def _subject_out(subject: Subject) -> dict[str, Any]:
    return {
        name: getattr(subject, name)
        for name in ("id", "investigation_id", "given_name", "family_name", "aliases", "date_of_birth", "gender",
                     "roles", "notes", "added_at", "removed_at")
    }


@router.get(BASE + "/subjects", response={200: list[SubjectOut], **E404})
def list_subjects(request: HttpRequest, investigation_id: int) -> list[dict[str, Any]]:
    """The investigation's subjects (removed ones left out)."""
    found = common.investigation(acting_user(request), investigation_id)
    return [_subject_out(s) for s in found.subjects.filter(removed_at=None)]


@router.post(BASE + "/subjects", response={201: SubjectSaved, **ANSWER})
def add_subject(request: HttpRequest, investigation_id: int, payload: SubjectIn) -> Status[dict[str, Any]]:
    """Add a subject: their name and date of birth are checked against the other agencies' at once."""
    user = acting_user(request)
    found = common.investigation(user, investigation_id, for_change=True)
    subject, hits = actions.add_subject(found, acting_user=user, **payload.model_dump())
    return Status(201, {"subject": _subject_out(subject), "deconfliction": _deconfliction(hits)})


def _subject(request: HttpRequest, investigation_id: int, subject_id: int) -> Subject:
    found = common.investigation(acting_user(request), investigation_id, for_change=True)
    subject: Subject = common.one_of_case(found.subjects.select_related("investigation"), subject_id)
    return subject


@router.patch(BASE + "/subjects/{int:subject_id}", response={200: SubjectSaved, **ANSWER})
def update_subject(request: HttpRequest, investigation_id: int, subject_id: int, payload: SubjectPatch) -> dict[str, Any]:
    """Change a subject; a changed name or date of birth is checked again."""
    subject = _subject(request, investigation_id, subject_id)
    changed, hits = actions.update_subject(subject, acting_user=acting_user(request), **payload.model_dump(exclude_unset=True))
    return {"subject": _subject_out(changed), "deconfliction": _deconfliction(hits)}


@router.post(BASE + "/subjects/{int:subject_id}/remove", response={200: SubjectOut, **ANSWER})
def remove_subject(request: HttpRequest, investigation_id: int, subject_id: int, payload: ReasonIn) -> dict[str, Any]:
    """Remove a subject (with a reason); their identifiers leave the deconfliction index."""
    subject = _subject(request, investigation_id, subject_id)
    return _subject_out(actions.remove_subject(subject, acting_user=acting_user(request), reason=payload.reason))


# --- identifiers --------------------------------------------------------------------------------


def _identifier_out(identifier: Identifier) -> dict[str, Any]:
    return {
        name: getattr(identifier, name)
        for name in ("id", "investigation_id", "subject_id", "kind", "value", "details", "added_at", "removed_at")
    }


@router.get(BASE + "/identifiers", response={200: list[IdentifierOut], **E404})
def list_identifiers(request: HttpRequest, investigation_id: int) -> list[dict[str, Any]]:
    """The investigation's identifiers (removed ones left out)."""
    found = common.investigation(acting_user(request), investigation_id)
    return [_identifier_out(i) for i in found.identifiers.filter(removed_at=None)]


@router.post(BASE + "/identifiers", response={201: IdentifierSaved, **ANSWER})
def add_identifier(request: HttpRequest, investigation_id: int, payload: IdentifierIn) -> Status[dict[str, Any]]:
    """Save a phone, email, address, vehicle, online account, ad URL, business or person. It is
    normalized (malformed: 400, nothing saved) and checked against the other agencies'
    investigations at once: ``deconfliction.conflict`` says whether another agency holds it, and
    ``deconfliction.hits`` which hits to open for whom to call."""
    user = acting_user(request)
    found = common.investigation(user, investigation_id, for_change=True)
    subject = None
    if payload.subject_id is not None:
        subject = one_named(found.subjects.filter(removed_at=None), payload.subject_id, _("Choose a subject of this investigation."))
    identifier, hits = actions.add_identifier(found, acting_user=user, kind=payload.kind, value=payload.value,
                                              details=payload.details or None, subject=subject)
    return Status(201, {**_identifier_out(identifier), "deconfliction": _deconfliction(hits)})


@router.post(BASE + "/identifiers/{int:identifier_id}/remove", response={200: IdentifierOut, **ANSWER})
def remove_identifier(request: HttpRequest, investigation_id: int, identifier_id: int, payload: ReasonIn) -> dict[str, Any]:
    """Remove an identifier entered in error or no longer relevant (it leaves the index)."""
    user = acting_user(request)
    found = common.investigation(user, investigation_id, for_change=True)
    identifier: Identifier = common.one_of_case(found.identifiers.select_related("investigation"), identifier_id)
    return _identifier_out(actions.remove_identifier(identifier, acting_user=user, reason=payload.reason))


# --- victims ------------------------------------------------------------------------------------


def _victim_out(victim: IdentifiedVictim) -> dict[str, Any]:
    answer = {
        name: getattr(victim, name)
        for name in ("id", "investigation_id", "given_name", "family_name", "date_of_birth", "is_minor", "gender",
                     "citizenship", "trafficking_type", "languages", "identified_on", "notes", "client_id",
                     "linked_at", "removed_at")
    }
    if not linked_victims([victim]):  # the link lapsed with the share or the consent
        answer["client_id"] = answer["linked_at"] = None
    return answer


@router.get(BASE + "/victims", response={200: list[VictimOut], **E404})
def list_victims(request: HttpRequest, investigation_id: int) -> list[dict[str, Any]]:
    """The victims the investigation identified (removed ones left out)."""
    found = common.investigation(acting_user(request), investigation_id)
    return [_victim_out(v) for v in found.victims.filter(removed_at=None)]


@router.post(BASE + "/victims", response={201: VictimOut, **ANSWER})
def identify_victim(request: HttpRequest, investigation_id: int, payload: VictimIn) -> Status[dict[str, Any]]:
    """Record a victim the investigation identified (the agency's own record)."""
    user = acting_user(request)
    found = common.investigation(user, investigation_id, for_change=True)
    return Status(201, _victim_out(actions.identify_victim(found, acting_user=user, **payload.model_dump())))


def _victim(request: HttpRequest, investigation_id: int, victim_id: int) -> IdentifiedVictim:
    found = common.investigation(acting_user(request), investigation_id, for_change=True)
    victim: IdentifiedVictim = common.one_of_case(found.victims.select_related("investigation"), victim_id)
    return victim


@router.patch(BASE + "/victims/{int:victim_id}", response={200: VictimOut, **ANSWER})
def update_victim(request: HttpRequest, investigation_id: int, victim_id: int, payload: VictimPatch) -> dict[str, Any]:
    victim = _victim(request, investigation_id, victim_id)
    return _victim_out(actions.update_victim(victim, acting_user=acting_user(request), **payload.model_dump(exclude_unset=True)))


@router.post(BASE + "/victims/{int:victim_id}/remove", response={200: VictimOut, **ANSWER})
def remove_victim(request: HttpRequest, investigation_id: int, victim_id: int, payload: ReasonIn) -> dict[str, Any]:
    victim = _victim(request, investigation_id, victim_id)
    return _victim_out(actions.remove_victim(victim, acting_user=acting_user(request), reason=payload.reason))


@router.post(BASE + "/victims/{int:victim_id}/link", response={200: VictimOut, **ANSWER})
def link_victim(request: HttpRequest, investigation_id: int, victim_id: int, payload: LinkIn) -> dict[str, Any]:
    """Link the victim to a victim-service client the survivor's provider shared with an agency
    working this investigation (the survivor's consent); else 400."""
    victim = _victim(request, investigation_id, victim_id)
    return _victim_out(actions.link_victim(victim, payload.client_id, acting_user=acting_user(request)))


@router.post(BASE + "/victims/{int:victim_id}/unlink", response={200: VictimOut, **ANSWER})
def unlink_victim(request: HttpRequest, investigation_id: int, victim_id: int, payload: ReasonIn) -> dict[str, Any]:
    victim = _victim(request, investigation_id, victim_id)
    return _victim_out(actions.unlink_victim(victim, acting_user=acting_user(request), reason=payload.reason))


# --- arrests ------------------------------------------------------------------------------------


def _arrest_out(arrest: Arrest) -> dict[str, Any]:
    return {
        **{name: getattr(arrest, name)
           for name in ("id", "investigation_id", "subject_id", "victim_id", "kind", "on", "offense", "reason", "removed_at")},
        "of": "victim" if arrest.victim_id is not None else "subject",
        "agency": common.brief(arrest.agency),
    }


@router.get(BASE + "/arrests", response={200: list[ArrestOut], **E404})
def list_arrests(request: HttpRequest, investigation_id: int) -> list[dict[str, Any]]:
    """Arrests and charges of the investigation's subjects — and of its identified victims."""
    found = common.investigation(acting_user(request), investigation_id)
    return [_arrest_out(a) for a in found.arrests.filter(removed_at=None).select_related("agency")]


@router.post(BASE + "/arrests", response={201: ArrestOut, **ANSWER})
def record_arrest(request: HttpRequest, investigation_id: int, payload: ArrestIn) -> Status[dict[str, Any]]:
    """Record an arrest or charge of one subject or one identified victim (for a victim the stated
    reason is required)."""
    user = acting_user(request)
    found = common.investigation(user, investigation_id, for_change=True)
    subject = victim = None
    if payload.subject_id is not None:
        subject = one_named(found.subjects.all(), payload.subject_id, _("Choose a person of this investigation."))
    if payload.victim_id is not None:
        victim = one_named(found.victims.all(), payload.victim_id, _("Choose a person of this investigation."))
    agency = None
    if payload.agency_id is not None:
        agency = one_named(visible_to(user, Organization), payload.agency_id, _("Choose an agency of this task force."))
    arrest = actions.record_arrest(found, acting_user=user, on=payload.on, offense=payload.offense, subject=subject,
                                   victim=victim, kind=payload.kind, agency=agency, reason=payload.reason)
    return Status(201, _arrest_out(arrest))


@router.post(BASE + "/arrests/{int:arrest_id}/remove", response={200: ArrestOut, **ANSWER})
def remove_arrest(request: HttpRequest, investigation_id: int, arrest_id: int, payload: ReasonIn) -> dict[str, Any]:
    user = acting_user(request)
    found = common.investigation(user, investigation_id, for_change=True)
    arrest: Arrest = common.one_of_case(found.arrests.select_related("investigation", "agency"), arrest_id)
    return _arrest_out(actions.remove_arrest(arrest, acting_user=user, reason=payload.reason))
