"""Memberships: who belongs to which organization, with which role."""


from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ally.access.policy import Permission, forget_grants
from ally.accounts.models import User
from ally.audit.chain import record
from ally.audit.events import EventType
from ally.core.errors import Conflict, InvalidInput
from ally.tenancy.actions._common import (
    _check_choice,
    _require_system_or,
)
from ally.tenancy.models import (
    Membership,
    Organization,
)
from ally.tenancy.vocab import (
    Discipline,
    MembershipRole,
)

# --- Members ---------------------------------------------------------------------------------


def add_member(
    organization: Organization,
    *,
    user: User,
    role: str = MembershipRole.MEMBER,
    acting_user: User | None,
) -> Membership:
    """Put a person in an organization (or bring back one who left)."""
    _require_system_or(acting_user, Permission.MANAGE_MEMBERS, organization)
    _check_choice(role, MembershipRole, _("Role"))
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(
            user=user,
            organization=organization,
            defaults={"role": role, "task_force_id": organization.task_force_id},
        )
        if not created and membership.is_active:
            raise Conflict(_("%(name)s is already a member.") % {"name": user.full_name})
        membership.role, membership.is_active, membership.ended_at = role, True, None
        membership.save()
        record(
            EventType.MEMBER_ADDED,
            actor=acting_user,
            task_force=organization.task_force,
            organization=organization,
            target=membership,
            changes={"user": user.pk, "role": role},
        )
        if user.active_task_force_id is None:
            User.objects.filter(pk=user.pk).update(active_task_force=organization.task_force)
            user.active_task_force = organization.task_force
    forget_grants(user)
    return membership


def change_member_role(
    membership: Membership, *, role: str, acting_user: User | None
) -> Membership:
    """Make a member a supervisor or organization administrator, or back."""
    _require_system_or(acting_user, Permission.MANAGE_MEMBERS, membership.organization)
    _check_choice(role, MembershipRole, _("Role"))
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if not membership.is_active:
            raise InvalidInput(_("This person is no longer a member."))
        if membership.role == role:
            return membership
        _keep_one_admin(membership, leaving=role != MembershipRole.ORG_ADMIN)
        before = membership.role
        membership.role = role
        membership.save(update_fields=["role"])
        record(
            EventType.MEMBER_ROLE_CHANGED,
            actor=acting_user,
            task_force=membership.organization.task_force,
            organization=membership.organization,
            target=membership,
            changes={"user": membership.user_id, "role": [before, role]},
        )
    forget_grants(membership.user)
    return membership


def mark_victim_witness_coordinator(
    membership: Membership, *, value: bool, acting_user: User | None
) -> Membership:
    """Say that a member of a law-enforcement agency or prosecutor's office works as a
    victim-witness coordinator: Ally then shows everyone that they cannot promise a survivor
    confidentiality (their employer may have to disclose what they learn)."""
    _require_system_or(acting_user, Permission.MANAGE_MEMBERS, membership.organization)
    if membership.organization.discipline not in (Discipline.LAW_ENFORCEMENT, Discipline.PROSECUTION):
        raise InvalidInput(
            _("Victim-witness coordinators work for law enforcement or a prosecutor's office.")
        )
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if not membership.is_active:
            raise InvalidInput(_("This person is no longer a member."))
        if membership.is_victim_witness_coordinator == value:
            return membership
        membership.is_victim_witness_coordinator = value
        membership.save(update_fields=["is_victim_witness_coordinator"])
        record(
            EventType.MEMBER_ROLE_CHANGED,
            actor=acting_user,
            task_force=membership.organization.task_force,
            organization=membership.organization,
            target=membership,
            changes={"user": membership.user_id, "is_victim_witness_coordinator": [not value, value]},
        )
    return membership


def _keep_one_admin(membership: Membership, *, leaving: bool) -> None:
    if not leaving or membership.role != MembershipRole.ORG_ADMIN:
        return
    others = Membership.objects.filter(
        organization=membership.organization, role=MembershipRole.ORG_ADMIN, is_active=True
    ).exclude(pk=membership.pk)
    if not others.exists():
        raise InvalidInput(_("An organization keeps at least one administrator."))


def remove_member(membership: Membership, *, acting_user: User | None) -> Membership:
    """End a membership. The row stays (with its end date) so the audit trail still reads."""
    _require_system_or(acting_user, Permission.MANAGE_MEMBERS, membership.organization)
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if not membership.is_active:
            raise InvalidInput(_("This person is no longer a member."))
        _keep_one_admin(membership, leaving=True)
        membership.is_active, membership.ended_at = False, timezone.now()
        membership.save(update_fields=["is_active", "ended_at"])
        record(
            EventType.MEMBER_REMOVED,
            actor=acting_user,
            task_force=membership.organization.task_force,
            organization=membership.organization,
            target=membership,
            changes={"user": membership.user_id, "role": membership.role},
        )
    forget_grants(membership.user)
    return membership
