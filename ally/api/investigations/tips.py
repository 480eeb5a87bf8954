"""Tips and leads: the agency's list, receiving, triage, and opening or joining an investigation."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from ally.access.investigations import access_tip, visible_investigations, visible_tips
from ally.access.policy import require_member
from ally.accounts.models import User
from ally.api.auth import acting_user
from ally.api.common import E400, E403, E404, E409, one_named, paginated, person
from ally.api.investigations import common
from ally.api.investigations.investigations import investigation_out
from ally.api.investigations.schemas import (
    InvestigationFields,
    InvestigationOut,
    JoinIn,
    TipIn,
    TipOut,
    TriageIn,
)
from ally.investigations import actions
from ally.investigations.models import Tip

router = Router(tags=["investigations"])
ANSWER = {**E400, **E403, **E404, **E409}


def tip_out(tip: Tip) -> dict[str, Any]:
    return {
        "id": tip.pk,
        "organization": common.brief(tip.organization),
        "assigned_to": None if tip.assigned_to is None else person(tip.assigned_to),
        **{
            name: getattr(tip, name)
            for name in (
                "source", "received_at", "narrative", "location", "county", "industry", "trafficking_type",
                "indicators", "status", "investigation_id", "closed_reason", "version",
            )
        },
    }


@router.get("/tips", response={200: list[TipOut], **E400, **E403, **E404})
@paginated
def list_tips(request: HttpRequest, status: str = "") -> QuerySet[Tip]:
    """Your agencies' tips, newest first (``status`` filters by triage status)."""
    user = acting_user(request)
    require_member(user)
    tips = visible_tips(user).select_related("organization", "assigned_to")
    return tips.filter(status=status) if status else tips


@router.post("/tips", response={201: TipOut, **E400, **E403, **E404})
def receive_tip(request: HttpRequest, payload: TipIn) -> Status[dict[str, Any]]:
    """Receive a tip for one of your agencies (law enforcement or labor)."""
    user = acting_user(request)
    organization = common.agency(user, payload.organization_id)
    tip = actions.receive_tip(organization, acting_user=user, **payload.model_dump(exclude={"organization_id"}))
    return Status(201, tip_out(access_tip(user, tip.pk)))


@router.get("/tips/{int:tip_id}", response={200: TipOut, **E404})
def get_tip(request: HttpRequest, tip_id: int) -> dict[str, Any]:
    return tip_out(access_tip(acting_user(request), tip_id))


def _assignee(user: User, tip: Tip, user_id: int | None) -> User | None:
    return common.member_of(tip.organization, user_id, _("Assign the tip to a member of your agency."))


@router.post("/tips/{int:tip_id}/triage", response={200: TipOut, **ANSWER})
def triage_tip(request: HttpRequest, tip_id: int, payload: TriageIn) -> dict[str, Any]:
    """Mark the tip triaged, assign it to an investigator of the agency, or close it (with a reason)."""
    user = acting_user(request)
    tip = access_tip(user, tip_id, for_change=True)
    actions.triage_tip(tip, acting_user=user, status=payload.status, reason=payload.reason, version=payload.version,
                       assigned_to=_assignee(user, tip, payload.assigned_to_id))
    return tip_out(access_tip(user, tip_id))


@router.post("/tips/{int:tip_id}/open-investigation", response={201: InvestigationOut, **ANSWER})
def open_investigation_from_tip(request: HttpRequest, tip_id: int, payload: InvestigationFields) -> Status[dict[str, Any]]:
    """Open an investigation from the tip (in the tip's agency)."""
    user = acting_user(request)
    tip = access_tip(user, tip_id, for_change=True)
    values = payload.model_dump(exclude={"lead_investigator_id"}, exclude_unset=True)
    lead = common.member_of(tip.organization, payload.lead_investigator_id, _("The lead investigator must be a member of the agency."))
    opened = actions.open_from_tip(tip, acting_user=user, lead_investigator=lead, **values)
    return Status(201, investigation_out(user, common.investigation(user, opened.pk)))


@router.post("/tips/{int:tip_id}/join", response={200: TipOut, **ANSWER})
def join_tip(request: HttpRequest, tip_id: int, payload: JoinIn) -> dict[str, Any]:
    """Add the tip to an investigation your agency works."""
    user = acting_user(request)
    tip = access_tip(user, tip_id, for_change=True)
    joined = one_named(visible_investigations(user), payload.investigation_id, _("Choose an investigation your agency works."))
    actions.join_tip(tip, joined, acting_user=user)
    return tip_out(access_tip(user, tip_id))
