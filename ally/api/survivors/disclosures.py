"""Who has seen a survivor's information: the disclosure report, compelled disclosures, and the
tasks to tell the survivor about one."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Status

from ally.access.survivors import today_in
from ally.accounts.models import User
from ally.api.auth import acting_user
from ally.api.common import CHANGE, E403, E404, E409, one_visible, person, require_member
from ally.api.survivors.fetch import client_to_change
from ally.api.survivors.schemas.disclosures import (
    CompelledDisclosureIn,
    CompelledDisclosureOut,
    CompleteTaskIn,
    DisclosureReportOut,
    NotificationTaskOut,
)
from ally.core.errors import NotPermitted
from ally.survivors.disclosures import (
    complete_notification_task,
    disclosure_report,
    notification_tasks_for,
    record_compelled_disclosure,
    records_compelled,
)
from ally.survivors.models import CompelledDisclosure, NotifySurvivorTask

router = Router(tags=["survivors"])


@router.get(
    "/clients/{int:client_id}/disclosures",
    response={200: DisclosureReportOut, **E403, **E404},
)
def get_disclosure_report(
    request: HttpRequest, client_id: int, language: Literal["en", "es"] | None = None
) -> dict[str, Any]:
    """The survivor's answer to "who has seen my information?": every read through a share and
    every compelled disclosure, newest first, and the shares in force today (owner only).
    `language` sets the labels; by default the request's language."""
    user = acting_user(request)
    client = client_to_change(user, client_id)
    report = disclosure_report(user, client, language=language)
    return {
        "client_id": client.pk,
        "language": report.language,
        "time_zone": report.time_zone,
        "disclosures": [
            {
                "kind": row.kind,
                "organization": row.organization,
                "person": row.person,
                "field_groups": list(row.field_groups),
                "when": row.when,
                "basis": row.basis,
                "purpose": row.purpose,
                "consent_id": row.consent_id,
                "disclosed_on": row.disclosed_on,
            }
            for row in report.rows
        ],
        "shares_in_force": [
            {
                "organization": row.organization,
                "field_groups": list(row.field_groups),
                "purpose": row.purpose,
                "expires_on": row.expires_on,
                "consent_id": row.consent_id,
            }
            for row in report.shares
        ],
    }


def _disclosure_brief(disclosure: CompelledDisclosure) -> dict[str, Any]:
    return {
        name: getattr(disclosure, name)
        for name in (
            "id", "legal_basis", "citation", "field_groups", "recipient", "description",
            "disclosed_on",
        )
    }


def _task_out(task: NotifySurvivorTask, user: User, today: dt.date) -> dict[str, Any]:
    assigned = list(task.assigned_to.all())
    return {
        "id": task.pk,
        "client_id": task.client_id,
        "organization_id": task.organization_id,
        "compelled_disclosure": _disclosure_brief(task.compelled_disclosure),
        "due_on": task.due_on,
        "overdue": task.done_at is None and task.due_on < today,
        "assigned_to": [person(u) for u in assigned],
        "assigned_to_me": any(u.pk == user.pk for u in assigned),
        "done_at": task.done_at,
        "done_by": person(task.done_by) if task.done_by else None,
        "outcome": task.outcome,
    }


def _tasks(queryset: QuerySet[NotifySurvivorTask]) -> QuerySet[NotifySurvivorTask]:
    return queryset.select_related("compelled_disclosure", "done_by").prefetch_related("assigned_to")


@router.post(
    "/clients/{int:client_id}/compelled-disclosures",
    response={201: CompelledDisclosureOut, **CHANGE},
)
def record_compelled(
    request: HttpRequest, client_id: int, payload: CompelledDisclosureIn
) -> Status[dict[str, Any]]:
    """Record client data the law compelled the organization to disclose (administrators and
    supervisors of the client's organization). It goes to the disclosure log and creates a task
    for the client's advocates (or, if none, the administrators) to tell the survivor."""
    user = acting_user(request)
    client = client_to_change(user, client_id)
    if not records_compelled(user, client):
        raise NotPermitted()
    disclosure = record_compelled_disclosure(client, acting_user=user, **payload.model_dump())
    task = _tasks(disclosure.notify_tasks.all()).get()
    return Status(
        201,
        {
            **_disclosure_brief(disclosure),
            "client_id": client.pk,
            "recorded_at": disclosure.recorded_at,
            "notification_task": _task_out(task, user, today_in(client.task_force_id)),
        },
    )


def _my_tasks(user: User) -> QuerySet[NotifySurvivorTask]:
    """Tasks this person may see and complete (as the notification-task page shows them)."""
    return _tasks(notification_tasks_for(user))


@router.get("/notification-tasks", response={200: list[NotificationTaskOut], **E403, **E404})
def list_notification_tasks(
    request: HttpRequest, status: Literal["open", "done", "all"] = "open"
) -> list[dict[str, Any]]:
    """Tasks to tell a survivor about a compelled disclosure: those assigned to you and, for
    administrators and supervisors, every one of their organization's. Soonest due first."""
    user = acting_user(request)
    grants = require_member(user)
    tasks = _my_tasks(user)
    if status == "open":
        tasks = tasks.filter(done_at=None)
    elif status == "done":
        tasks = tasks.exclude(done_at=None)
    today = today_in(grants.task_force_id)
    return [_task_out(t, user, today) for t in tasks.order_by("due_on", "pk")]


@router.post(
    "/notification-tasks/{int:task_id}/complete",
    response={200: NotificationTaskOut, **CHANGE, **E409},
)
def complete_task(request: HttpRequest, task_id: int, payload: CompleteTaskIn) -> dict[str, Any]:
    """Close the task, saying how the notification went (or why it was not safe to tell)."""
    user = acting_user(request)
    task = one_visible(_my_tasks(user), task_id)
    done = complete_notification_task(task, outcome=payload.outcome, acting_user=user)
    task = _tasks(NotifySurvivorTask.objects.filter(pk=done.pk)).get()
    return _task_out(task, user, today_in(task.task_force_id))
