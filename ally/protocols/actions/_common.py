"""Checks shared by the protocol and agreement actions."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.utils.translation import gettext as _

from ally.access.governance import require_leadership
from ally.accounts.models import User
from ally.core.errors import InvalidInput, NotVisible
from ally.tenancy.models import TaskForce


def check_leadership(acting_user: User | None, task_force: TaskForce) -> None:
    """The coordinator or a co-lead of this task force; the system (None) may act."""
    if acting_user is None:
        return
    grants = require_leadership(acting_user)
    if grants.task_force_id != task_force.pk:
        raise NotVisible()


def date_value(value: Any, label: str) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise InvalidInput(_("Enter %(label)s as a date.") % {"label": label})
    return value


def optional_date(value: Any, label: str) -> dt.date | None:
    return None if value is None else date_value(value, label)


def text_value(value: Any, label: str, limit: int, *, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InvalidInput(_("%(label)s is text.") % {"label": label})
    cleaned = value.strip()
    if required and not cleaned:
        raise InvalidInput(_("%(label)s is required.") % {"label": label})
    if len(cleaned) > limit:
        raise InvalidInput(_("%(label)s: at most %(limit)d characters.") % {"label": label, "limit": limit})
    return cleaned


_UNSAFE = re.compile(r"@|\d{3}\D{0,2}\d{3}\D?\d{4}")


def shown_name(name: str, fallback: str) -> str:
    """A title for a notification: the record's name, unless it looks like it carries an email
    address or a phone number (which notification titles refuse) — then ``fallback``."""
    return fallback if _UNSAFE.search(name) or "\n" in name else name
