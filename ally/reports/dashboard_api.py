"""The dashboards as JSON: the whole dashboard or one section, over one federal fiscal year.

Aggregates only, small cells suppressed as on the page; every participant of the token's task
force may read them (404 outside it)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from ally.access.reports import require_aggregate_reader
from ally.access.survivors import today_in
from ally.api.auth import acting_user
from ally.api.common import E400, E404
from ally.core.errors import NotVisible
from ally.reports.dashboards import SECTIONS, build_dashboard, parse_period
from ally.tenancy.models import TaskForce

router = Router(tags=["dashboards"])


def _task_force(request: HttpRequest) -> TaskForce:
    grants = require_aggregate_reader(acting_user(request))
    return TaskForce.objects.get(pk=grants.task_force_id or 0)


@router.get("/dashboard", response={200: dict[str, Any], **E400, **E404})
def get_dashboard(request: HttpRequest, period: str = "") -> dict[str, Any]:
    """Every dashboard section over ``period``: a federal fiscal year, "FY2026" (400 for anything
    else); by default the fiscal year of the last complete quarter."""
    task_force = _task_force(request)
    return build_dashboard(task_force, parse_period(period, today_in(task_force.pk))).as_dict()


@router.get("/dashboards/{section}", response={200: dict[str, Any], **E400, **E404})
def get_dashboard_section(request: HttpRequest, section: str, period: str = "") -> dict[str, Any]:
    """One dashboard section over ``period`` (a fiscal year, "FY2026", as for the whole dashboard):
    survivors, services, referrals, investigations, labor_sex, victims_arrested, regions or
    training (404 for any other name)."""
    task_force = _task_force(request)
    if section not in SECTIONS:
        raise NotVisible()
    board = build_dashboard(task_force, parse_period(period, today_in(task_force.pk)), sections=[section])
    data = board.as_dict()
    data["section"] = data.pop("sections")[0]
    return data
