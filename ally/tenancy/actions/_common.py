"""Helpers shared by the tenancy actions."""


from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils.translation import gettext as _

from ally.access.policy import Permission, require
from ally.accounts.models import User
from ally.core.errors import InvalidInput
from ally.tenancy.models import (
    Region,
    TaskForce,
)
from ally.tenancy.vocab import (
    US_STATES,
)

ORGANIZATION_FIELDS = (
    "name",
    "discipline",
    "agency_type",
    "jurisdiction",
    "street",
    "city",
    "state",
    "zip_code",
    "phone",
    "email",
    "website",
    "confidential_address",
)

# What an organization is (and so what it may later see): only the coordinator changes these.
CLASSIFICATION_FIELDS = ("name", "discipline", "agency_type", "jurisdiction")


def _snapshot(obj: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    return {field: getattr(obj, field) for field in fields}


def _require_system_or(
    acting_user: User | None,
    permission: Permission,
    org: Any = None,
    *,
    task_force: TaskForce | None = None,
) -> None:
    """Check the policy for a person; the system (command line, demo) may do anything."""
    if acting_user is not None:
        require(acting_user, permission, org, task_force=task_force)


def _check_choice(value: str, choices: type[Any], label: str) -> None:
    if value not in choices.values:
        raise InvalidInput(_("%(label)s must be one of: %(choices)s")
                           % {"label": label, "choices": ", ".join(choices.values)})


def _clean_states(states: list[str]) -> list[str]:
    cleaned = [s.strip().upper() for s in states if s.strip()]
    unknown = [s for s in cleaned if s not in US_STATES]
    if unknown:
        raise InvalidInput(_("Unknown state code: %(codes)s") % {"codes": ", ".join(unknown)})
    if not cleaned:
        raise InvalidInput(_("A task force covers at least one state."))
    return sorted(set(cleaned))


def _clean_time_zone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(_("Unknown time zone: %(name)s") % {"name": name}) from None
    return name

def _check_regions(task_force: TaskForce, regions: list[Region]) -> None:
    if any(region.task_force_id != task_force.pk for region in regions):
        raise InvalidInput(_("Regions must belong to this task force."))
