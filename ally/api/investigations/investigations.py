"""Investigations: the list, opening, one record, changes, status, partner agencies, the
dissemination log and 28 CFR Part 23 review (validate or purge)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from ally.access import visible_to
from ally.access.investigations import may_supervise, visible_investigations
from ally.access.policy import require_member
from ally.accounts.models import User
from ally.api.auth import acting_user
from ally.api.common import E400, E403, E404, E409, one_named, paginated, person
from ally.api.investigations import common
from ally.api.investigations.schemas import (
    DisseminationIn,
    DisseminationOut,
    InvestigationBriefOut,
    InvestigationIn,
    InvestigationOut,
    InvestigationPatch,
    NoteIn,
    PartnerIn,
    ReasonIn,
    StatusIn,
)
from ally.core.errors import InvalidInput, NotVisible
from ally.investigations import actions
from ally.investigations.models import Dissemination, Investigation, InvestigationPartner
from ally.tenancy.models import Organization

router = Router(tags=["investigations"])
ANSWER = {**E400, **E403, **E404, **E409}
STATUSES = ("open", "all")


def _brief_values(investigation: Investigation) -> dict[str, Any]:
    purged = investigation.is_purged
    return {
        "id": investigation.pk,
        "number": investigation.number,
        "title": None if purged else investigation.title,
        "trafficking_type": investigation.trafficking_type,
        "industry": investigation.industry,
        "status": investigation.status,
        "organization": common.brief(investigation.organization),
        "opened_on": investigation.opened_on,
        "closed_on": investigation.closed_on,
        "review_by": investigation.review_by,
        "purged": purged,
    }


def investigation_out(user: User, investigation: Investigation) -> dict[str, Any]:
    """One investigation as ``InvestigationOut``; a purged record shows no title, basis or note."""
    purged = investigation.is_purged
    partners = InvestigationPartner.objects.filter(investigation=investigation, removed_at=None).select_related("organization")
    return {
        **_brief_values(investigation),
        "closed_reason": investigation.closed_reason,
        "lead_investigator": None if investigation.lead_investigator is None else person(investigation.lead_investigator),
        "suspicion_basis": None if purged else investigation.suspicion_basis,
        "validated_on": investigation.validated_on,
        "validation_note": None if purged else investigation.validation_note,
        "purged_at": investigation.purged_at,
        "purge_reason": investigation.purge_reason,
        "partners": [
            {"id": p.pk, "organization": common.brief(p.organization), "added_at": p.added_at}
            for p in partners.order_by("added_at", "pk")
        ],
        "tip_ids": sorted(investigation.tips.values_list("pk", flat=True)),
        "may_supervise": may_supervise(user, investigation),
        "version": investigation.version,
    }


def _fresh(user: User, pk: int) -> dict[str, Any]:
    return investigation_out(user, common.investigation(user, pk))


@router.get("/investigations", response={200: list[InvestigationBriefOut], **E400, **E403, **E404})
@paginated
def list_investigations(request: HttpRequest, status: str = "open") -> Any:
    """The investigations your agencies own or work as partners, newest first; ``status`` open
    (default) or all."""
    user = acting_user(request)
    require_member(user)
    if status not in STATUSES:
        raise InvalidInput(_("status is open or all."))
    found: QuerySet[Investigation] = visible_investigations(user).select_related("organization")
    if status == "open":
        found = found.filter(closed_on__isnull=True).exclude(status="closed")
    return _BriefList(found)


class _BriefList:
    """A queryset paged by the pagination and turned into briefs only for the page."""

    def __init__(self, queryset: QuerySet[Investigation]) -> None:
        self.queryset = queryset

    def count(self) -> int:
        return self.queryset.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item: slice) -> list[dict[str, Any]]:
        return [_brief_values(i) for i in self.queryset[item]]


@router.post("/investigations", response={201: InvestigationOut, **E400, **E403, **E404, **E409})
def open_investigation(request: HttpRequest, payload: InvestigationIn) -> Status[dict[str, Any]]:
    """Open an investigation in one of your agencies: a stated reasonable suspicion is required;
    the record is due for review five years on."""
    user = acting_user(request)
    organization = common.agency(user, payload.organization_id)
    lead = common.member_of(organization, payload.lead_investigator_id, _("The lead investigator must be a member of the agency."))
    opened = actions.open_investigation(
        organization, acting_user=user, lead_investigator=lead,
        **payload.model_dump(exclude={"organization_id", "lead_investigator_id"}),
    )
    return Status(201, _fresh(user, opened.pk))


@router.get("/investigations/{int:investigation_id}", response={200: InvestigationOut, **E404})
def get_investigation(request: HttpRequest, investigation_id: int) -> dict[str, Any]:
    """One investigation your agency owns or works as a partner (404 for anybody else)."""
    user = acting_user(request)
    return investigation_out(user, common.investigation(user, investigation_id))


@router.patch("/investigations/{int:investigation_id}", response={200: InvestigationOut, **ANSWER})
def update_investigation(request: HttpRequest, investigation_id: int, payload: InvestigationPatch) -> dict[str, Any]:
    """Change the case name, type, industry or lead investigator; ``version`` as read (409 if
    someone changed it meanwhile)."""
    user = acting_user(request)
    found = common.investigation(user, investigation_id, for_change=True)
    changes = payload.model_dump(exclude_unset=True, exclude={"version", "lead_investigator_id"})
    if "lead_investigator_id" in payload.model_fields_set:
        changes["lead_investigator"] = common.member_of(
            found.organization, payload.lead_investigator_id, _("The lead investigator must be a member of the agency.")
        )
    actions.update_investigation(found, acting_user=user, version=payload.version, **changes)
    return _fresh(user, investigation_id)


@router.post("/investigations/{int:investigation_id}/status", response={200: InvestigationOut, **ANSWER})
def set_investigation_status(request: HttpRequest, investigation_id: int, payload: StatusIn) -> dict[str, Any]:
    """Move the investigation to another status; closing takes a reason (and a date, default today)."""
    user = acting_user(request)
    found = common.investigation(user, investigation_id, for_change=True)
    actions.set_status(found, payload.status, acting_user=user, reason=payload.reason, on=payload.on)
    return _fresh(user, investigation_id)


@router.post("/investigations/{int:investigation_id}/partners", response={201: InvestigationOut, **ANSWER})
def add_investigation_partner(request: HttpRequest, investigation_id: int, payload: PartnerIn) -> Status[dict[str, Any]]:
    """Make this a joint investigation with another investigating agency (supervisors of the
    owning agency; written to the dissemination log)."""
    user = acting_user(request)
    found = common.investigation(user, investigation_id, supervise=True)
    partner = one_named(visible_to(user, Organization), payload.organization_id, _("Choose an agency of this task force."))
    actions.add_partner(found, partner, acting_user=user, reason=payload.reason)
    return Status(201, _fresh(user, investigation_id))


@router.delete("/investigations/{int:investigation_id}/partners/{int:organization_id}", response={200: InvestigationOut, **ANSWER})
def remove_investigation_partner(request: HttpRequest, investigation_id: int, organization_id: int) -> dict[str, Any]:
    """End a partner agency's work on the investigation (supervisors of the owning agency)."""
    user = acting_user(request)
    found = common.investigation(user, investigation_id, supervise=True)
    partner = InvestigationPartner.objects.select_related("investigation").filter(
        investigation=found, organization_id=organization_id, removed_at=None
    ).first()
    if partner is None:
        raise NotVisible()
    actions.remove_partner(partner, acting_user=user)
    return _fresh(user, investigation_id)


def _dissemination_out(entry: Dissemination) -> dict[str, Any]:
    return {
        "id": entry.pk,
        "from_organization": common.brief(entry.from_organization),
        "to_organization": common.brief(entry.to_organization),
        "to_person": entry.to_person,
        "what": entry.what,
        "reason": entry.reason,
        "by": None if entry.by is None else person(entry.by),
        "at": entry.at,
    }


@router.get("/investigations/{int:investigation_id}/disseminations", response={200: list[DisseminationOut], **E404})
def list_disseminations(request: HttpRequest, investigation_id: int) -> list[dict[str, Any]]:
    """28 CFR 23.20(g): who received the intelligence, why and when, newest first."""
    found = common.investigation(acting_user(request), investigation_id)
    entries = found.disseminations.select_related("from_organization", "to_organization", "by")
    return [_dissemination_out(e) for e in entries]


@router.post("/investigations/{int:investigation_id}/disseminations", response={201: DisseminationOut, **ANSWER})
def record_dissemination(request: HttpRequest, investigation_id: int, payload: DisseminationIn) -> Status[dict[str, Any]]:
    """Write down a release outside the owning agency: to an agency of the task force or a person."""
    user = acting_user(request)
    found = common.investigation(user, investigation_id, for_change=True)
    to = None
    if payload.to_organization_id is not None:
        to = one_named(visible_to(user, Organization), payload.to_organization_id, _("Release only to an agency of this task force."))
    entry = actions.record_dissemination(found, acting_user=user, what=payload.what, reason=payload.reason,
                                         to_organization=to, to_person=payload.to_person)
    return Status(201, _dissemination_out(Dissemination.objects.select_related("from_organization", "to_organization", "by").get(pk=entry.pk)))


@router.post("/investigations/{int:investigation_id}/validate", response={200: InvestigationOut, **ANSWER})
def validate_investigation(request: HttpRequest, investigation_id: int, payload: NoteIn) -> dict[str, Any]:
    """A supervisor of the owning agency confirms the record still meets the reasonable-suspicion
    standard: the next review falls five years on."""
    user = acting_user(request)
    found = common.investigation(user, investigation_id, supervise=True)
    actions.validate_record(found, acting_user=user, note=payload.note)
    return _fresh(user, investigation_id)


@router.post("/investigations/{int:investigation_id}/purge", response={200: InvestigationOut, **ANSWER})
def purge_investigation(request: HttpRequest, investigation_id: int, payload: ReasonIn) -> dict[str, Any]:
    """A supervisor purges the intelligence of a closed investigation (an open one is 409)."""
    user = acting_user(request)
    found = common.investigation(user, investigation_id, supervise=True)
    actions.purge_record(found, acting_user=user, reason=payload.reason)
    return _fresh(user, investigation_id)
