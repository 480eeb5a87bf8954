"""Sub-awards and reimbursement claims. A reviewer reads a line's date, category, units and
cost; only the provider's own administrators also get the service and client ids."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from ally.access import Permission, require
from ally.access.network import (
    access_claim,
    access_claim_line,
    access_provider,
    access_sub_award,
    claimable_services,
    reads_records,
    sees_clients_of_claims,
    submits_claims,
    visible_claims,
    visible_sub_awards,
)
from ally.accounts.models import User
from ally.api.auth import acting_user
from ally.api.common import CHANGE, E400, E403, E404, E409, paginated
from ally.core.errors import InvalidInput, NotVisible
from ally.network import actions
from ally.network.api.schemas import (
    ClaimableServiceOut,
    ClaimBrief,
    ClaimIn,
    ClaimOut,
    DecisionIn,
    SubAwardIn,
    SubAwardOut,
    SubAwardPatch,
)
from ally.network.models import ClaimLine, ReimbursementClaim, SubAward
from ally.network.queries import award_totals, claim_totals
from ally.survivors.models import ServiceDelivery

router = Router(tags=["reimbursement"])


def _award_out(award: SubAward) -> dict[str, Any]:
    totals = award_totals(award)
    return {
        **{f: getattr(award, f) for f in ("id", "organization_id", "reference", "budget", "starts_on", "ends_on")},
        "claimed": totals.claimed,
        "approved": totals.approved,
        "pending": totals.pending,
        "remaining": totals.remaining,
    }


def _claim_out(user: User, claim: ReimbursementClaim) -> dict[str, Any]:
    own = sees_clients_of_claims(user, claim.organization)
    query = claim.lines.all()
    if own:
        query = query.select_related("service")
    lines = list(query)
    totals = claim_totals(lines)
    return {
        "id": claim.pk,
        "organization_id": claim.organization_id,
        "provider": claim.organization.name,
        "sub_award_id": claim.sub_award_id,
        "period_start": claim.period_start,
        "period_end": claim.period_end,
        "reference": claim.reference,
        "submitted_at": claim.submitted_at,
        "claimed": totals.claimed,
        "approved": totals.approved,
        "rejected": totals.rejected,
        "pending": totals.pending,
        "sub_award_remaining": award_totals(claim.sub_award).remaining,
        "lines": [
            {
                **{f: getattr(line, f) for f in (
                    "id", "number", "delivered_on", "category", "units", "unit", "cost", "decision", "reason", "decided_at",
                )},
                # SECURITY: the reviewer is outside the provider's compartment.
                "service_id": line.service_id if own else None,
                "client_id": line.service.client_id if own else None,
            }
            for line in lines
        ],
    }


@router.get("/providers/{organization_id}/sub-awards", response={200: list[SubAwardOut], **E403, **E404})
def list_sub_awards(request: HttpRequest, organization_id: int) -> list[dict[str, Any]]:
    """A provider's sub-awards with their balances: its admins and its reviewers."""
    user = acting_user(request)
    provider = access_provider(user, organization_id)
    if not reads_records(user, provider):
        raise NotVisible()
    return [_award_out(a) for a in visible_sub_awards(user).filter(organization=provider)]


@router.post("/providers/{organization_id}/sub-awards", response={201: SubAwardOut, **CHANGE, **E409})
def create_sub_award(request: HttpRequest, organization_id: int, payload: SubAwardIn) -> Status[dict[str, Any]]:
    """Record a sub-award (the coordinator)."""
    user = acting_user(request)
    provider = access_provider(user, organization_id)
    award = actions.create_sub_award(provider, acting_user=user, **payload.dict())
    return Status(201, _award_out(award))


@router.patch("/sub-awards/{award_id}", response={200: SubAwardOut, **CHANGE, **E409})
def update_sub_award(request: HttpRequest, award_id: int, payload: SubAwardPatch) -> dict[str, Any]:
    """Amend a sub-award (the coordinator): never below what is already approved."""
    user = acting_user(request)
    award = access_sub_award(user, award_id, for_change=True)
    return _award_out(actions.update_sub_award(award, acting_user=user, **payload.dict(exclude_unset=True)))


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(_("Give dates as YYYY-MM-DD.")) from None


@router.get("/providers/{organization_id}/claimable-services", response={200: list[ClaimableServiceOut], **E400, **E403, **E404})
@paginated
def list_claimable_services(
    request: HttpRequest, organization_id: int, period_start: str = "", period_end: str = ""
) -> QuerySet[ServiceDelivery]:
    """Services the provider may still claim (its administrators), delivered between
    ``period_start`` and ``period_end`` (ISO dates, both optional): recorded by itself as given
    by itself, with a cost, not withdrawn, not on a line that is not rejected."""
    user = acting_user(request)
    provider = access_provider(user, organization_id)
    if not submits_claims(user, provider):
        raise NotVisible()  # survivors' service records: for anyone else they do not exist
    services = claimable_services(user, provider).order_by("delivered_on", "id")
    if period_start:
        services = services.filter(delivered_on__gte=_iso_date(period_start))
    if period_end:
        services = services.filter(delivered_on__lte=_iso_date(period_end))
    return services


@router.post("/providers/{organization_id}/claims", response={201: ClaimOut, **CHANGE, **E409})
def submit_claim(request: HttpRequest, organization_id: int, payload: ClaimIn) -> Status[dict[str, Any]]:
    """Submit a claim (the provider's administrators). A service already on a line that is not
    rejected is refused (409); so is the whole claim — nothing is saved."""
    user = acting_user(request)
    provider = access_provider(user, organization_id)
    claim = actions.submit_claim(provider, acting_user=user, **payload.dict())
    return Status(201, _claim_out(user, claim))


@router.get("/claims", response={200: list[ClaimBrief], **E404})
@paginated
def list_claims(request: HttpRequest, waiting: bool = False) -> list[dict[str, Any]]:
    """Claims the person reads: their organization's (its admins) or those they review."""
    user = acting_user(request)
    require(user, Permission.VIEW_TASK_FORCE)
    claims = visible_claims(user).select_related("organization").prefetch_related(
        Prefetch("lines", queryset=ClaimLine.objects.only("claim_id", "decision", "cost"))
    )
    out = []
    for claim in claims:
        totals = claim_totals(claim.lines.all())
        if waiting and not totals.pending:
            continue
        out.append({
            "id": claim.pk, "organization_id": claim.organization_id, "provider": claim.organization.name,
            "period_start": claim.period_start, "period_end": claim.period_end, "submitted_at": claim.submitted_at,
            "claimed": totals.claimed, "approved": totals.approved, "pending": totals.pending,
        })
    return out


@router.get("/claims/{claim_id}", response={200: ClaimOut, **E404})
def get_claim(request: HttpRequest, claim_id: int) -> dict[str, Any]:
    user = acting_user(request)
    return _claim_out(user, access_claim(user, claim_id))


@router.post("/claim-lines/{line_id}/decision", response={200: ClaimOut, **CHANGE, **E409})
def decide_line(request: HttpRequest, line_id: int, payload: DecisionIn) -> dict[str, Any]:
    """Approve or reject a line (a navigator of a region the provider serves, or the
    coordinator; never for their own organization). A rejection says why; an approval fits the
    sub-award's remaining balance (else 409)."""
    user = acting_user(request)
    line = access_claim_line(user, line_id, for_change=True)
    actions.decide_claim_line(line, acting_user=user, decision=payload.decision, reason=payload.reason)
    return _claim_out(user, access_claim(user, line.claim_id))

