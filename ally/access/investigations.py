"""Who sees the law-enforcement compartment.

- Tips: the active members of the agency that received them.
- Investigations (criminal intelligence, 28 CFR Part 23): the owning agency's members and the
  members of partner agencies of a joint investigation — right to know and need to know. Their
  subjects, identifiers, victims, arrests and dissemination log go with them. Supervisors and
  administrators of the owning agency validate or purge the record.
- Operations: the planning agency's members. Another agency learns of an operation only as a
  conflict (whom to call), a partner victim-service provider only through a heads-up (no date,
  no place).
- Nobody else — the coordinator and the co-leads included — sees any of it; the task force sees
  aggregates. Prosecutors see what was referred to them (``ally.access.prosecutions``).
- Only agencies that investigate (law enforcement, and labor agencies) open tips, investigations
  and operations.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from ally.access.policy import Grants, grants_for
from ally.access.survivors import SEES_ALL_CLIENTS
from ally.core.errors import NotPermitted, NotVisible
from ally.investigations.models import (
    HeadsUp,
    Investigation,
    InvestigationPartner,
    Operation,
    Tip,
)


def investigating_organization_ids(grants: Grants) -> frozenset[int]:
    """The user's organizations that investigate: law enforcement and labor agencies."""
    return grants.investigating_ids


def _investigations_q(grants: Grants) -> Q:
    orgs = grants.organization_ids()
    if not orgs:
        return Q(pk__in=[])
    partnered = InvestigationPartner.objects.filter(
        organization_id__in=orgs, removed_at=None
    ).values("investigation_id")
    return Q(organization_id__in=orgs) | Q(pk__in=partnered)


def visible_investigations(user: Any) -> QuerySet[Investigation]:
    grants = grants_for(user)
    if grants.task_force_id is None:
        return Investigation.objects.none()
    return Investigation.objects.filter(_investigations_q(grants), task_force_id=grants.task_force_id)


def access_investigation(user: Any, pk: Any, *, for_change: bool = False, supervise: bool = False) -> Investigation:
    """An investigation of the user's agency or a joint one it works (404 otherwise).

    ``for_change``: its intelligence was not purged (403 after a purge).
    ``supervise``: validate, purge, add or remove partners — the owning agency's supervisors
    and administrators (403 for the others who see it).
    """
    try:
        investigation = visible_investigations(user).select_related(
            "organization", "lead_investigator"
        ).get(pk=pk)
    except (Investigation.DoesNotExist, ValueError, TypeError):
        raise NotVisible() from None
    if (for_change or supervise) and investigation.is_purged:
        raise NotPermitted()
    if supervise and not may_supervise(user, investigation):
        raise NotPermitted()
    return investigation


def may_supervise(user: Any, investigation: Investigation) -> bool:
    grants = grants_for(user)
    return grants.memberships.get(investigation.organization_id) in SEES_ALL_CLIENTS


def visible_tips(user: Any) -> QuerySet[Tip]:
    grants = grants_for(user)
    if grants.task_force_id is None or not grants.memberships:
        return Tip.objects.none()
    return Tip.objects.filter(
        task_force_id=grants.task_force_id, organization_id__in=grants.organization_ids()
    )


def access_tip(user: Any, pk: Any, *, for_change: bool = False) -> Tip:
    try:
        return visible_tips(user).select_related("organization", "assigned_to").get(pk=pk)
    except (Tip.DoesNotExist, ValueError, TypeError):
        raise NotVisible() from None


def visible_operations(user: Any) -> QuerySet[Operation]:
    grants = grants_for(user)
    if grants.task_force_id is None or not grants.memberships:
        return Operation.objects.none()
    return Operation.objects.filter(
        task_force_id=grants.task_force_id, organization_id__in=grants.organization_ids()
    )


def access_operation(user: Any, pk: Any, *, for_change: bool = False) -> Operation:
    try:
        return visible_operations(user).select_related("organization", "contact").get(pk=pk)
    except (Operation.DoesNotExist, ValueError, TypeError):
        raise NotVisible() from None


def visible_heads_ups(user: Any) -> QuerySet[HeadsUp]:
    """Heads-ups sent by the user's agency or received by their organization."""
    grants = grants_for(user)
    if grants.task_force_id is None or not grants.memberships:
        return HeadsUp.objects.none()
    orgs = grants.organization_ids()
    return HeadsUp.objects.filter(
        Q(to_organization_id__in=orgs) | Q(from_organization_id__in=orgs),
        task_force_id=grants.task_force_id,
    )


def access_heads_up(user: Any, pk: Any, *, for_change: bool = False) -> HeadsUp:
    """``for_change`` (acknowledging) takes a member of the receiving organization."""
    try:
        heads_up = visible_heads_ups(user).select_related(
            "from_organization", "to_organization", "contact"
        ).get(pk=pk)
    except (HeadsUp.DoesNotExist, ValueError, TypeError):
        raise NotVisible() from None
    if for_change and heads_up.to_organization_id not in grants_for(user).memberships:
        raise NotPermitted()
    return heads_up
