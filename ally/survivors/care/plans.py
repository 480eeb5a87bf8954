"""The survivor's needs and service plan: assessments, goals in her own words, planned services,
dated reviews. Only the owning organization changes these."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from ally.accounts.models import User
from ally.audit.events import EventType
from ally.core.errors import Conflict, InvalidInput
from ally.survivors import vocabularies
from ally.survivors.care._common import (
    _audit,
    _category,
    _check,
    _goal_of,
    _optional_date,
    _owned,
    _past_date,
    _provider,
    _text,
)
from ally.survivors.models import (
    Client,
    Goal,
    GoalStatus,
    NeedLevel,
    NeedsAssessment,
    PlannedService,
    PlanReview,
    PlanStatus,
    ServicePlan,
)
from ally.tenancy.models import Organization

GOAL_FIELDS = ("text", "priority", "status", "target_date")


def _active_plan(client: Client) -> ServicePlan:
    plan = ServicePlan.objects.select_for_update().filter(client=client, status=PlanStatus.ACTIVE).first()
    if plan is None:
        raise InvalidInput(_("This client has no active service plan. Start one first."))
    return plan


def assess_needs(
    client: Client, *, acting_user: User | None, assessed_on: dt.date, needs: list[dict[str, Any]]
) -> NeedsAssessment:
    """Record the survivor's needs on a day: a list of {domain, level, note}, one per domain."""
    _check(acting_user, client)
    _past_date(assessed_on, _("the assessment date"), client)
    if not isinstance(needs, list) or not needs:
        raise InvalidInput(_("Rate at least one need."))
    cleaned: list[dict[str, str]] = []
    for need in needs:
        if not isinstance(need, dict) or set(need) - {"domain", "level", "note"} or not isinstance(need.get("note", ""), str):
            raise InvalidInput(_("Each need has a domain, a level and an optional note (text)."))
        domain, level, note = need.get("domain", ""), need.get("level", ""), need.get("note", "")
        if not vocabularies.is_valid("need_domain", domain):
            raise InvalidInput(_("Choose each need's domain from the list."))
        if level not in NeedLevel.values:
            raise InvalidInput(_("A need's level is urgent, high, medium, low or met."))
        cleaned.append({"domain": domain, "level": level, "note": note.strip()})
    if len({n["domain"] for n in cleaned}) != len(cleaned):
        raise InvalidInput(_("Rate each need domain once."))
    with transaction.atomic():
        assessment = NeedsAssessment.objects.create(
            **_owned(client, acting_user), assessed_on=assessed_on, needs=cleaned, assessed_by=acting_user
        )
        _audit(EventType.NEEDS_ASSESSED, client, assessment, acting_user, fields=["assessed_on", "needs"])
    return assessment


def start_plan(client: Client, *, acting_user: User | None, started_on: dt.date) -> ServicePlan:
    """Start the survivor's service plan; refused while another plan is active."""
    _check(acting_user, client)
    _past_date(started_on, _("the start date"), client)
    with transaction.atomic():
        Client.objects.select_for_update().filter(pk=client.pk).first()
        if ServicePlan.objects.filter(client=client, status=PlanStatus.ACTIVE).exists():
            raise Conflict(_("This client already has an active service plan. Close it before starting another."))
        plan = ServicePlan.objects.create(**_owned(client, acting_user), started_on=started_on)
        _audit(EventType.PLAN_CREATED, client, plan, acting_user, fields=["started_on"])
    return plan


def close_plan(plan: ServicePlan, *, acting_user: User | None, closed_on: dt.date) -> ServicePlan:
    """Close the active plan (goals keep their status), so a new plan can be started."""
    client = plan.client
    _check(acting_user, client)
    _past_date(closed_on, _("the closing date"), client)
    if closed_on < plan.started_on:
        raise InvalidInput(_("A plan cannot close before it started."))
    with transaction.atomic():
        plan = ServicePlan.objects.select_for_update().get(pk=plan.pk)
        if plan.status == PlanStatus.CLOSED:
            return plan
        plan.status, plan.closed_on = PlanStatus.CLOSED, closed_on
        plan.save(update_fields=["status", "closed_on"])
        _audit(EventType.PLAN_CLOSED, client, plan, acting_user, fields=["status", "closed_on"])
    return plan


def _renumber(ordered: list[Goal]) -> None:
    """Give a plan's open goals the ranks 1..n in this order."""
    # The unique (plan, priority) index is checked row by row: park every goal out of the way
    # (new or reopened goals wait at 10000+), then set the final ranks.
    for rank, goal in enumerate(ordered, start=1):
        Goal.objects.filter(pk=goal.pk).update(priority=20000 + rank)
    for rank, goal in enumerate(ordered, start=1):
        goal.priority = rank
        Goal.objects.filter(pk=goal.pk).update(priority=rank)


def _open_goals(plan: ServicePlan) -> list[Goal]:
    return list(Goal.objects.filter(plan=plan, status=GoalStatus.OPEN).order_by("priority", "id"))


def _rank(priority: Any, highest: int) -> int:
    if not isinstance(priority, int) or isinstance(priority, bool) or not 1 <= priority <= highest:
        raise InvalidInput(_("Priority is a number from 1 to %(n)d.") % {"n": highest})
    return priority


def add_goal(
    client: Client, *, acting_user: User | None, text: str, priority: int | None = None,
    target_date: dt.date | None = None,
) -> Goal:
    """Add a goal to the active plan in the survivor's own words (only outer spaces trimmed), at
    the priority the survivor chose; later goals move down one. No priority: last."""
    _check(acting_user, client)
    words = _text(text, _("Write the goal in the survivor's own words."))
    _optional_date(target_date, _("the target date"))
    with transaction.atomic():
        plan = _active_plan(client)
        ordered = _open_goals(plan)
        rank = len(ordered) + 1 if priority is None else _rank(priority, len(ordered) + 1)
        goal = Goal.objects.create(
            **_owned(client, acting_user), plan=plan, text=words, priority=10000,
            target_date=target_date,
        )
        ordered.insert(rank - 1, goal)
        _renumber(ordered)
        _audit(EventType.GOAL_ADDED, client, goal, acting_user, fields=["text", "priority", "target_date"])
    return goal


def update_goal(goal: Goal, *, version: int, acting_user: User | None, **values: Any) -> Goal:
    """Change a goal's text, priority (others move to make room), status or target date;
    refused if someone else changed it since ``version`` was read."""
    client = goal.client
    _check(acting_user, client)
    unknown = sorted(set(values) - set(GOAL_FIELDS))
    if unknown:
        raise InvalidInput(_("Unknown fields: %(f)s") % {"f": ", ".join(unknown)})
    if "text" in values:
        values["text"] = _text(values["text"], _("Write the goal in the survivor's own words."))
    if "status" in values and values["status"] not in GoalStatus.values:
        raise InvalidInput(_("A goal is open, achieved, changed or dropped."))
    if "target_date" in values:
        _optional_date(values["target_date"], _("the target date"))
    with transaction.atomic():
        plan = ServicePlan.objects.select_for_update().get(pk=goal.plan_id)
        current = Goal.objects.select_for_update().get(pk=goal.pk)
        if current.version != version:
            raise Conflict(_("Someone else changed this goal since you opened it. Reload it, then make your change again."))
        if plan.status != PlanStatus.ACTIVE:
            raise InvalidInput(_("This plan is closed; its goals can no longer change."))
        changed = sorted(k for k, v in values.items() if getattr(current, k) != v)
        others = [g for g in _open_goals(plan) if g.pk != current.pk]
        reopened = current.status != GoalStatus.OPEN and values.get("status") == GoalStatus.OPEN
        stays_open = values.get("status", current.status) == GoalStatus.OPEN
        if not stays_open and "priority" in values:
            raise InvalidInput(_("Only open goals have a priority."))
        rank = len(others) + 1 if reopened else current.priority
        if "priority" in values:
            rank = _rank(values["priority"], len(others) + 1)
        for name in ("text", "status", "target_date"):
            if name in values:
                setattr(current, name, values[name])
        if reopened:
            current.priority = 10000
        current.version += 1
        current.save()
        if stays_open:
            others.insert(rank - 1, current)
        _renumber(others)
        current.refresh_from_db()
        if changed:
            _audit(EventType.GOAL_UPDATED, client, current, acting_user, fields=changed)
    return current


def plan_service(
    client: Client, *, acting_user: User | None, category: str, provider: Organization | None = None,
    frequency: str = "", notes: str = "", goal: Goal | None = None,
) -> PlannedService:
    """Add a service to the active plan, from any organization of the task force (or none yet)."""
    _check(acting_user, client)
    _category(category)
    if provider is not None:
        _provider(client, provider)
    _goal_of(client, goal)
    if not isinstance(frequency, str) or len(frequency.strip()) > 100:
        raise InvalidInput(_("Say how often in at most 100 characters."))
    with transaction.atomic():
        plan = _active_plan(client)
        if goal is not None and goal.plan_id != plan.pk:
            raise InvalidInput(_("Link a goal of the active plan."))
        planned = PlannedService.objects.create(
            **_owned(client, acting_user), plan=plan, category=category, provider=provider,
            frequency=frequency.strip(), notes=notes.strip(), goal=goal,
        )
        fields = ["category", "provider", "frequency", "notes", "goal"]
        _audit(EventType.SERVICE_PLANNED, client, planned, acting_user, fields=fields)
    return planned


def review_plan(
    client: Client, *, acting_user: User | None, reviewed_on: dt.date, summary: str,
    next_review_on: dt.date | None = None,
) -> PlanReview:
    """Record a dated review of the active plan with the survivor, and when the next is due."""
    _check(acting_user, client)
    _past_date(reviewed_on, _("the review date"), client)
    words = _text(summary, _("Summarize the review."))
    next_on = _optional_date(next_review_on, _("the next review date"))
    if next_on is not None and next_on <= reviewed_on:
        raise InvalidInput(_("The next review comes after this one."))
    with transaction.atomic():
        plan = _active_plan(client)
        if reviewed_on < plan.started_on:
            raise InvalidInput(_("A review cannot come before the plan started."))
        review = PlanReview.objects.create(
            **_owned(client, acting_user), plan=plan, reviewed_on=reviewed_on, summary=words,
            next_review_on=next_review_on, reviewed_by=acting_user,
        )
        fields = ["reviewed_on", "summary", "next_review_on"]
        _audit(EventType.PLAN_REVIEWED, client, review, acting_user, fields=fields)
    return review
