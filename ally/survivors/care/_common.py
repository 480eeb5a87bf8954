"""Checks and bookkeeping shared by the care actions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from ally.access.survivors import access_client, today_in
from ally.accounts.models import User
from ally.audit.chain import record
from ally.audit.events import EventType
from ally.core.errors import InvalidInput
from ally.survivors import vocabularies
from ally.survivors.models import Client, Goal
from ally.tenancy.models import Organization


def _check(acting_user: User | None, client: Client) -> None:
    if acting_user is not None:
        access_client(acting_user, client.pk, for_change=True)


def _owned(client: Client, acting_user: User | None) -> dict[str, Any]:
    tenancy = {"task_force_id": client.task_force_id, "organization_id": client.organization_id}
    return {**tenancy, "client": client, "created_by": acting_user}


def _audit(event: EventType, client: Client, target: Any, acting_user: User | None, **changes: Any) -> None:
    organization = client.organization
    record(event, actor=acting_user, task_force=organization.task_force, organization=organization,
           target=target, changes={"client": client.pk, **changes})


def _optional_date(value: Any, label: str) -> dt.date | None:
    if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
        raise InvalidInput(_("Enter %(label)s as a date.") % {"label": label})
    return value


def _past_date(value: Any, label: str, client: Client) -> dt.date:
    day = _optional_date(value, label)
    if day is None or day > today_in(client.task_force_id):
        raise InvalidInput(_("%(label)s is a date, not in the future.") % {"label": label.capitalize()})
    return day


def _amount(value: Any, label: str, max_digits: int) -> Decimal:
    if not isinstance(value, Decimal) or not value.is_finite():
        raise InvalidInput(_("Enter %(label)s as a number.") % {"label": label})
    if value < 0:
        raise InvalidInput(_("%(label)s cannot be negative.") % {"label": label.capitalize()})
    if value != value.quantize(Decimal("0.01")) or value >= Decimal(10) ** (max_digits - 2):
        raise InvalidInput(_("%(label)s: at most two decimal places, and not that large.") % {"label": label.capitalize()})
    return value


def _category(value: str) -> None:
    if not vocabularies.is_valid("service_category", value):
        raise InvalidInput(_("Choose a service category from the list."))


def _text(value: str, message: str) -> str:
    cleaned = value.strip() if isinstance(value, str) else ""
    if not cleaned:
        raise InvalidInput(message)
    return cleaned


def _goal_of(client: Client, goal: Goal | None) -> None:
    if goal is not None and goal.client_id != client.pk:
        raise InvalidInput(_("Link a goal from this client's own plan."))


def _provider(client: Client, provider: Organization | None) -> Organization:
    provider = provider or client.organization
    if provider.task_force_id != client.task_force_id or not provider.is_active:
        raise InvalidInput(_("The provider is an organization of this task force."))
    return provider
