"""Every change to the task force's shape: task forces, regions, organizations, roles, members.

Each action takes a keyword-only `acting_user` (None only for the command line and the demo
generator, which act as the system), checks the policy, runs atomically and writes its audit event.
"""

from ally.tenancy.actions._common import ORGANIZATION_FIELDS
from ally.tenancy.actions.invitations import (
    accept_invitation,
    find_invitation,
    hash_invitation_token,
    invitation_url,
    invite_member,
    invite_to_task_force_role,
    revoke_invitation,
)
from ally.tenancy.actions.members import (
    add_member,
    change_member_role,
    mark_victim_witness_coordinator,
    remove_member,
)
from ally.tenancy.actions.organizations import create_organization, update_organization
from ally.tenancy.actions.roles import grant_task_force_role, revoke_task_force_role
from ally.tenancy.actions.task_forces import (
    create_region,
    create_task_force,
    update_region,
    update_task_force,
)

__all__ = [
    "ORGANIZATION_FIELDS",
    "accept_invitation",
    "add_member",
    "mark_victim_witness_coordinator",
    "change_member_role",
    "create_organization",
    "create_region",
    "create_task_force",
    "find_invitation",
    "grant_task_force_role",
    "hash_invitation_token",
    "invitation_url",
    "invite_member",
    "invite_to_task_force_role",
    "remove_member",
    "revoke_invitation",
    "revoke_task_force_role",
    "update_organization",
    "update_region",
    "update_task_force",
]
