"""Task-force roles: coordinator, co-lead, navigator, survivor-leader advisor, auditor."""


from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from ally.access.policy import Permission, forget_grants
from ally.accounts.models import User
from ally.audit.chain import record
from ally.audit.events import EventType
from ally.core.errors import InvalidInput
from ally.tenancy.actions._common import (
    _check_choice,
    _check_regions,
    _require_system_or,
)
from ally.tenancy.models import (
    Region,
    TaskForce,
    TaskForceRole,
)
from ally.tenancy.vocab import (
    TaskForceRoleKind,
)

# --- Task-force roles ------------------------------------------------------------------------


def grant_task_force_role(
    task_force: TaskForce,
    *,
    user: User,
    role: str,
    regions: list[Region] | None = None,
    acting_user: User | None,
) -> TaskForceRole:
    """Make someone coordinator, co-lead, navigator (for regions), survivor-leader advisor or auditor."""
    _require_system_or(acting_user, Permission.MANAGE_TASK_FORCE, task_force=task_force)
    _check_choice(role, TaskForceRoleKind, _("Role"))
    regions = regions or []
    _check_regions(task_force, regions)
    if role == TaskForceRoleKind.NAVIGATOR and not regions:
        raise InvalidInput(_("A navigator works for at least one region."))
    if role != TaskForceRoleKind.NAVIGATOR and regions:
        raise InvalidInput(_("Only navigators are assigned regions."))
    with transaction.atomic():
        grant, created = TaskForceRole.objects.get_or_create(
            task_force=task_force, user=user, role=role
        )
        before = sorted(grant.regions.values_list("pk", flat=True)) if not created else []
        grant.regions.set(regions)
        if created or before != sorted(r.pk for r in regions):
            record(
                EventType.TASK_FORCE_ROLE_GRANTED,
                actor=acting_user,
                task_force=task_force,
                target=grant,
                changes={"user": user.pk, "role": role, "regions": [r.pk for r in regions]},
            )
        if user.active_task_force_id is None:
            User.objects.filter(pk=user.pk).update(active_task_force=task_force)
            user.active_task_force = task_force
    forget_grants(user)
    return grant


def revoke_task_force_role(grant: TaskForceRole, *, acting_user: User | None) -> None:
    """Take a task-force role away."""
    _require_system_or(acting_user, Permission.MANAGE_TASK_FORCE, task_force=grant.task_force)
    with transaction.atomic():
        record(
            EventType.TASK_FORCE_ROLE_REVOKED,
            actor=acting_user,
            task_force=grant.task_force,
            target=grant,
            changes={"user": grant.user_id, "role": grant.role},
        )
        grant.delete()
    forget_grants(grant.user)
