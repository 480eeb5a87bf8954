"""The statute catalogue: the federal 18 U.S.C. 1581–1597 set and the task force's state
statutes. Every participant reads it; the coordinator adds and changes entries."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Status

from ally.access import Permission, grants_for, require
from ally.access.prosecutions import access_statute, visible_statutes
from ally.api.auth import acting_user
from ally.api.common import E400, E403, E404, E409, paginated
from ally.api.prosecutions.schemas import StatuteIn, StatuteOut, StatutePatch
from ally.core.errors import NotVisible
from ally.prosecutions import statutes
from ally.prosecutions.models import Statute
from ally.tenancy.models import TaskForce

router = Router(tags=["prosecutions"])


def _task_force(request: HttpRequest) -> TaskForce:
    user = acting_user(request)
    require(user, Permission.VIEW_TASK_FORCE)
    found = TaskForce.objects.filter(pk=grants_for(user).task_force_id or 0).first()
    if found is None:
        raise NotVisible()
    return found


@router.get("/statutes", response={200: list[StatuteOut], **E400, **E403, **E404})
@paginated
def list_statutes(request: HttpRequest, jurisdiction: str = "", category: str = "", active: bool = True) -> QuerySet[Statute]:
    """The catalogue (active statutes by default), by jurisdiction and citation."""
    task_force = _task_force(request)
    statutes.catalogue(task_force)  # loads the shipped catalogue the first time
    found = visible_statutes(acting_user(request))
    if jurisdiction:
        found = found.filter(jurisdiction=jurisdiction)
    if category:
        found = found.filter(category=category)
    return found.filter(is_active=True) if active else found


@router.post("/statutes", response={201: StatuteOut, **E400, **E403, **E404, **E409})
def add_statute(request: HttpRequest, payload: StatuteIn) -> Status[Statute]:
    """The coordinator adds a statute (a citation already there is 409)."""
    task_force = _task_force(request)
    return Status(201, statutes.add_statute(task_force, acting_user=acting_user(request), **payload.model_dump()))


@router.patch("/statutes/{int:statute_id}", response={200: StatuteOut, **E400, **E403, **E404})
def update_statute(request: HttpRequest, statute_id: int, payload: StatutePatch) -> Any:
    """The coordinator changes a statute's title or category, or retires it (no new charges)."""
    user = acting_user(request)
    statute = access_statute(user, statute_id, for_change=True)
    return statutes.update_statute(statute, acting_user=user, **payload.model_dump(exclude_unset=True))
