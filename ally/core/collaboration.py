"""The task force's own work in one place, and the coordinator home.

Every colleague finds here what is theirs to do (meetings coming, action items they own,
protocols their organization or role must acknowledge) and the ways into the task force's shared
records. The coordinator and the co-leads also see what needs leadership: overdue action items,
who has not acknowledged the current protocols, agreements up for renewal and organizations
without one, referrals waiting past their target (counted, never opened), the meetings ahead and
the funder reports coming due. Each list comes from its own compartment's query, which applies
that compartment's access rules (a case review never shows to people not on its list).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from ally.access.governance import is_leadership, require_colleague
from ally.access.outreach import reads_assessments
from ally.access.policy import grants_for, visible_to
from ally.access.survivors import today_in
from ally.core.fiscal import reports_due
from ally.core.http import AuthenticatedRequest
from ally.meetings.queries import my_open_action_items, overdue_action_items, upcoming_meetings
from ally.outreach.queries import open_feedback
from ally.protocols.queries import (
    expiring_agreements,
    organizations_without_agreement,
    outstanding_acknowledgements,
    to_acknowledge,
)
from ally.referrals.escalation import waiting
from ally.tenancy.models import TaskForce

LIST_LIMIT = 10  # rows shown per list before "and N more"
AGREEMENTS_AHEAD_DAYS = 90
REPORTS_AHEAD_DAYS = 45
MEETINGS_AHEAD_DAYS = 30
ACTION_ITEMS_SOON = dt.timedelta(days=3)  # the home page lists one's items due this soon


@login_required
def collaboration_home(request: AuthenticatedRequest) -> HttpResponse:
    grants = require_colleague(request.user)
    task_force = visible_to(request.user, TaskForce).get()
    today = today_in(task_force.pk)
    context: dict[str, object] = {
        "task_force": task_force,
        "today": today,
        "upcoming": list(upcoming_meetings(request.user, days=MEETINGS_AHEAD_DAYS)[:LIST_LIMIT]),
        "my_items": list(my_open_action_items(request.user)[:LIST_LIMIT]),
        "to_acknowledge": to_acknowledge(request.user),
        "leadership": is_leadership(grants),
        "is_coordinator": grants.is_coordinator,
        "reads_threats": reads_assessments(grants),
    }
    if is_leadership(grants):
        overdue = overdue_action_items(request.user)
        outstanding = outstanding_acknowledgements(task_force)
        referrals_late = (
            waiting()
            .filter(task_force=task_force, ack_due_at__lt=timezone.now())
            .values("to_organization__name", "to_region__name")
            .annotate(n=Count("id"))
            .order_by("-n", "to_organization__name", "to_region__name")
        )
        late_rows = list(referrals_late)
        context.update(
            overdue_items=list(overdue[:LIST_LIMIT]),
            overdue_count=overdue.count(),
            outstanding=outstanding,
            outstanding_count=sum(len(row.missing) for row in outstanding),
            expiring=list(expiring_agreements(task_force, today, within_days=AGREEMENTS_AHEAD_DAYS)),
            without_agreement=list(organizations_without_agreement(task_force, today)),
            referrals_late=late_rows,
            referrals_late_count=sum(row["n"] for row in late_rows),
            reports=reports_due(today, within_days=REPORTS_AHEAD_DAYS),
            feedback_waiting=(
                list(open_feedback(task_force, today=today)) if grants.is_coordinator else []
            ),
        )
    return render(request, "core/collaboration.html", context)


def attention(user: object) -> list[dict[str, object]]:
    """For the home page: what of the task force's own work is this person's to do now (counts
    only; the collaboration page has the lists)."""
    grants = grants_for(user)
    if not grants.is_colleague:
        return []
    items: list[dict[str, object]] = []
    today = today_in(grants.task_force_id or 0)
    acknowledge = len(to_acknowledge(user))
    if acknowledge:
        items.append({"kind": "protocols_to_acknowledge", "count": acknowledge})
    due = my_open_action_items(user).filter(due_on__lte=today + ACTION_ITEMS_SOON).count()
    if due:
        items.append({"kind": "action_items_due", "count": due})
    if is_leadership(grants):
        overdue = overdue_action_items(user).count()
        task_force = visible_to(user, TaskForce).get()
        outstanding = sum(len(row.missing) for row in outstanding_acknowledgements(task_force))
        if overdue or outstanding:
            items.append({"kind": "coordination", "overdue": overdue, "outstanding": outstanding})
    return items
