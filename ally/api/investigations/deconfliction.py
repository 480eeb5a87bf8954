"""Deconfliction hits and operation conflicts, each from the reader's side: their own case (or
operation) and only the other side's contact — name, agency, phone, email — never the other
identifier, case or operation."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router

from ally.access.deconfliction import (
    NEW,
    access_conflict,
    access_hit,
    hit_side,
    visible_conflicts,
    visible_hits,
)
from ally.access.policy import require_member
from ally.accounts.models import User
from ally.api.auth import acting_user
from ally.api.common import E400, E403, E404, paginated
from ally.api.investigations import common
from ally.api.investigations.operations import conflict_out
from ally.api.investigations.schemas import ConflictOut, HitOut
from ally.deconfliction.models import Hit, OperationConflict
from ally.deconfliction.queries import display_value

router = Router(tags=["deconfliction"])


def hit_out(user: User, hit: Hit) -> dict[str, Any]:
    mine_new = hit_side(user, hit) == NEW
    mine = hit.new_pointer if mine_new else hit.existing_pointer
    other = (common.contact(hit.existing_contact, hit.existing_organization.name) if mine_new
             else common.contact(hit.new_contact, hit.new_organization.name))
    return {
        "id": hit.pk,
        "kind": hit.kind,
        "how": hit.how,
        "found_at": hit.found_at,
        "my_investigation_id": mine.investigation_id,
        "my_case_number": mine.investigation.number,
        "my_identifier_id": mine.identifier_id,
        "my_value": display_value(mine),
        "other": other,
    }


class _Page:
    def __init__(self, user: User, queryset: QuerySet[Any], out: Any) -> None:
        self.user, self.queryset, self.out = user, queryset, out

    def __len__(self) -> int:
        return self.queryset.count()

    def __getitem__(self, item: slice) -> list[dict[str, Any]]:
        return [self.out(self.user, row) for row in self.queryset[item]]


@router.get("/hits", response={200: list[HitOut], **E400, **E403, **E404})
@paginated
def list_hits(request: HttpRequest) -> Any:
    """Targets your agencies hold that another agency of the task force holds too, newest first."""
    user = acting_user(request)
    require_member(user)
    hits = visible_hits(user).select_related(
        "new_pointer__investigation", "existing_pointer__investigation",
        "new_pointer__identifier", "existing_pointer__identifier",
        "new_organization", "existing_organization", "new_contact", "existing_contact",
    ).order_by("-found_at", "-pk")
    return _Page(user, hits, hit_out)


@router.get("/hits/{int:hit_id}", response={200: HitOut, **E404})
def get_hit(request: HttpRequest, hit_id: int) -> dict[str, Any]:
    """One hit: your own investigation and identifier, and whom to call on the other side."""
    user = acting_user(request)
    return hit_out(user, access_hit(user, hit_id))


@router.get("/operation-conflicts", response={200: list[ConflictOut], **E400, **E403, **E404})
@paginated
def list_operation_conflicts(request: HttpRequest) -> Any:
    """Your agencies' operations that conflict with another agency's, newest first."""
    user = acting_user(request)
    require_member(user)
    conflicts: QuerySet[OperationConflict] = visible_conflicts(user).select_related(
        "new_operation__organization", "existing_operation__organization",
        "new_operation__contact", "existing_operation__contact",
        "new_operation__created_by", "existing_operation__created_by",
    ).order_by("-found_at", "-pk")
    return _Page(user, conflicts, conflict_out)


@router.get("/operation-conflicts/{int:conflict_id}", response={200: ConflictOut, **E404})
def get_operation_conflict(request: HttpRequest, conflict_id: int) -> dict[str, Any]:
    user = acting_user(request)
    return conflict_out(user, access_conflict(user, conflict_id))
