from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def get(mapping: Any, key: Any) -> Any:
    """{{ table|get:"" }}: a mapping's value by a key the template language cannot spell."""
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def hours(value: float | None) -> str:
    """A duration in hours, as people say it: 40 minutes, 5.5 hours, 3 days."""
    if value is None:
        return "—"
    if value < 1:
        minutes = round(value * 60)
        return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
    if value < 48:
        return _("%(n)s hours") % {"n": f"{value:.1f}".rstrip("0").rstrip(".")}
    days = round(value / 24, 1)
    return _("%(n)s days") % {"n": f"{days:.1f}".rstrip("0").rstrip(".")}
