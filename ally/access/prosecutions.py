"""Who sees prosecutions.

- A referral for prosecution: the referring agency's members and the prosecutor's office it was
  sent to (what it discloses is logged as a dissemination when it is sent).
- A prosecution case: the prosecutor's office that owns it (its members change it; a
  victim-witness coordinator among them is shown as unable to promise confidentiality); the
  members of the agencies that work the investigation it came from read it, so law enforcement
  learns how its cases end.
- The statute catalogue: every participant of the task force (it is public law); the
  coordinator changes it.
- Victim-service providers learn of a case only through the legal-status feed of a client linked
  by consent (``ally.prosecutions.feed``), never by reading the case.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from ally.access.investigations import visible_investigations
from ally.access.policy import Grants, grants_for
from ally.core.errors import NotPermitted, NotVisible
from ally.prosecutions.models import ProsecutionCase, ProsecutionReferral, Statute


def prosecuting_organization_ids(grants: Grants) -> frozenset[int]:
    return grants.prosecuting_ids


def visible_prosecution_referrals(user: Any) -> QuerySet[ProsecutionReferral]:
    grants = grants_for(user)
    if grants.task_force_id is None or not grants.memberships:
        return ProsecutionReferral.objects.none()
    orgs = grants.organization_ids()
    return ProsecutionReferral.objects.filter(
        Q(from_organization_id__in=orgs) | Q(to_organization_id__in=orgs),
        task_force_id=grants.task_force_id,
    )


def access_prosecution_referral(user: Any, pk: Any, *, decide: bool = False) -> ProsecutionReferral:
    """``decide`` (accept or decline) takes a member of the office it was sent to."""
    try:
        referral = visible_prosecution_referrals(user).select_related(
            "investigation", "from_organization", "to_organization", "sent_by"
        ).get(pk=pk)
    except (ProsecutionReferral.DoesNotExist, ValueError, TypeError):
        raise NotVisible() from None
    if decide and referral.to_organization_id not in grants_for(user).memberships:
        raise NotPermitted()
    return referral


def visible_cases(user: Any) -> QuerySet[ProsecutionCase]:
    grants = grants_for(user)
    if grants.task_force_id is None or not grants.memberships:
        return ProsecutionCase.objects.none()
    investigations = visible_investigations(user).values("pk")
    return ProsecutionCase.objects.filter(
        Q(organization_id__in=grants.organization_ids()) | Q(investigation_id__in=investigations),
        task_force_id=grants.task_force_id,
    )


def access_case(user: Any, pk: Any, *, for_change: bool = False) -> ProsecutionCase:
    """A case the user may read (404 otherwise); changing it takes the owning office (403)."""
    try:
        case = visible_cases(user).select_related("organization", "prosecutor", "investigation").get(pk=pk)
    except (ProsecutionCase.DoesNotExist, ValueError, TypeError):
        raise NotVisible() from None
    if for_change and case.organization_id not in grants_for(user).memberships:
        raise NotPermitted()
    return case


def visible_statutes(user: Any) -> QuerySet[Statute]:
    grants = grants_for(user)
    if not grants.is_participant:
        return Statute.objects.none()
    return Statute.objects.filter(task_force_id=grants.task_force_id)


def access_statute(user: Any, pk: Any, *, for_change: bool = False) -> Statute:
    try:
        statute = visible_statutes(user).get(pk=pk)
    except (Statute.DoesNotExist, ValueError, TypeError):
        raise NotVisible() from None
    if for_change and not grants_for(user).is_coordinator:
        raise NotPermitted()
    return statute
