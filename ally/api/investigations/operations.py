"""Planned operations (checked at once for conflicts with other agencies' operations) and the
heads-ups partner victim-service providers receive — a general timeline, never the date, the
place or the operation's name."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from ally.access import visible_to
from ally.access.deconfliction import NEW, conflict_side
from ally.access.investigations import (
    access_heads_up,
    access_operation,
    visible_heads_ups,
    visible_investigations,
    visible_operations,
)
from ally.access.policy import require_member
from ally.accounts.models import User
from ally.api.auth import acting_user
from ally.api.common import E400, E403, E404, E409, one_named, paginated, person
from ally.api.investigations import common
from ally.api.investigations.schemas import (
    HeadsUpIn,
    HeadsUpOut,
    OperationIn,
    OperationOut,
    OperationPatch,
    OperationSaved,
    OperationStatusIn,
)
from ally.deconfliction.models import OperationConflict
from ally.investigations import actions
from ally.investigations.models import HeadsUp, Operation, Timeline
from ally.tenancy.models import Organization

router = Router(tags=["operations"])
ANSWER = {**E400, **E403, **E404, **E409}
FIELDS = ("id", "investigation_id", "kind", "name", "starts_at", "ends_at", "location", "latitude", "longitude",
          "radius_m", "status", "expected_victims", "expected_genders", "expected_languages", "minors_expected", "version")


def operation_out(operation: Operation) -> dict[str, Any]:
    return {
        **{name: getattr(operation, name) for name in FIELDS},
        "organization": common.brief(operation.organization),
        "contact": None if operation.contact is None else person(operation.contact),
    }


def conflict_out(user: User, conflict: OperationConflict) -> dict[str, Any]:
    """The reader's half of a conflict: their own operation, and whom to call on the other side
    (never the other operation's name, time or place)."""
    mine_new = conflict_side(user, conflict) == NEW
    mine = conflict.new_operation if mine_new else conflict.existing_operation
    theirs = conflict.existing_operation if mine_new else conflict.new_operation
    return {
        "id": conflict.pk,
        "found_at": conflict.found_at,
        "my_operation_id": mine.pk,
        "my_operation_name": mine.name,
        "my_operation_starts_at": mine.starts_at,
        "other": common.contact(theirs.contact or theirs.created_by, theirs.organization.name),
    }


def _conflicts(user: User, found: list[OperationConflict]) -> list[dict[str, Any]]:
    ids = [c.pk for c in found]
    conflicts = OperationConflict.objects.filter(pk__in=ids).select_related(
        "new_operation__organization", "existing_operation__organization",
        "new_operation__contact", "existing_operation__contact",
        "new_operation__created_by", "existing_operation__created_by",
    ).order_by("-found_at", "-pk")
    return [conflict_out(user, c) for c in conflicts]


@router.get("/operations", response={200: list[OperationOut], **E400, **E403, **E404})
@paginated
def list_operations(request: HttpRequest, status: str = "") -> QuerySet[Operation]:
    """Your agencies' operations, latest start first (``status`` planned, cancelled or done)."""
    user = acting_user(request)
    require_member(user)
    operations = visible_operations(user).select_related("organization", "contact")
    return operations.filter(status=status) if status else operations


def _changes(user: User, organization: Organization, values: dict[str, Any]) -> dict[str, Any]:
    if "contact_id" in values:
        values["contact"] = common.member_of(organization, values.pop("contact_id"),
                                             _("The operation contact must be a member of the agency."))
    return values


@router.post("/operations", response={201: OperationSaved, **E400, **E403, **E404})
def plan_operation(request: HttpRequest, payload: OperationIn) -> Status[dict[str, Any]]:
    """Plan an operation for one of your agencies. It is checked at once against the other
    agencies' planned operations: ``conflicts`` lists those whose window overlaps within the sum
    of the radii, each with whom to call (both sides are alerted)."""
    user = acting_user(request)
    organization = common.agency(user, payload.organization_id)
    investigation = None
    if payload.investigation_id is not None:
        investigation = one_named(visible_investigations(user), payload.investigation_id,
                                  _("Choose an investigation your agency works."))
    values = _changes(user, organization, payload.model_dump(exclude={"organization_id", "investigation_id"}))
    if values.get("contact") is None:
        values.pop("contact", None)
    operation, conflicts = actions.plan_operation(organization, acting_user=user, investigation=investigation, **values)
    return Status(201, {"operation": operation_out(access_operation(user, operation.pk)),
                        "conflicts": _conflicts(user, conflicts)})


@router.get("/operations/{int:operation_id}", response={200: OperationOut, **E404})
def get_operation(request: HttpRequest, operation_id: int) -> dict[str, Any]:
    """One operation of your agency (404 for any other)."""
    return operation_out(access_operation(acting_user(request), operation_id))


@router.patch("/operations/{int:operation_id}", response={200: OperationSaved, **ANSWER})
def update_operation(request: HttpRequest, operation_id: int, payload: OperationPatch) -> dict[str, Any]:
    """Change a planned operation (``version`` as read); a new time or place is checked again."""
    user = acting_user(request)
    operation = access_operation(user, operation_id, for_change=True)
    values = _changes(user, operation.organization, payload.model_dump(exclude_unset=True, exclude={"version"}))
    _changed, conflicts = actions.update_operation(operation, acting_user=user, version=payload.version, **values)
    return {"operation": operation_out(access_operation(user, operation_id)), "conflicts": _conflicts(user, conflicts)}


@router.post("/operations/{int:operation_id}/status", response={200: OperationOut, **ANSWER})
def set_operation_status(request: HttpRequest, operation_id: int, payload: OperationStatusIn) -> dict[str, Any]:
    """Cancel a planned operation or mark it carried out."""
    user = acting_user(request)
    operation = access_operation(user, operation_id, for_change=True)
    actions.set_operation_status(operation, payload.status, acting_user=user)
    return operation_out(access_operation(user, operation_id))


def heads_up_out(heads_up: HeadsUp) -> dict[str, Any]:
    """A heads-up: the general timeline, the expected victims, whom to call — no date, no place."""
    return {
        "id": heads_up.pk,
        "from_organization": common.brief(heads_up.from_organization),
        "to_organization": common.brief(heads_up.to_organization),
        "timeline": heads_up.timeline,
        "timeline_label": str(Timeline(heads_up.timeline).label),
        "expected_victims": heads_up.expected_victims,
        "genders": heads_up.genders,
        "languages": heads_up.languages,
        "minors_expected": heads_up.minors_expected,
        "contact": None if heads_up.contact is None else common.contact(heads_up.contact, heads_up.from_organization.name),
        "sent_at": heads_up.sent_at,
        "acknowledged_at": heads_up.acknowledged_at,
        "acknowledged_by": None if heads_up.acknowledged_by is None else person(heads_up.acknowledged_by),
    }


def _heads_ups(user: User) -> QuerySet[HeadsUp]:
    return visible_heads_ups(user).select_related("from_organization", "to_organization", "contact", "acknowledged_by")


@router.post("/operations/{int:operation_id}/heads-ups", response={201: HeadsUpOut, **ANSWER})
def send_heads_up(request: HttpRequest, operation_id: int, payload: HeadsUpIn) -> Status[dict[str, Any]]:
    """Tell a partner victim-service provider what to prepare for (the operation's date, place
    and name stay with the agency)."""
    user = acting_user(request)
    operation = access_operation(user, operation_id, for_change=True)
    provider = one_named(visible_to(user, Organization), payload.to_organization_id, _("Choose a provider of this task force."))
    heads_up = actions.send_heads_up(operation, provider, acting_user=user)
    return Status(201, heads_up_out(_heads_ups(user).get(pk=heads_up.pk)))


@router.get("/heads-ups", response={200: list[HeadsUpOut], **E400, **E403, **E404})
@paginated
def list_heads_ups(request: HttpRequest) -> Any:
    """Heads-ups your organizations sent or received, newest first."""
    user = acting_user(request)
    require_member(user)
    return _Page(_heads_ups(user))


class _Page:
    """Heads-ups paged, each turned into its answer only for the page."""

    def __init__(self, queryset: QuerySet[HeadsUp]) -> None:
        self.queryset = queryset

    def __len__(self) -> int:
        return self.queryset.count()

    def __getitem__(self, item: slice) -> list[dict[str, Any]]:
        return [heads_up_out(h) for h in self.queryset[item]]


@router.get("/heads-ups/{int:heads_up_id}", response={200: HeadsUpOut, **E404})
def get_heads_up(request: HttpRequest, heads_up_id: int) -> dict[str, Any]:
    user = acting_user(request)
    access_heads_up(user, heads_up_id)
    return heads_up_out(_heads_ups(user).get(pk=heads_up_id))


@router.post("/heads-ups/{int:heads_up_id}/acknowledge", response={200: HeadsUpOut, **ANSWER})
def acknowledge_heads_up(request: HttpRequest, heads_up_id: int) -> dict[str, Any]:
    """The receiving provider acknowledges the heads-up (once: again is 409)."""
    user = acting_user(request)
    heads_up = access_heads_up(user, heads_up_id, for_change=True)
    actions.acknowledge_heads_up(heads_up, acting_user=user)
    return heads_up_out(_heads_ups(user).get(pk=heads_up_id))
