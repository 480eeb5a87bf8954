"""Checks shared by the provider-network actions."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from ally.access.network import access_provider, is_provider
from ally.accounts.models import User
from ally.core.errors import InvalidInput, NotPermitted
from ally.tenancy.models import Organization


def check(acting_user: User | None, provider: Organization, rule: Callable[[Any, Organization], bool]) -> None:
    """404 when the person cannot see the provider, 403 when ``rule`` does not let them act on
    it. The system (``acting_user=None``: the command line, the demo) may act."""
    if acting_user is None:
        return
    access_provider(acting_user, provider.pk)
    if not rule(acting_user, provider):
        raise NotPermitted()


def check_provider(provider: Organization) -> None:
    if not is_provider(provider):
        raise InvalidInput(_("Only active service-providing organizations are in the provider network."))


def date_value(value: Any, label: str) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise InvalidInput(_("Enter %(label)s as a date.") % {"label": label})
    return value


def text_value(value: Any, label: str, limit: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidInput(_("%(label)s is text.") % {"label": label})
    cleaned = value.strip()
    if len(cleaned) > limit:
        raise InvalidInput(_("%(label)s: at most %(limit)d characters.") % {"label": label, "limit": limit})
    return cleaned


def money(value: Any, label: str) -> Decimal:
    """An amount in dollars and cents: not negative, at most two decimal places."""
    if isinstance(value, (int, str)) and not isinstance(value, bool):
        with contextlib.suppress(ArithmeticError):
            value = Decimal(value)
    if not isinstance(value, Decimal) or not value.is_finite():
        raise InvalidInput(_("Enter %(label)s as an amount in dollars and cents.") % {"label": label})
    if value < 0:
        raise InvalidInput(_("%(label)s cannot be negative.") % {"label": label.capitalize()})
    if value != value.quantize(Decimal("0.01")) or value >= Decimal(10) ** 10:
        raise InvalidInput(_("%(label)s: at most two decimal places, and not that large.") % {"label": label.capitalize()})
    return value.quantize(Decimal("0.01"))
