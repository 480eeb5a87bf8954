"""The demo's law-enforcement and prosecution side: three fiscal years of tips, investigations
(some joint, with their dissemination log), subjects with their identifiers in the
deconfliction index and the hits found between agencies, identified victims (a few linked to
clients through consented shares), arrests (of subjects, and of some victims, with the stated
reason), operations with their conflicts and heads-ups, and prosecutions whose funnel follows
the evaluation's published rates (DOMAIN.md §1).

History is bulk-loaded after being checked against the actions' rules (the actions stamp the
present); each organization gets one summary audit event per kind of change. What happens near
"now" goes through the actions (ally.demo.investigations.live) so notifications exist.

Part 23: every record is due for review five years after it was opened (or last validated); a
few were validated on an early review. None can be due for purging within three years of
history, so the demo has no purged record and no review reminder yet.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from ally.accounts.models import User
from ally.deconfliction.models import Hit, OperationConflict
from ally.demo.investigations.cases import load_investigations, plan_investigations
from ally.demo.investigations.context import Context, Progress
from ally.demo.investigations.court import load_prosecutions
from ally.demo.investigations.live import run_live
from ally.demo.investigations.operations import load_operations
from ally.demo.investigations.tips import load_tips
from ally.demo.planner import TaskForcePlan
from ally.investigations.models import (
    Arrest,
    HeadsUp,
    IdentifiedVictim,
    Identifier,
    Investigation,
    Operation,
    Subject,
    Tip,
)
from ally.prosecutions.models import Charge, CourtEvent, ProsecutionCase, ProsecutionReferral
from ally.prosecutions.statutes import load_catalogue
from ally.tenancy.models import Organization, TaskForce

__all__ = ["build_investigations", "investigation_summary"]


def build_investigations(
    task_force: TaskForce,
    tf_plan: TaskForcePlan,
    *,
    scale: str,
    seed: int,
    organizations: dict[str, Organization],
    users: dict[str, User],
    report: Progress,
    now: dt.datetime | None = None,
) -> int:
    """Create the investigations and prosecutions of one demo task force (inside its
    transaction); returns how many investigations it has."""
    from django.utils import timezone

    ctx = Context(task_force, tf_plan, scale=scale, seed=seed, organizations=organizations, users=users,
                  now=now or timezone.now())  # fmt: skip
    if not ctx.agencies:
        return 0
    label = f"{tf_plan.slug}: investigations"
    steps = 6
    load_catalogue(task_force)
    plans = plan_investigations(ctx)
    report(label, 1, steps)
    load_investigations(ctx, plans)
    report(label, 2, steps)
    load_tips(ctx, plans)
    report(label, 3, steps)
    load_prosecutions(ctx, plans)
    report(label, 4, steps)
    load_operations(ctx, plans)
    ctx.flush_audit()
    report(label, 5, steps)
    run_live(ctx, plans)
    report(label, 6, steps)
    return Investigation.objects.filter(task_force=task_force).count()


def investigation_summary(task_force: TaskForce) -> dict[str, Any]:
    """Counts of a task force's law-enforcement and prosecution records, without identifiers."""
    investigations = Investigation.objects.filter(task_force=task_force)
    return {
        "tips": Tip.objects.filter(task_force=task_force).count(),
        "tips_status": dict(sorted(Counter(Tip.objects.filter(task_force=task_force).values_list("status", flat=True)).items())),
        "investigations": investigations.count(),
        "type": dict(sorted(Counter(investigations.values_list("trafficking_type", flat=True)).items())),
        "status": dict(sorted(Counter(investigations.values_list("status", flat=True)).items())),
        "subjects": Subject.objects.filter(investigation__task_force=task_force).count(),
        "identifiers": Identifier.objects.filter(task_force=task_force).count(),
        "hits": Hit.objects.filter(task_force=task_force).count(),
        "victims": IdentifiedVictim.objects.filter(investigation__task_force=task_force).count(),
        "linked_victims": IdentifiedVictim.objects.filter(investigation__task_force=task_force, client__isnull=False).count(),
        "arrests": Arrest.objects.filter(investigation__task_force=task_force, subject__isnull=False).count(),
        "victim_arrests": Arrest.objects.filter(investigation__task_force=task_force, victim__isnull=False).count(),
        "operations": Operation.objects.filter(task_force=task_force).count(),
        "conflicts": OperationConflict.objects.filter(task_force=task_force).count(),
        "heads_ups": HeadsUp.objects.filter(task_force=task_force).count(),
        "referrals": dict(sorted(Counter(ProsecutionReferral.objects.filter(task_force=task_force).values_list("status", flat=True)).items())),
        "cases": ProsecutionCase.objects.filter(task_force=task_force).count(),
        "charges": Charge.objects.filter(defendant__case__task_force=task_force).count(),
        "court_events": CourtEvent.objects.filter(case__task_force=task_force).count(),
    }  # fmt: skip
