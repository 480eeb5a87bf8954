"""The task-force home ("what needs my attention") and the health check."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ally.access import Permission, can, grants_for, visible_to
from ally.accounts.actions import task_forces_of
from ally.accounts.middleware import has_mfa
from ally.core.collaboration import attention as collaboration_attention
from ally.core.http import AuthenticatedRequest
from ally.tenancy.models import Invitation, Membership, Organization, TaskForce, TaskForceRole
from ally.tenancy.vocab import Discipline


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok", "vendor": connection.vendor})


@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    grants = grants_for(request.user)
    context: dict[str, object] = {
        "task_forces": task_forces_of(request.user),
        "has_mfa": has_mfa(request.user),
    }
    if not grants.is_participant:
        return render(request, "core/home_outsider.html", context)
    task_force = visible_to(request.user, TaskForce).get()
    organizations = visible_to(request.user, Organization)
    context.update(
        task_force=task_force,
        organization_count=organizations.count(),
        by_discipline=[
            {**row, "label": Discipline(row["discipline"]).label}
            for row in organizations.values("discipline").annotate(n=Count("id")).order_by("-n")
        ],
        my_memberships=Membership.objects.filter(
            user=request.user, task_force=task_force, is_active=True
        ).select_related("organization"),
        my_roles=TaskForceRole.objects.filter(user=request.user, task_force=task_force),
    )
    attention: list[dict[str, object]] = []
    if can(request.user, Permission.MANAGE_MEMBERS):
        now = timezone.now()
        invitations = visible_to(request.user, Invitation).filter(
            accepted_at=None, revoked_at=None
        )
        expired = invitations.filter(expires_at__lte=now).count()
        pending = invitations.filter(expires_at__gt=now).count()
        if pending:
            attention.append({"kind": "pending_invitations", "count": pending})
        if expired:
            attention.append({"kind": "expired_invitations", "count": expired})
        if grants.is_coordinator:
            without_admin = organizations.exclude(
                memberships__role="org_admin", memberships__is_active=True
            ).count()
            if without_admin:
                attention.append({"kind": "organizations_without_admin", "count": without_admin})
    from ally.investigations.queries import attention as casework_attention

    attention += casework_attention(request.user)
    attention += collaboration_attention(request.user)
    if not context["has_mfa"]:
        attention.append({"kind": "no_mfa", "count": 1})
    context["attention"] = attention
    return render(request, "core/home.html", context)
