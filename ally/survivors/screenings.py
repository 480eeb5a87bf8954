"""Recording screenings, linking them to clients, and who may see them.

A screening stays in the organization that did it. Unlinked screenings (a crisis call, an
inspection) are seen by that organization's members; once linked to a client, a screening is
seen by whoever in the organization may see that client as its owner. A share of the client
never carries its screenings to the recipient.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ally.access.policy import grants_for
from ally.access.survivors import access_client, own_clients, today_in
from ally.accounts.models import User
from ally.audit.chain import record
from ally.audit.events import EventType
from ally.core.errors import Conflict, InvalidInput, NotPermitted, NotVisible
from ally.survivors.models import Client, Screening
from ally.survivors.screening import (
    InstrumentError,
    InvalidAnswer,
    ScreeningResult,
    load_instrument,
    score,
)
from ally.tenancy.models import Organization


def visible_screenings(user: Any) -> QuerySet[Screening]:
    """Screenings this user may see: their own organizations' unlinked ones, and those linked to
    a client they may see as the owning organization. Never any through a share."""
    grants = grants_for(user)
    if not grants.memberships:
        return Screening.objects.none()
    # SECURITY: the client rule is the owner's own rule (role and assignment), not "visible at
    # all", which would let a share of the client reach the client's screenings.
    owned = Client.objects.filter(
        own_clients(grants), task_force_id=grants.task_force_id, deleted_at=None
    )
    return Screening.objects.filter(
        Q(client__isnull=True) | Q(client__in=owned),
        task_force_id=grants.task_force_id,
        organization_id__in=grants.organization_ids(),
    )


def access_screening(user: Any, pk: Any) -> Screening:
    """One screening the user may see (see :func:`visible_screenings`); 404 otherwise."""
    try:
        return visible_screenings(user).select_related("organization", "client").get(pk=pk)
    except (Screening.DoesNotExist, ValueError, TypeError):
        raise NotVisible() from None


def result_as_json(result: ScreeningResult) -> dict[str, Any]:
    """The engine's output as stored: ids and levels; wording comes from the instrument."""
    return {
        "indicators": list(result.indicators),
        "by_domain": {d: list(ids) for d, ids in result.by_domain.items()},
        "counts": dict(result.counts),
        "suggested_level": dict(result.suggested_level),
        "reasons": [
            {"question": r.question_id, "indicator": r.indicator_id, "domain": r.domain}
            for r in result.reasons
        ],
        "skipped": list(result.skipped),
        "ignored": list(result.ignored),
    }


def _stored_answers(answers: Mapping[str, object]) -> dict[str, Any]:
    """Given answers as JSON values, skipped ones dropped."""
    stored: dict[str, Any] = {}
    for question_id, value in answers.items():
        if value is None or value == "" or value == [] or value == ():
            continue
        if isinstance(value, set | frozenset):
            value = sorted(value)
        elif isinstance(value, tuple):
            value = list(value)
        stored[str(question_id)] = value
    return stored


def _check_member(acting_user: User | None, organization: Organization) -> None:
    if acting_user is None:
        return
    grants = grants_for(acting_user)
    if organization.task_force_id != grants.task_force_id:
        raise NotVisible()
    if organization.pk not in grants.organization_ids():
        raise NotPermitted()


def _check_same_organization(screening_org: Organization, client: Client) -> None:
    if client.organization_id != screening_org.pk:
        raise InvalidInput(
            _(
                "This screening was done by %(org)s, so it can only be linked to a client of "
                "%(org)s. Screenings are never attached to another organization's clients."
            )
            % {"org": screening_org.name}
        )


def record_screening(
    organization: Organization,
    *,
    instrument_id: str,
    version: int | None = None,
    language: str,
    answers: Mapping[str, object],
    client: Client | None = None,
    reference: str = "",
    screened_on: dt.date | None = None,
    acting_user: User | None,
) -> Screening:
    """Score answers to a screening instrument and keep both, for the screening organization.

    Any member organization may screen. ``client``, when given, must be a client of the same
    organization that the acting user may change. Refused: an unknown instrument or language, an
    answer the instrument does not accept (the message names the question), a future date.
    """
    _check_member(acting_user, organization)
    if client is not None:
        _check_same_organization(organization, client)
        if acting_user is not None:
            access_client(acting_user, client.pk, for_change=True)
    try:
        instrument = load_instrument(instrument_id, version)
    except InstrumentError:
        raise InvalidInput(_("There is no such screening instrument.")) from None
    if language not in instrument.languages:
        raise InvalidInput(
            _("This instrument is available in: %(languages)s")
            % {"languages": ", ".join(instrument.languages)}
        )
    try:
        result = score(instrument, answers)
    except InvalidAnswer as error:
        raise InvalidInput(
            _("The answer to question %(question)s cannot be used.")
            % {"question": error.question_id}
        ) from None
    today = today_in(organization.task_force_id)
    screened_on = screened_on or today
    if screened_on > today:
        raise InvalidInput(_("The screening date cannot be in the future."))
    stored = _stored_answers(answers)
    with transaction.atomic():
        screening = Screening.objects.create(
            task_force_id=organization.task_force_id,
            organization=organization,
            client=client,
            instrument_id=instrument.id,
            instrument_version=instrument.version,
            language=language,
            answers=stored,
            result=result_as_json(result),
            reference=reference.strip()[:80],
            screened_on=screened_on,
            screened_by=acting_user,
            linked_at=timezone.now() if client is not None else None,
        )
        record(
            EventType.SCREENING_RECORDED,
            actor=acting_user,
            task_force=organization.task_force,
            organization=organization,
            target=screening,
            changes={
                "instrument": f"{instrument.id} v{instrument.version}",
                "client": client.pk if client is not None else None,
                "fields": ["answers", "result", "language", "reference", "screened_on"],
            },
        )
    return screening


def link_screening(screening: Screening, client: Client, *, acting_user: User | None) -> Screening:
    """Attach an unlinked screening (e.g. from a crisis call) to a client of the same organization.

    Refused with a clear message across organizations, and when the screening is already linked
    to another client. Linking it again to the same client changes nothing.
    """
    if acting_user is not None:
        screening = access_screening(acting_user, screening.pk)
    _check_same_organization(screening.organization, client)
    if acting_user is not None:
        access_client(acting_user, client.pk, for_change=True)
    with transaction.atomic():
        current = Screening.objects.select_for_update().get(pk=screening.pk)
        if current.client_id == client.pk:
            return current
        if current.client_id is not None:
            raise Conflict(_("This screening is already linked to another client."))
        current.client = client
        current.linked_at = timezone.now()
        current.save(update_fields=["client", "linked_at"])
        record(
            EventType.SCREENING_LINKED,
            actor=acting_user,
            task_force=client.organization.task_force,
            organization=client.organization,
            target=current,
            changes={"client": client.pk},
        )
    return current
