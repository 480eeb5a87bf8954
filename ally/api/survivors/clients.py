"""Client records: the list, one client as its reader may see it, duplicates, opening and
editing a record, and its advocates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import BooleanField, Case, CharField, F, Q, QuerySet, Value, When
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from ally.access import ClientAccess, access_client, access_organization, visible_to
from ally.access.survivors import today_in
from ally.accounts.models import User
from ally.api.auth import acting_user
from ally.api.common import (
    CHANGE,
    E403,
    E404,
    E409,
    one_named,
    paginated,
    person,
    require_member,
)
from ally.api.survivors.fetch import client_to_change
from ally.api.survivors.schemas.clients import (
    GROUP_SCHEMAS,
    AdvocateIn,
    ClientCreateIn,
    ClientListItem,
    ClientOut,
    ClientPatchIn,
    DuplicateCheckIn,
    DuplicatesConflictOut,
    DuplicatesOut,
)
from ally.api.survivors.schemas.common import PersonBrief
from ally.core.errors import InvalidInput, NotPermitted
from ally.survivors import actions
from ally.survivors.duplicates import possible_duplicates
from ally.survivors.fieldgroups import CLIENT_FIELDS
from ally.survivors.models import Client
from ally.survivors.queries import display_name
from ally.tenancy.models import Organization
from ally.tenancy.vocab import Discipline

router = Router(tags=["survivors"])


@router.get("/clients", response={200: list[ClientListItem], **E403, **E404})
@paginated
def list_clients(request: HttpRequest) -> QuerySet[Client]:
    """The clients you may see: your organization's first (by name, with a summary), then those
    shared with your organization, by number and owner only. Opening a shared one is logged."""
    user = acting_user(request)
    grants = require_member(user)
    own = Q(organization_id__in=grants.organization_ids())
    return (
        visible_to(user, Client)
        .select_related("organization")
        .annotate(
            listed_as_owner=Case(
                When(own, then=Value(True)), default=Value(False), output_field=BooleanField()
            ),
            # SECURITY: shared clients are ordered by number, so their names leave no trace.
            sort_name=Case(When(own, then=F("legal_name")), default=Value(""), output_field=CharField()),
        )
        .order_by("-listed_as_owner", "sort_name", "pk")
    )


def _advocates(client: Client) -> list[dict[str, Any]]:
    return [person(u) for u in client.advocates.order_by("full_name", "pk")]


def _client_out(access: ClientAccess) -> dict[str, Any]:
    """The client as this reader may see it: every group not granted is null."""
    client = access.client
    share = access.share
    out: dict[str, Any] = {
        "id": client.pk,
        "organization_id": client.organization_id,
        "organization": client.organization.name,
        "is_owner": access.is_owner,
        "display_name": display_name(access),
        "field_groups": sorted(access.groups),
        "version": client.version if access.is_owner else None,
        "advocates": _advocates(client) if access.is_owner else None,
        "shared_through": {
            "share_id": share.pk,
            "consent_id": share.consent_id,
            "purpose": share.purpose,
            "expires_on": share.expires_on,
        }
        if share is not None
        else None,
    }
    for group in GROUP_SCHEMAS:
        out[group] = (
            {name: getattr(client, name) for name, g in CLIENT_FIELDS.items() if g == group}
            if group in access.groups
            else None
        )
    return out


@router.get("/clients/{int:client_id}", response={200: ClientOut, **E404})
def get_client(request: HttpRequest, client_id: int) -> dict[str, Any]:
    """One client, with only the field groups you are granted. A read through a share is
    written to the disclosure log, which the survivor sees in their disclosure report."""
    return _client_out(access_client(acting_user(request), client_id))


def _provider(user: User, organization_id: int | None) -> Organization:
    """The victim-service organization a new client record goes to."""
    grants = require_member(user)
    if organization_id is not None:
        organization = access_organization(user, organization_id)
        if organization.pk not in grants.organization_ids():
            raise NotPermitted(_("You open client records only in your own organization."))
        return organization  # create_client refuses other disciplines with a clear message
    providers = list(
        visible_to(user, Organization).filter(
            pk__in=grants.organization_ids(), discipline=Discipline.VICTIM_SERVICES
        )
    )
    if not providers:
        raise NotPermitted(_("Client records belong to victim-service organizations."))
    if len(providers) > 1:
        raise InvalidInput(
            _("You work in several victim-service organizations: say which one (organization_id).")
        )
    return providers[0]


def _matches(
    user: User,
    organization: Organization,
    *,
    legal_name: str,
    date_of_birth: dt.date | None,
    phone: str,
    aliases: list[str],
) -> list[dict[str, Any]]:
    """Possible duplicates inside the organization. A match this person may not open is
    counted, not named (client_id null): they ask a supervisor."""
    found = possible_duplicates(
        organization, legal_name=legal_name, date_of_birth=date_of_birth, phone=phone, aliases=aliases
    )
    seen = set(
        visible_to(user, Client).filter(pk__in=[m.client.pk for m in found]).values_list("pk", flat=True)
    )
    return [
        {
            "client_id": m.client.pk if m.client.pk in seen else None,
            "score": m.score,
            "reasons": list(m.reasons),
        }
        for m in found
    ]


@router.post("/clients/duplicates", response={200: DuplicatesOut, **CHANGE})
def check_duplicates(request: HttpRequest, payload: DuplicateCheckIn) -> dict[str, Any]:
    """Before opening a record: existing clients of the same organization who may be the same
    person (never another organization's). A POST, so names and birth dates stay out of URLs."""
    user = acting_user(request)
    organization = _provider(user, payload.organization_id)
    if organization.discipline != Discipline.VICTIM_SERVICES:
        raise InvalidInput(_("Client records belong to victim-service organizations."))
    if not payload.legal_name.strip():
        raise InvalidInput(_("Enter the client's legal name (or the name they gave)."))
    return {
        "organization_id": organization.pk,
        "matches": _matches(
            user,
            organization,
            legal_name=payload.legal_name,
            date_of_birth=payload.date_of_birth,
            phone=payload.phone,
            aliases=payload.aliases,
        ),
    }


@router.post("/clients", response={201: ClientOut, **CHANGE, 409: DuplicatesConflictOut})
def create_client(request: HttpRequest, payload: ClientCreateIn) -> Status[dict[str, Any]]:
    """Open a client record in your victim-service organization; you become its advocate.

    If the organization already has clients who may be the same person, nothing is created and
    the answer is 409 with the matches; send `confirm_new: true` to open the record anyway."""
    user = acting_user(request)
    values = payload.model_dump(exclude_unset=True)
    organization = _provider(user, values.pop("organization_id", None))
    confirm_new = values.pop("confirm_new", False)
    if values.get("intake_date") is None:
        values["intake_date"] = today_in(organization.task_force_id)
    if not confirm_new:
        matches = _matches(
            user,
            organization,
            legal_name=values["legal_name"],
            date_of_birth=values.get("date_of_birth"),
            phone=values.get("phone", ""),
            aliases=values.get("aliases", []),
        )
        if matches:
            return Status(
                409,
                {
                    "detail": _(
                        "This organization may already have a record of this person. Check the "
                        "matches; to open a new record anyway, send confirm_new."
                    ),
                    "matches": matches,
                },
            )
    client = actions.create_client(organization, acting_user=user, **values)
    return Status(201, _client_out(access_client(user, client.pk)))


@router.patch("/clients/{int:client_id}", response={200: ClientOut, **CHANGE, **E409})
def update_client(request: HttpRequest, client_id: int, payload: ClientPatchIn) -> dict[str, Any]:
    """Change the fields sent. `version` is the one you read: if someone saved the record since,
    nothing is changed and the answer is 409 — read it again and redo the change."""
    user = acting_user(request)
    client = client_to_change(user, client_id)
    values = payload.model_dump(exclude_unset=True)
    version = values.pop("version")
    actions.update_client(client, version=version, acting_user=user, **values)
    return _client_out(access_client(user, client_id))


def _assigning(user: User, client_id: int) -> Client:
    """The client, for a supervisor or administrator of its organization to change advocates."""
    client = client_to_change(user, client_id)
    if not actions.may_assign_advocates(user, client):
        raise NotPermitted()
    return client


@router.post("/clients/{int:client_id}/advocates", response={200: list[PersonBrief], **CHANGE})
def assign_advocate(request: HttpRequest, client_id: int, payload: AdvocateIn) -> list[dict[str, Any]]:
    """Assign a member of the client's organization as one of its advocates (supervisors and
    administrators of that organization). Answers the client's advocates."""
    user = acting_user(request)
    client = _assigning(user, client_id)
    refusal = _("Advocates are members of the client's organization.")
    advocate = one_named(visible_to(user, User), payload.user_id, refusal)
    actions.assign_advocate(client, user=advocate, acting_user=user)
    return _advocates(client)


@router.delete(
    "/clients/{int:client_id}/advocates/{int:user_id}",
    response={200: list[PersonBrief], **CHANGE},
)
def unassign_advocate(request: HttpRequest, client_id: int, user_id: int) -> list[dict[str, Any]]:
    """Take a person off the client's advocates (they keep what their role lets them see).
    Answers the client's remaining advocates."""
    user = acting_user(request)
    client = _assigning(user, client_id)
    advocate = one_named(
        client.advocates.all(), user_id, _("This person is not one of the client's advocates.")
    )
    actions.unassign_advocate(client, user=advocate, acting_user=user)
    return _advocates(client)
