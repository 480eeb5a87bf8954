from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ally.survivors import vocabularies

register = template.Library()


@register.filter
def updated_ago(moment: dt.datetime | None) -> str:
    """How long ago capacity was stated: "updated today", "updated 3 days ago"."""
    if moment is None:
        return ""
    days = (timezone.now() - moment).days
    if days <= 0:
        return _("updated today")
    return ngettext("updated %(days)d day ago", "updated %(days)d days ago", days) % {"days": days}


@register.filter
def dollars(amount: Decimal | None) -> str:
    """An exact amount as $1,234.50."""
    if amount is None:
        return "—"
    sign = "−" if amount < 0 else ""
    return f"{sign}${abs(amount):,.2f}"


@register.filter
def unit_label(value: str) -> str:
    """A service unit's label: {{ line.unit|unit_label }}."""
    from ally.survivors.models import ServiceUnit

    return str(ServiceUnit(value).label).lower() if value in ServiceUnit.values else value


@register.filter
def labels(values: list[str], vocabulary_id: str) -> str:
    """Vocabulary values as their labels, joined: {{ profile.services|labels:"service_category" }}."""
    return ", ".join(
        vocabularies.label(vocabulary_id, v) if vocabularies.is_valid(vocabulary_id, v) else v for v in values
    )
