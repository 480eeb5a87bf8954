"""Read helpers for tenancy, built on the access policy."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from ally.access import visible_to
from ally.tenancy.models import Membership, Organization, Region


def directory(
    user: Any,
    *,
    q: str = "",
    discipline: str = "",
    region: Region | None = None,
    organization: Organization | None = None,
) -> QuerySet[Membership]:
    """The contact directory: active members of the task force's organizations, searchable."""
    members = visible_to(user, Membership).filter(is_active=True, organization__is_active=True)
    if q:
        for word in q.split()[:5]:
            members = members.filter(
                Q(user__full_name__icontains=word)
                | Q(user__title__icontains=word)
                | Q(user__email__icontains=word)
                | Q(organization__name__icontains=word)
            )
    if discipline:
        members = members.filter(organization__discipline=discipline)
    if region is not None:
        members = members.filter(organization__regions_served=region)
    if organization is not None:
        members = members.filter(organization=organization)
    return members.select_related("user", "organization").order_by(
        "organization__name", "user__full_name"
    ).distinct()
