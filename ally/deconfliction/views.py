"""The deconfliction pages: my agencies' hits and operation conflicts, and one hit or conflict
from my side — my case, and whom to call on the other side (nothing else of theirs)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from ally.access import Permission, grants_for, require
from ally.core.errors import NotPermitted
from ally.core.http import AuthenticatedRequest
from ally.deconfliction import queries


@login_required
def deconfliction_list(request: AuthenticatedRequest) -> HttpResponse:
    require(request.user, Permission.VIEW_TASK_FORCE)
    if not grants_for(request.user).memberships:
        raise NotPermitted()
    return render(request, "deconfliction/deconfliction_list.html", {
        "hits": queries.hit_rows(request.user),
        "conflicts": queries.conflict_rows(request.user),
        "cap": queries.LIST_CAP,
    })


@login_required
def hit_detail(request: AuthenticatedRequest, hit_id: int) -> HttpResponse:
    page = queries.hit_page(request.user, hit_id)
    return render(request, "deconfliction/hit_detail.html", {"page": page})


@login_required
def conflict_detail(request: AuthenticatedRequest, conflict_id: int) -> HttpResponse:
    page = queries.conflict_page(request.user, conflict_id)
    return render(request, "deconfliction/conflict_detail.html", {"page": page})
