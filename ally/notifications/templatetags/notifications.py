from __future__ import annotations

from typing import Any

from django import template

from ally.notifications.queries import unread_count

register = template.Library()

_CACHE = "_ally_unread_notifications"


@register.simple_tag(takes_context=True)
def unread_notification_count(context: dict[str, Any]) -> int:
    """The signed-in person's unread notifications in their task force: one query a request,
    however many times a page asks."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or user is None or not user.is_authenticated:
        return 0
    count: int | None = getattr(request, _CACHE, None)
    if count is None:
        count = unread_count(user)
        setattr(request, _CACHE, count)
    return count
