"""Prosecution cases: the list, opening one without a referral, one case, changes; its defendants,
charges (under the statute catalogue) and dispositions, court events and victims. The office
changes; the agencies that work the investigation read (403 on a change)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from ally.access import grants_for
from ally.access.policy import require_member
from ally.access.prosecutions import access_case, prosecuting_organization_ids, visible_cases
from ally.accounts.models import User
from ally.api.auth import acting_user
from ally.api.common import E400, E403, E404, E409, one_named, paginated, person
from ally.api.investigations.common import brief, member_of, one_of_case
from ally.api.prosecutions.schemas import (
    CaseBriefOut,
    CaseIn,
    CaseOut,
    CasePatch,
    CaseVictimIn,
    CaseVictimOut,
    ChargeIn,
    ChargeOut,
    CourtEventIn,
    CourtEventOut,
    CourtEventPatch,
    DefendantIn,
    DefendantOut,
    DispositionIn,
    ReasonIn,
)
from ally.core.errors import InvalidInput, NotPermitted
from ally.investigations.models import IdentifiedVictim, Subject
from ally.prosecutions import actions
from ally.prosecutions.models import (
    CaseVictim,
    Charge,
    CourtEvent,
    Defendant,
    ProsecutionCase,
    Statute,
)
from ally.tenancy.models import Organization

router = Router(tags=["prosecutions"])
ANSWER = {**E400, **E403, **E404, **E409}
BASE = "/prosecutions/{int:case_id}"
BRIEF = ("id", "number", "jurisdiction", "court", "status", "opened_on", "closed_on")


def case_out(user: User, case: ProsecutionCase) -> dict[str, Any]:
    return {
        **{name: getattr(case, name) for name in BRIEF},
        "organization": brief(case.organization),
        "prosecutor": None if case.prosecutor is None else person(case.prosecutor),
        "investigation": None if case.investigation is None else {"id": case.investigation_id, "number": case.investigation.number},
        "referral_id": case.referral_id,
        "may_change": case.organization_id in grants_for(user).memberships,
        "version": case.version,
    }


@router.get("/prosecutions", response={200: list[CaseBriefOut], **E400, **E403, **E404})
@paginated
def list_prosecutions(request: HttpRequest, status: str = "") -> QuerySet[ProsecutionCase]:
    """Your office's cases, and the cases from investigations your agencies work; newest first."""
    user = acting_user(request)
    require_member(user)
    cases = visible_cases(user).select_related("organization")
    return cases.filter(status=status) if status else cases


def _office(user: User, organization_id: int | None) -> Organization:
    require_member(user)
    ids = prosecuting_organization_ids(grants_for(user))
    if not ids:
        raise NotPermitted(_("Prosecution cases belong to prosecutors' offices."))
    offices = Organization.objects.filter(pk__in=ids).order_by("name")
    if organization_id is None:
        found = offices.first()
        assert found is not None
        return found
    return one_named(offices, organization_id, _("Open the case in your office."))


@router.post("/prosecutions", response={201: CaseOut, **ANSWER})
def open_prosecution(request: HttpRequest, payload: CaseIn) -> Status[dict[str, Any]]:
    """Your office opens a case of its own (a case from an investigation opens by accepting its
    referral)."""
    user = acting_user(request)
    office = _office(user, payload.organization_id)
    prosecutor = member_of(office, payload.prosecutor_id, _("The prosecutor must be a member of the office."))
    case = actions.open_case(office, acting_user=user, number=payload.number, jurisdiction=payload.jurisdiction,
                             court=payload.court, prosecutor=prosecutor, opened_on=payload.opened_on)
    return Status(201, case_out(user, access_case(user, case.pk)))


@router.get(BASE, response={200: CaseOut, **E404})
def get_prosecution(request: HttpRequest, case_id: int) -> dict[str, Any]:
    user = acting_user(request)
    return case_out(user, access_case(user, case_id))


@router.patch(BASE, response={200: CaseOut, **ANSWER})
def update_prosecution(request: HttpRequest, case_id: int, payload: CasePatch) -> dict[str, Any]:
    """Change the status, court, prosecutor or closing date (``version`` as read: 409 otherwise)."""
    user = acting_user(request)
    case = access_case(user, case_id, for_change=True)
    changes = payload.model_dump(exclude_unset=True, exclude={"version", "prosecutor_id"})
    if "prosecutor_id" in payload.model_fields_set:
        changes["prosecutor"] = member_of(case.organization, payload.prosecutor_id, _("The prosecutor must be a member of the office."))
    actions.update_case(case, acting_user=user, version=payload.version, **changes)
    return case_out(user, access_case(user, case_id))


# --- defendants ---------------------------------------------------------------------------------


def _defendant_out(defendant: Defendant) -> dict[str, Any]:
    return {name: getattr(defendant, name)
            for name in ("id", "subject_id", "given_name", "family_name", "date_of_birth", "removed_at")}


@router.get(BASE + "/defendants", response={200: list[DefendantOut], **E404})
def list_defendants(request: HttpRequest, case_id: int) -> list[dict[str, Any]]:
    case = access_case(acting_user(request), case_id)
    return [_defendant_out(d) for d in case.defendants.filter(removed_at=None)]


@router.post(BASE + "/defendants", response={201: DefendantOut, **ANSWER})
def add_defendant(request: HttpRequest, case_id: int, payload: DefendantIn) -> Status[dict[str, Any]]:
    """A defendant: a subject of the case's investigation (``subject_id``), or a person named here."""
    user = acting_user(request)
    case = access_case(user, case_id, for_change=True)
    subject = None
    if payload.subject_id is not None:
        subject = one_named(Subject.objects.filter(investigation_id=case.investigation_id or 0, removed_at=None),
                            payload.subject_id, _("Choose a subject of this case's investigation."))
    defendant = actions.add_defendant(case, acting_user=user, subject=subject, given_name=payload.given_name,
                                      family_name=payload.family_name, date_of_birth=payload.date_of_birth)
    return Status(201, _defendant_out(defendant))


def _defendant(user: User, case: ProsecutionCase, defendant_id: int) -> Defendant:
    found: Defendant = one_of_case(case.defendants.select_related("case"), defendant_id)
    return found


@router.post(BASE + "/defendants/{int:defendant_id}/remove", response={200: DefendantOut, **ANSWER})
def remove_defendant(request: HttpRequest, case_id: int, defendant_id: int, payload: ReasonIn) -> dict[str, Any]:
    user = acting_user(request)
    case = access_case(user, case_id, for_change=True)
    defendant = _defendant(user, case, defendant_id)
    return _defendant_out(actions.remove_defendant(defendant, acting_user=user, reason=payload.reason))


# --- charges ------------------------------------------------------------------------------------


def _charge_out(charge: Charge) -> dict[str, Any]:
    statute = charge.statute
    return {
        **{name: getattr(charge, name)
           for name in ("id", "defendant_id", "counts", "filed_on", "disposition", "disposition_on", "sentence_months",
                        "sentence_note")},
        "statute": {"id": statute.pk, "citation": statute.citation, "title": statute.title,
                    "category": statute.category, "jurisdiction": statute.jurisdiction},
    }


def _charges(case: ProsecutionCase) -> QuerySet[Charge]:
    return Charge.objects.filter(defendant__case=case).select_related("statute", "defendant__case")


@router.get(BASE + "/charges", response={200: list[ChargeOut], **E404})
def list_charges(request: HttpRequest, case_id: int) -> list[dict[str, Any]]:
    """Every charge of the case's defendants, with its statute and disposition."""
    case = access_case(acting_user(request), case_id)
    return [_charge_out(c) for c in _charges(case)]


@router.post(BASE + "/defendants/{int:defendant_id}/charges", response={201: ChargeOut, **ANSWER})
def file_charge(request: HttpRequest, case_id: int, defendant_id: int, payload: ChargeIn) -> Status[dict[str, Any]]:
    """Charge a defendant under an active statute of the catalogue (by id or citation; unknown: 400)."""
    user = acting_user(request)
    case = access_case(user, case_id, for_change=True)
    defendant = _defendant(user, case, defendant_id)
    statute: Statute | str = payload.citation
    if payload.statute_id is not None:
        found = Statute.objects.filter(pk=payload.statute_id, task_force_id=case.task_force_id).first()
        if found is None:
            raise InvalidInput(_("Unknown statute: choose an active statute of the task force's catalogue."))
        statute = found
    charge = actions.file_charge(defendant, acting_user=user, statute=statute, counts=payload.counts, filed_on=payload.filed_on)
    return Status(201, _charge_out(_charges(case).get(pk=charge.pk)))


@router.post(BASE + "/charges/{int:charge_id}/disposition", response={200: ChargeOut, **ANSWER})
def record_disposition(request: HttpRequest, case_id: int, charge_id: int, payload: DispositionIn) -> dict[str, Any]:
    """How a charge ended (declined, dismissed, plea, convicted, acquitted); a sentence only after
    a plea or a conviction."""
    user = acting_user(request)
    case = access_case(user, case_id, for_change=True)
    charge: Charge = one_of_case(_charges(case), charge_id)
    actions.record_disposition(charge, acting_user=user, **payload.model_dump())
    return _charge_out(_charges(case).get(pk=charge_id))


# --- court events -------------------------------------------------------------------------------


def _event_out(event: CourtEvent) -> dict[str, Any]:
    return {name: getattr(event, name)
            for name in ("id", "kind", "starts_at", "place", "victim_testimony_expected", "note", "cancelled_at")}


@router.get(BASE + "/court-events", response={200: list[CourtEventOut], **E404})
def list_court_events(request: HttpRequest, case_id: int) -> list[dict[str, Any]]:
    case = access_case(acting_user(request), case_id)
    return [_event_out(e) for e in case.court_events.all()]


@router.post(BASE + "/court-events", response={201: CourtEventOut, **ANSWER})
def schedule_court_event(request: HttpRequest, case_id: int, payload: CourtEventIn) -> Status[dict[str, Any]]:
    """Schedule a court event; advocates of victims linked by consent hear of it."""
    user = acting_user(request)
    case = access_case(user, case_id, for_change=True)
    return Status(201, _event_out(actions.schedule_court_event(case, acting_user=user, **payload.model_dump())))


def _event(case: ProsecutionCase, event_id: int) -> CourtEvent:
    found: CourtEvent = one_of_case(case.court_events.select_related("case"), event_id)
    return found


@router.patch(BASE + "/court-events/{int:event_id}", response={200: CourtEventOut, **ANSWER})
def change_court_event(request: HttpRequest, case_id: int, event_id: int, payload: CourtEventPatch) -> dict[str, Any]:
    """Move a court event or change its place or note."""
    user = acting_user(request)
    case = access_case(user, case_id, for_change=True)
    changed = actions.change_court_event(_event(case, event_id), acting_user=user, **payload.model_dump(exclude_unset=True))
    return _event_out(changed)


@router.post(BASE + "/court-events/{int:event_id}/cancel", response={200: CourtEventOut, **ANSWER})
def cancel_court_event(request: HttpRequest, case_id: int, event_id: int, payload: ReasonIn) -> dict[str, Any]:
    user = acting_user(request)
    case = access_case(user, case_id, for_change=True)
    return _event_out(actions.cancel_court_event(_event(case, event_id), acting_user=user, reason=payload.reason))


# --- victims ------------------------------------------------------------------------------------


def _case_victim_out(link: CaseVictim) -> dict[str, Any]:
    victim = link.victim
    return {"id": link.pk, "victim_id": victim.pk, "given_name": victim.given_name, "family_name": victim.family_name,
            "is_minor": victim.is_minor}


@router.get(BASE + "/victims", response={200: list[CaseVictimOut], **E404})
def list_case_victims(request: HttpRequest, case_id: int) -> list[dict[str, Any]]:
    case = access_case(acting_user(request), case_id)
    return [_case_victim_out(v) for v in case.victims.select_related("victim").order_by("pk")]


@router.post(BASE + "/victims", response={201: CaseVictimOut, **ANSWER})
def add_case_victim(request: HttpRequest, case_id: int, payload: CaseVictimIn) -> Status[dict[str, Any]]:
    """Add a victim identified in the case's investigation."""
    user = acting_user(request)
    case = access_case(user, case_id, for_change=True)
    victim = one_named(IdentifiedVictim.objects.filter(investigation_id=case.investigation_id or 0, removed_at=None),
                       payload.victim_id, _("Choose a victim identified in this case's investigation."))
    link = actions.add_case_victim(case, victim, acting_user=user)
    return Status(201, _case_victim_out(CaseVictim.objects.select_related("victim").get(pk=link.pk)))
