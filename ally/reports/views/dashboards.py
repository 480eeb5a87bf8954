"""The task force's dashboards page: a period selector, then one section per dashboard, each a
chart with the same numbers in a table. Every participant may read it (aggregates only)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from ally.access.reports import require_aggregate_reader
from ally.access.survivors import today_in
from ally.core.errors import InvalidInput
from ally.core.http import AuthenticatedRequest
from ally.reports.dashboards import build_dashboard, parse_period, period_choices
from ally.tenancy.models import TaskForce


@login_required
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    grants = require_aggregate_reader(request.user)
    task_force = TaskForce.objects.get(pk=grants.task_force_id or 0)
    today = today_in(task_force.pk)
    error = ""
    try:
        period = parse_period(request.GET.get("period"), today)
    except InvalidInput as refusal:
        error = str(refusal)
        period = parse_period(None, today)
    board = build_dashboard(task_force, period)
    return render(
        request,
        "reports/dashboard.html",
        {"board": board, "choices": period_choices(today), "period": period, "error": error},
        status=400 if error else 200,
    )
