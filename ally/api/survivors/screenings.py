"""Screening instruments (public questions) and screenings. A screening belongs to the
organization that did it and never travels through a share, not even with its client."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from ally.access import access_organization, grants_for, visible_to
from ally.accounts.models import User
from ally.api.auth import acting_user
from ally.api.common import CHANGE, E403, E404, E409, paginated, require_member
from ally.api.survivors.fetch import client_to_change
from ally.api.survivors.schemas.screenings import (
    InstrumentOut,
    ScreeningIn,
    ScreeningLinkIn,
    ScreeningOut,
    instrument_view,
)
from ally.core.errors import InvalidInput
from ally.survivors import screenings
from ally.survivors.models import Client, Screening
from ally.survivors.screening import available_instruments, load_instrument
from ally.tenancy.models import Organization

router = Router(tags=["screening"])


@router.get("/screening-instruments", response=list[InstrumentOut])
def list_instruments(request: HttpRequest, language: str = "en") -> list[dict[str, Any]]:
    """Every screening instrument version, its texts in ``language`` (else English)."""
    return [instrument_view(load_instrument(i, v), language) for i, v in available_instruments()]


def _screening_organization(
    user: User, payload: ScreeningIn, client: Client | None
) -> Organization:
    if payload.organization_id is not None:
        return access_organization(user, payload.organization_id)
    if client is not None:
        return client.organization
    own = sorted(grants_for(user).organization_ids())
    if len(own) != 1:
        raise InvalidInput(
            _("You work in more than one organization: name the one screening (organization_id).")
        )
    return access_organization(user, own[0])


@router.post("/screenings", response={201: ScreeningOut, **CHANGE})
def record_screening(request: HttpRequest, payload: ScreeningIn) -> Status[Screening]:
    """Score answers to a screening instrument and keep both. The result lists the indicators
    present by domain and suggests follow-up; it never determines anyone's trafficking status.
    The screening belongs to the organization that did it; ``client_id`` (or a later link) only
    ever names a client of that same organization."""
    user = acting_user(request)
    require_member(user)  # screenings are records of member organizations, not for auditors
    client = None if payload.client_id is None else client_to_change(user, payload.client_id)
    screening = screenings.record_screening(
        _screening_organization(user, payload, client),
        instrument_id=payload.instrument_id,
        version=payload.version,
        language=payload.language,
        answers=payload.answers,
        client=client,
        reference=payload.reference,
        screened_on=payload.screened_on,
        acting_user=user,
    )
    return Status(201, screening)


@router.get("/screenings", response={200: list[ScreeningOut], **E403, **E404})
@paginated
def list_screenings(
    request: HttpRequest,
    client_id: int | None = None,
    unlinked: bool = False,
) -> QuerySet[Screening]:
    """Your organizations' screenings, newest first: the unlinked ones, and those of clients
    you see as their owner (``unlinked``: only those not linked to a client yet). Never another
    organization's, not even of a client shared with you."""
    user = acting_user(request)
    require_member(user)
    found = visible_to(user, Screening).select_related("screened_by")
    if client_id is not None:
        found = found.filter(client_id=client_id)
    if unlinked:
        found = found.filter(client__isnull=True)
    return found


@router.get("/screenings/{screening_id}", response={200: ScreeningOut, **E404})
def get_screening(request: HttpRequest, screening_id: int) -> Screening:
    return screenings.access_screening(acting_user(request), screening_id)


@router.post("/screenings/{screening_id}/link", response={200: ScreeningOut, **E409, **CHANGE})
def link_screening(request: HttpRequest, screening_id: int, payload: ScreeningLinkIn) -> Screening:
    """Link a screening (e.g. from a crisis call) to a client of the same organization."""
    user = acting_user(request)
    screening = screenings.access_screening(user, screening_id)
    client = client_to_change(user, payload.client_id)
    return screenings.link_screening(screening, client, acting_user=user)

