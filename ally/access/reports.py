"""Who may read which report, dashboard, interchange file and evaluation extract.

- *Task-force aggregates* (the task force's quarterly reports and the dashboards): every
  participant, funders and auditors included — counts only, small cells suppressed.
- *An organization's own report* (exact counts, for its funder submission): that organization's
  supervisors and administrators. Its other members get 403; anyone outside it 404.
- *HTCDS interchange* (identifying client records of one organization): that organization's
  administrators only.
- *The de-identified evaluation extract* (case-level, no direct identifiers): the coordinator.
People outside the task force see nothing: 404.
"""

from __future__ import annotations

from typing import Any

from ally.access.policy import Grants, Permission, access_organization, grants_for, require
from ally.core.errors import NotPermitted, NotVisible
from ally.tenancy.models import Organization
from ally.tenancy.vocab import MembershipRole

REPORTING_ROLES = frozenset({MembershipRole.SUPERVISOR, MembershipRole.ORG_ADMIN})


def require_aggregate_reader(user: Any) -> Grants:
    """Any participant of the task force (404 outside it)."""
    require(user, Permission.VIEW_TASK_FORCE)
    return grants_for(user)


def reporting_organization_ids(grants: Grants) -> frozenset[int]:
    """The organizations whose exact report the person may produce."""
    return frozenset(o for o, role in grants.memberships.items() if role in REPORTING_ROLES)


def access_reporting_organization(user: Any, pk: Any) -> Organization:
    """An organization whose own, exact report the user may read: 404 for an organization the
    user does not belong to, 403 for a member who is not its supervisor or administrator."""
    organization = access_organization(user, pk)
    grants = grants_for(user)
    if organization.pk not in grants.memberships:
        raise NotVisible()
    if organization.pk not in reporting_organization_ids(grants):
        raise NotPermitted()
    return organization


def access_interchange_organization(user: Any, pk: Any) -> Organization:
    """An organization whose client records the user may export or import in HTCDS form:
    its administrators only (404 outside it, 403 for its other members)."""
    organization = access_organization(user, pk)
    grants = grants_for(user)
    if organization.pk not in grants.memberships:
        raise NotVisible()
    if organization.pk not in grants.admin_organization_ids():
        raise NotPermitted()
    return organization


def require_evaluation_reader(user: Any) -> Grants:
    """The coordinator (404 outside the task force; 403 for anybody else in it)."""
    require(user, Permission.VIEW_TASK_FORCE)
    grants = grants_for(user)
    if not grants.is_coordinator:
        raise NotPermitted()
    return grants
