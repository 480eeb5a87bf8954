"""THE access policy: the only place that decides who may see or do what.

Views, the API, the CLI and actions ask here; nothing else looks objects up by id.
"""

from ally.access.network import access_provider, visible_providers
from ally.access.policy import (
    Grants,
    Permission,
    access_api_token,
    access_invitation,
    access_membership,
    access_organization,
    access_region,
    access_task_force_role,
    can,
    grants_for,
    require,
    visible_to,
)
from ally.access.survivors import ClientAccess, access_client

__all__ = [
    "ClientAccess",
    "access_client",
    "access_provider",
    "visible_providers",
    "Grants",
    "Permission",
    "access_api_token",
    "access_invitation",
    "access_membership",
    "access_organization",
    "access_region",
    "access_task_force_role",
    "can",
    "grants_for",
    "require",
    "visible_to",
]
