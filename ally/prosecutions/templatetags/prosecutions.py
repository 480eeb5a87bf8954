"""Template helpers for prosecutions: who is a victim-witness coordinator, and statute categories."""

from __future__ import annotations

from typing import Any

from django import template

from ally.tenancy.models import Membership

register = template.Library()


def is_victim_witness_coordinator(user: Any, organization: Any) -> bool:
    """Whether ``user`` works in ``organization`` as a victim-witness coordinator (who cannot
    promise a survivor confidentiality)."""
    if user is None or organization is None or not getattr(user, "is_authenticated", False):
        return False
    organization_id = organization if isinstance(organization, int) else getattr(organization, "pk", None)
    if not isinstance(organization_id, int):
        return False
    return Membership.objects.filter(
        user_id=user.pk, organization_id=organization_id, is_active=True, is_victim_witness_coordinator=True
    ).exists()


register.simple_tag(is_victim_witness_coordinator, name="is_victim_witness_coordinator")


@register.filter
def category_badge(category: str) -> str:
    """The badge class of a statute category."""
    return {"trafficking": "badge--danger", "related": "badge--warning"}.get(category, "badge--neutral")
