"""Who may see and do what, inside one task force at a time.

A person's *grants* in their active task force are their active memberships (organization →
role) and their task-force roles. Everything below is decided from those grants alone, so a
request costs two small queries however many objects it touches.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import Model, Q, QuerySet

from ally.accounts.models import ApiToken, User
from ally.audit.events import GOVERNANCE_EVENTS
from ally.audit.models import AuditEvent
from ally.core.errors import NotPermitted, NotVisible
from ally.tenancy.models import (
    Invitation,
    Membership,
    Organization,
    Region,
    TaskForce,
    TaskForceRole,
)
from ally.tenancy.vocab import AgencyType, Discipline, MembershipRole, TaskForceRoleKind

M = TypeVar("M", bound=Model)


class Permission(enum.StrEnum):
    VIEW_TASK_FORCE = "view_task_force"
    VIEW_DIRECTORY = "view_directory"
    MANAGE_TASK_FORCE = "manage_task_force"  # organizations, regions, roles, single sign-on
    MANAGE_MEMBERS = "manage_members"  # of one organization
    EDIT_ORGANIZATION = "edit_organization"  # one organization's profile
    VIEW_ORGANIZATION_AUDIT = "view_organization_audit"  # one organization's audit events
    VIEW_GOVERNANCE_AUDIT = "view_governance_audit"
    VIEW_STREET_ADDRESS = "view_street_address"  # of one organization


@dataclass(frozen=True)
class Grants:
    user_id: int
    task_force_id: int | None
    memberships: dict[int, str]  # organization id → MembershipRole
    roles: frozenset[str]  # TaskForceRoleKind values
    navigator_region_ids: frozenset[int]
    # The user's organizations that investigate (law enforcement, labor agencies) and prosecute.
    investigating_ids: frozenset[int] = frozenset()
    prosecuting_ids: frozenset[int] = frozenset()

    @property
    def is_participant(self) -> bool:
        """Belongs to the task force in any way (a member, or holding a task-force role)."""
        return self.task_force_id is not None and bool(self.memberships or self.roles)

    @property
    def is_colleague(self) -> bool:
        """A working member who may see partners' contact details (not a funder or auditor)."""
        return bool(self.memberships) or bool(self.roles - {TaskForceRoleKind.AUDITOR})

    @property
    def is_coordinator(self) -> bool:
        return TaskForceRoleKind.COORDINATOR in self.roles

    @property
    def is_co_lead(self) -> bool:
        return TaskForceRoleKind.CO_LEAD in self.roles

    @property
    def is_aggregates_only(self) -> bool:
        """Funders and auditors: counts, never individuals."""
        return self.roles == {TaskForceRoleKind.AUDITOR} and not self.memberships

    def organization_ids(self) -> frozenset[int]:
        return frozenset(self.memberships)

    def admin_organization_ids(self) -> frozenset[int]:
        return frozenset(o for o, r in self.memberships.items() if r == MembershipRole.ORG_ADMIN)


_NO_GRANTS_CACHE = "_ally_grants"


def grants_for(user: Any) -> Grants:
    """The user's grants in their active task force, cached on the user object per request."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Grants(0, None, {}, frozenset(), frozenset())
    cached: Grants | None = getattr(user, _NO_GRANTS_CACHE, None)
    if cached is not None and cached.task_force_id == user.active_task_force_id:
        return cached
    task_force_id = user.active_task_force_id
    memberships: dict[int, str] = {}
    investigating: set[int] = set()
    prosecuting: set[int] = set()
    roles: set[str] = set()
    regions: set[int] = set()
    if task_force_id is not None:
        for organization_id, role, discipline, agency_type in Membership.objects.filter(
            user=user, task_force_id=task_force_id, is_active=True, organization__is_active=True
        ).values_list("organization_id", "role", "organization__discipline", "organization__agency_type"):
            memberships[organization_id] = role
            if discipline == Discipline.LAW_ENFORCEMENT or (
                discipline == Discipline.GOVERNMENT_OTHER and agency_type == AgencyType.LABOR
            ):
                investigating.add(organization_id)
            elif discipline == Discipline.PROSECUTION:
                prosecuting.add(organization_id)
        for role, region_id in TaskForceRole.objects.filter(
            user=user, task_force_id=task_force_id
        ).values_list("role", "regions"):
            roles.add(role)
            if role == TaskForceRoleKind.NAVIGATOR and region_id is not None:
                regions.add(region_id)
    grants = Grants(
        user.pk, task_force_id, memberships, frozenset(roles), frozenset(regions),
        frozenset(investigating), frozenset(prosecuting),
    )
    if not grants.is_participant:
        grants = Grants(user.pk, None, {}, frozenset(), frozenset())
    setattr(user, _NO_GRANTS_CACHE, grants)
    return grants


def forget_grants(user: Any) -> None:
    """Drop the cached grants after the user's memberships or roles change."""
    if hasattr(user, _NO_GRANTS_CACHE):
        delattr(user, _NO_GRANTS_CACHE)


def can(
    user: Any,
    permission: Permission,
    organization: Organization | None = None,
    *,
    task_force: TaskForce | None = None,
) -> bool:
    """Whether the user holds `permission` (for this organization, in this task force)."""
    grants = grants_for(user)
    if not grants.is_participant:
        return False
    # SECURITY: a permission is only ever held in the active task force.
    if organization is not None and organization.task_force_id != grants.task_force_id:
        return False
    if task_force is not None and task_force.pk != grants.task_force_id:
        return False
    match permission:
        case Permission.VIEW_TASK_FORCE:
            return True
        case Permission.VIEW_DIRECTORY:
            return grants.is_colleague
        case Permission.MANAGE_TASK_FORCE | Permission.VIEW_GOVERNANCE_AUDIT:
            return grants.is_coordinator
        case Permission.MANAGE_MEMBERS | Permission.EDIT_ORGANIZATION:
            if organization is None:
                return grants.is_coordinator or bool(grants.admin_organization_ids())
            return grants.is_coordinator or organization.pk in grants.admin_organization_ids()
        case Permission.VIEW_STREET_ADDRESS:
            if organization is None:
                return False
            return (
                not organization.confidential_address
                or organization.pk in grants.organization_ids()
                or grants.is_coordinator
            )
        case Permission.VIEW_ORGANIZATION_AUDIT:
            if organization is None:
                return bool(grants.admin_organization_ids())
            return organization.pk in grants.admin_organization_ids()
    return False


def require(
    user: Any,
    permission: Permission,
    organization: Organization | None = None,
    *,
    task_force: TaskForce | None = None,
) -> None:
    """NotVisible when the user cannot see the task force (or the object's), else NotPermitted."""
    grants = grants_for(user)
    if not grants.is_participant:
        raise NotVisible()
    if (organization is not None and organization.task_force_id != grants.task_force_id) or (
        task_force is not None and task_force.pk != grants.task_force_id
    ):
        raise NotVisible()
    if not can(user, permission, organization, task_force=task_force):
        raise NotPermitted()


def require_member(user: Any) -> Grants:
    """A working member of some organization of the task force. Funders and auditors see
    aggregates only (403); people outside the task force see nothing (404)."""
    require(user, Permission.VIEW_TASK_FORCE)
    grants = grants_for(user)
    if not grants.memberships:
        raise NotPermitted()
    return grants


def visible_to(user: Any, model: type[M]) -> QuerySet[M]:
    """Every row of `model` the user may see, in their active task force only."""
    grants = grants_for(user)
    manager = model._default_manager
    if model is User:
        # Accounts are visible through the user's own profile or the directory.
        own = Q(pk=grants.user_id)
        if grants.is_colleague:
            own |= Q(
                memberships__task_force_id=grants.task_force_id,
                memberships__is_active=True,
            )
        return manager.filter(own).distinct() if grants.user_id else manager.none()
    if model is ApiToken:
        return manager.filter(user_id=grants.user_id) if grants.user_id else manager.none()
    if model._meta.app_label == "survivors":
        # The victim-service compartment has its own rules (ally/access/survivors.py).
        from ally.access import survivors
        from ally.survivors.screenings import visible_screenings

        by_model: dict[str, Any] = {
            "client": survivors.visible_clients,
            "consent": survivors.visible_consents,
            "share": survivors.visible_shares,
            "screening": visible_screenings,
        }
        return by_model[model._meta.model_name or ""](user)  # type: ignore[no-any-return]
    if model._meta.app_label == "referrals" and model._meta.model_name == "referral":
        from ally.access.referrals import visible_referrals

        return visible_referrals(user)  # type: ignore[return-value]
    if model._meta.app_label in {"investigations", "prosecutions"}:
        # The law-enforcement and prosecution compartments (ally/access/investigations.py,
        # ally/access/prosecutions.py).
        from ally.access import investigations, prosecutions

        compartments: dict[str, Any] = {
            "tip": investigations.visible_tips,
            "investigation": investigations.visible_investigations,
            "operation": investigations.visible_operations,
            "headsup": investigations.visible_heads_ups,
            "prosecutionreferral": prosecutions.visible_prosecution_referrals,
            "prosecutioncase": prosecutions.visible_cases,
            "statute": prosecutions.visible_statutes,
        }
        return compartments[model._meta.model_name or ""](user)  # type: ignore[no-any-return]
    if not grants.is_participant:
        return manager.none()
    tf = grants.task_force_id
    if model is TaskForce:
        return manager.filter(pk=tf)
    if model is Region:
        return manager.filter(task_force_id=tf)
    if model is TaskForceRole:
        if grants.is_aggregates_only:
            return manager.none()
        roles = manager.filter(task_force_id=tf)
        if grants.is_coordinator:
            return roles
        # SECURITY: naming someone a survivor-leader advisor says they survived trafficking.
        # Only the coordinator and the advisor themselves see those rows.
        return roles.exclude(
            Q(role=TaskForceRoleKind.SURVIVOR_LEADER_ADVISOR) & ~Q(user_id=grants.user_id)
        )
    if model is Organization:
        return manager.filter(task_force_id=tf, is_active=True)
    if model is Membership:
        condition = Q(pk__in=[])
        if grants.is_colleague:
            condition |= Q(is_active=True, organization__is_active=True)
        managed = _managed_organization_ids(grants)
        if managed is not None:
            condition |= Q(organization_id__in=managed)
        elif grants.is_coordinator:
            condition = Q()
        return manager.filter(condition, task_force_id=tf)
    if model is Invitation:
        managed = _managed_organization_ids(grants)
        if managed is None:
            return manager.filter(task_force_id=tf)
        return manager.filter(task_force_id=tf, organization_id__in=managed)
    if model is AuditEvent:
        condition = Q(pk__in=[])
        if grants.admin_organization_ids():
            condition |= Q(organization_id__in=grants.admin_organization_ids())
        if grants.is_coordinator:
            condition |= Q(event_type__in=[e.value for e in GOVERNANCE_EVENTS])
        return manager.filter(condition, task_force_id=tf)
    raise LookupError(f"the access policy does not know {model.__name__}")


def _managed_organization_ids(grants: Grants) -> frozenset[int] | None:
    """Organizations whose members this person manages; None means all (the coordinator)."""
    return None if grants.is_coordinator else grants.admin_organization_ids()


def _get(user: Any, model: type[M], pk: Any) -> M:
    try:
        return visible_to(user, model).get(pk=pk)
    except (model.DoesNotExist, ValueError, TypeError):  # type: ignore[attr-defined]
        raise NotVisible() from None


def access_organization(user: Any, pk: Any, *, for_change: bool = False) -> Organization:
    """An organization of the user's task force; changing it takes its org admin or the coordinator."""
    organization = _get(user, Organization, pk)
    if for_change and not can(user, Permission.EDIT_ORGANIZATION, organization):
        raise NotPermitted()
    return organization


def access_region(user: Any, pk: Any, *, for_change: bool = False) -> Region:
    """A region of the user's task force; changing it takes the coordinator."""
    region = _get(user, Region, pk)
    if for_change and not can(user, Permission.MANAGE_TASK_FORCE):
        raise NotPermitted()
    return region


def access_membership(user: Any, pk: Any, *, for_change: bool = False) -> Membership:
    """A membership in the directory; changing it takes the organization's admin or the coordinator."""
    membership = _get(user, Membership, pk)
    if for_change and not can(user, Permission.MANAGE_MEMBERS, membership.organization):
        raise NotPermitted()
    return membership


def access_invitation(user: Any, pk: Any, *, for_change: bool = False) -> Invitation:
    """An invitation is seen only by those who manage its organization's members."""
    return _get(user, Invitation, pk)


def access_task_force_role(user: Any, pk: Any, *, for_change: bool = False) -> TaskForceRole:
    """Task-force roles are public inside the task force; only the coordinator changes them."""
    role = _get(user, TaskForceRole, pk)
    if for_change and not can(user, Permission.MANAGE_TASK_FORCE):
        raise NotPermitted()
    return role


def access_api_token(user: Any, pk: Any, *, for_change: bool = False) -> ApiToken:
    """A person's API tokens are theirs alone."""
    return _get(user, ApiToken, pk)
