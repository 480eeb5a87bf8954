"""The audit viewer: org admins see their organization's events, coordinators governance events."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from ally.access import Permission, can, require, visible_to
from ally.audit.events import EventType
from ally.audit.models import AuditEvent
from ally.core.errors import NotPermitted
from ally.core.http import AuthenticatedRequest


@login_required
def audit_log(request: AuthenticatedRequest) -> HttpResponse:
    require(request.user, Permission.VIEW_TASK_FORCE)
    if not (
        can(request.user, Permission.VIEW_ORGANIZATION_AUDIT)
        or can(request.user, Permission.VIEW_GOVERNANCE_AUDIT)
    ):
        raise NotPermitted()
    events = visible_to(request.user, AuditEvent).select_related("actor", "organization")
    event_type = request.GET.get("type", "")
    if event_type in EventType.values:
        events = events.filter(event_type=event_type)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/audit_log.html",
        {"page": page, "event_types": EventType.choices, "event_type": event_type},
    )
