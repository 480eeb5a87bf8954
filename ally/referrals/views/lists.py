"""The referral lists: incoming, outgoing, the navigator's queue, and the overdue list."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from ally.access import Permission, grants_for, require
from ally.access.referrals import visible_referrals
from ally.core.errors import NotPermitted
from ally.core.http import AuthenticatedRequest
from ally.referrals import timeliness
from ally.referrals.escalation import waiting
from ally.referrals.models import OPEN_STATUSES, DeclineReason

BOXES = ("incoming", "outgoing", "queue")


@login_required
def referral_list(request: AuthenticatedRequest) -> HttpResponse:
    require(request.user, Permission.VIEW_TASK_FORCE)
    grants = grants_for(request.user)
    if not grants.memberships and not grants.navigator_region_ids:
        raise NotPermitted()
    box = request.GET.get("box") or ("queue" if grants.navigator_region_ids and not grants.memberships else "incoming")
    if box not in BOXES:
        box = "incoming"
    show = request.GET.get("show", "open")
    referrals = visible_referrals(request.user).select_related("from_organization", "to_organization", "to_region")
    if box == "incoming":
        referrals = referrals.filter(to_organization_id__in=grants.organization_ids())
    elif box == "outgoing":
        referrals = referrals.filter(from_organization_id__in=grants.organization_ids())
    else:
        referrals = referrals.filter(to_region_id__in=grants.navigator_region_ids)
    if show == "open":
        referrals = referrals.filter(status__in=OPEN_STATUSES)
    return render(request, "referrals/referral_list.html", {
        "page": Paginator(referrals.order_by("-sent_at", "-id"), 50).get_page(request.GET.get("page")),
        "box": box, "show": show, "now": timezone.now(),
        "has_queue": bool(grants.navigator_region_ids), "has_boxes": bool(grants.memberships),
    })


def may_see_overdue(user: object) -> bool:
    grants = grants_for(user)
    return grants.is_coordinator or grants.is_co_lead or bool(grants.navigator_region_ids)


@login_required
def referral_overdue(request: AuthenticatedRequest) -> HttpResponse:
    """Referrals past their acknowledgement target, by number and organizations only: for the
    coordinator, the co-leads and the navigators, who chase them without reading them."""
    require(request.user, Permission.VIEW_TASK_FORCE)
    if not may_see_overdue(request.user):
        raise NotPermitted()
    grants = grants_for(request.user)
    now = timezone.now()
    overdue = waiting().filter(task_force_id=grants.task_force_id, ack_due_at__lt=now)
    if not (grants.is_coordinator or grants.is_co_lead):
        regions = grants.navigator_region_ids
        overdue = overdue.filter(Q(to_region_id__in=regions) | Q(to_organization__regions_served__in=regions)).distinct()
    rows = overdue.select_related("from_organization", "to_organization", "to_region").order_by("ack_due_at")
    return render(request, "referrals/referral_overdue.html", {"referrals": rows[:500], "now": now})



@login_required
def referral_timeliness(request: AuthenticatedRequest) -> HttpResponse:
    """Timeliness as aggregates: for the coordinator and the co-leads."""
    require(request.user, Permission.VIEW_TASK_FORCE)
    grants = grants_for(request.user)
    if not (grants.is_coordinator or grants.is_co_lead):
        raise NotPermitted()
    days = 365 if request.GET.get("days") == "365" else 90
    table = timeliness.figures(grants.task_force_id or 0, timezone.now() - dt.timedelta(days=days))
    longest = max((row.median_ack or 0 for rows in table.values() for row in rows.values()), default=0) or 1
    return render(request, "referrals/referral_timeliness.html", {
        "table": table, "days": days, "longest": longest, "reasons": dict(DeclineReason.choices),
    })
