"""Referrals for prosecution: the referring agency sends or withdraws, the office accepts (a case
opens) or declines with a reason."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from ally.access import visible_to
from ally.access.investigations import visible_investigations
from ally.access.policy import require_member
from ally.access.prosecutions import (
    access_case,
    access_prosecution_referral,
    visible_prosecution_referrals,
)
from ally.api.auth import acting_user
from ally.api.common import E400, E403, E404, E409, one_named, paginated, person
from ally.api.investigations.common import brief, member_of
from ally.api.prosecutions.cases import case_out
from ally.api.prosecutions.schemas import (
    AcceptIn,
    CaseOut,
    DeclineIn,
    ProsecutionReferralIn,
    ProsecutionReferralOut,
    WithdrawIn,
)
from ally.prosecutions import actions
from ally.prosecutions.models import ProsecutionCase, ProsecutionReferral
from ally.tenancy.models import Organization

router = Router(tags=["prosecutions"])
ANSWER = {**E400, **E403, **E404, **E409}


def referral_out(referral: ProsecutionReferral) -> dict[str, Any]:
    case = ProsecutionCase.objects.filter(referral=referral).values_list("pk", flat=True).first()
    return {
        "id": referral.pk,
        "investigation": {"id": referral.investigation_id, "number": referral.investigation.number},
        "from_organization": brief(referral.from_organization),
        "to_organization": brief(referral.to_organization),
        "sent_by": None if referral.sent_by is None else person(referral.sent_by),
        "case_id": case,
        **{name: getattr(referral, name)
           for name in ("summary", "status", "decline_reason", "decline_note", "sent_at", "decided_at")},
    }


def _fresh(request: HttpRequest, pk: int) -> dict[str, Any]:
    return referral_out(access_prosecution_referral(acting_user(request), pk))


class _Page:
    def __init__(self, queryset: QuerySet[ProsecutionReferral]) -> None:
        self.queryset = queryset

    def __len__(self) -> int:
        return self.queryset.count()

    def __getitem__(self, item: slice) -> list[dict[str, Any]]:
        return [referral_out(r) for r in self.queryset[item]]


@router.get("/prosecution-referrals", response={200: list[ProsecutionReferralOut], **E400, **E403, **E404})
@paginated
def list_prosecution_referrals(request: HttpRequest, status: str = "") -> Any:
    """Referrals your organizations sent or received, newest first (``status`` filters)."""
    user = acting_user(request)
    require_member(user)
    referrals = visible_prosecution_referrals(user).select_related(
        "investigation", "from_organization", "to_organization", "sent_by"
    )
    return _Page(referrals.filter(status=status) if status else referrals)


@router.post("/prosecution-referrals", response={201: ProsecutionReferralOut, **ANSWER})
def refer_for_prosecution(request: HttpRequest, payload: ProsecutionReferralIn) -> Status[dict[str, Any]]:
    """Refer an investigation your agency owns to a prosecutor's office (written to its
    dissemination log; the office is told). A partner agency of the investigation gets 403."""
    user = acting_user(request)
    require_member(user)
    investigation = one_named(visible_investigations(user), payload.investigation_id,
                              _("Choose an investigation your agency owns."))
    office = one_named(visible_to(user, Organization), payload.to_organization_id,
                       _("Refer to a prosecutor's office of this task force."))
    referral = actions.refer_for_prosecution(investigation, office, acting_user=user, summary=payload.summary)
    return Status(201, _fresh(request, referral.pk))


@router.get("/prosecution-referrals/{int:referral_id}", response={200: ProsecutionReferralOut, **E404})
def get_prosecution_referral(request: HttpRequest, referral_id: int) -> dict[str, Any]:
    return _fresh(request, referral_id)


@router.post("/prosecution-referrals/{int:referral_id}/accept", response={201: CaseOut, **ANSWER})
def accept_prosecution_referral(request: HttpRequest, referral_id: int, payload: AcceptIn) -> Status[dict[str, Any]]:
    """The office accepts: a prosecution case opens (its number, jurisdiction, court)."""
    user = acting_user(request)
    referral = access_prosecution_referral(user, referral_id, decide=True)
    prosecutor = member_of(referral.to_organization, payload.prosecutor_id, _("The prosecutor must be a member of the office."))
    case = actions.accept_referral(referral, acting_user=user, number=payload.number, jurisdiction=payload.jurisdiction,
                                   court=payload.court, prosecutor=prosecutor, opened_on=payload.opened_on)
    return Status(201, case_out(user, access_case(user, case.pk)))


@router.post("/prosecution-referrals/{int:referral_id}/decline", response={200: ProsecutionReferralOut, **ANSWER})
def decline_prosecution_referral(request: HttpRequest, referral_id: int, payload: DeclineIn) -> dict[str, Any]:
    """The office declines, with a reason (a note is required for "other")."""
    user = acting_user(request)
    referral = access_prosecution_referral(user, referral_id, decide=True)
    actions.decline_referral(referral, acting_user=user, reason=payload.reason, note=payload.note)
    return _fresh(request, referral_id)


@router.post("/prosecution-referrals/{int:referral_id}/withdraw", response={200: ProsecutionReferralOut, **ANSWER})
def withdraw_prosecution_referral(request: HttpRequest, referral_id: int, payload: WithdrawIn) -> dict[str, Any]:
    """The referring agency takes back a referral still waiting for a decision."""
    user = acting_user(request)
    referral = access_prosecution_referral(user, referral_id)
    actions.withdraw_referral(referral, acting_user=user, note=payload.note)
    return _fresh(request, referral_id)
