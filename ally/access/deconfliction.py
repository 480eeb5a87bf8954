"""Who sees deconfliction hits and operation conflicts.

A hit is seen by the members of either side's agency (the one that saved the identifier and the
one that already held it); an operation conflict by the members of either operation's agency.
Each side's page shows its own case and only the other side's contact — the access policy lets
you open the hit, the page decides which half is yours (``my_side``).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from ally.access.policy import grants_for
from ally.core.errors import NotVisible
from ally.deconfliction.models import Hit, OperationConflict

NEW = "new"
EXISTING = "existing"


def visible_hits(user: Any) -> QuerySet[Hit]:
    grants = grants_for(user)
    if grants.task_force_id is None or not grants.memberships:
        return Hit.objects.none()
    orgs = grants.organization_ids()
    return Hit.objects.filter(
        Q(new_organization_id__in=orgs) | Q(existing_organization_id__in=orgs),
        task_force_id=grants.task_force_id,
    )


def access_hit(user: Any, pk: Any) -> Hit:
    try:
        return visible_hits(user).select_related(
            "new_pointer__investigation", "existing_pointer__investigation",
            "new_pointer__identifier", "existing_pointer__identifier",
            "new_organization", "existing_organization", "new_contact", "existing_contact",
        ).get(pk=pk)
    except (Hit.DoesNotExist, ValueError, TypeError):
        raise NotVisible() from None


def hit_side(user: Any, hit: Hit) -> str:
    """Which half of the hit is the user's: the agency that saved the identifier (``new``) or the
    one that held it already (``existing``)."""
    return NEW if hit.new_organization_id in grants_for(user).memberships else EXISTING


def visible_conflicts(user: Any) -> QuerySet[OperationConflict]:
    grants = grants_for(user)
    if grants.task_force_id is None or not grants.memberships:
        return OperationConflict.objects.none()
    orgs = grants.organization_ids()
    return OperationConflict.objects.filter(
        Q(new_operation__organization_id__in=orgs) | Q(existing_operation__organization_id__in=orgs),
        task_force_id=grants.task_force_id,
    )


def access_conflict(user: Any, pk: Any) -> OperationConflict:
    try:
        return visible_conflicts(user).select_related(
            "new_operation__organization", "existing_operation__organization",
            "new_operation__contact", "existing_operation__contact",
            "new_operation__created_by", "existing_operation__created_by",
        ).get(pk=pk)
    except (OperationConflict.DoesNotExist, ValueError, TypeError):
        raise NotVisible() from None


def conflict_side(user: Any, conflict: OperationConflict) -> str:
    orgs = grants_for(user).memberships
    return NEW if conflict.new_operation.organization_id in orgs else EXISTING
