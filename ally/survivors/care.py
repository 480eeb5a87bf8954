"""Changes to a client's care record: needs, the survivor's plan, services delivered, case notes.

Only the owning organization changes these (``access_client(..., for_change=True)``). Nothing here
looks at consent: consent is never a condition of service. Audit events name fields, never values.
Service corrections: a delivered service is never edited. ``correct_service`` soft-deletes the
original with the reason and, when corrected values are given, records a new row naming it in
``corrects``; reimbursement claims already made from the original stay traceable.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ally.access.survivors import access_client, today_in
from ally.accounts.models import User
from ally.audit.chain import record
from ally.audit.events import EventType
from ally.core.errors import Conflict, InvalidInput
from ally.survivors import vocabularies
from ally.survivors.models import (
    CaseNote,
    Client,
    Goal,
    GoalStatus,
    NeedLevel,
    NeedsAssessment,
    PlannedService,
    PlanReview,
    PlanStatus,
    ServiceDelivery,
    ServicePlan,
    ServiceUnit,
)
from ally.tenancy.models import Membership, Organization

SERVICE_FIELDS = ("category", "delivered_on", "units", "unit", "provider", "staff", "cost", "outcome", "goal")
GOAL_FIELDS = ("text", "priority", "status", "target_date")


def _check(acting_user: User | None, client: Client) -> None:
    if acting_user is not None:
        access_client(acting_user, client.pk, for_change=True)


def _owned(client: Client, acting_user: User | None) -> dict[str, Any]:
    tenancy = {"task_force_id": client.task_force_id, "organization_id": client.organization_id}
    return {**tenancy, "client": client, "created_by": acting_user}


def _audit(event: EventType, client: Client, target: Any, acting_user: User | None, **changes: Any) -> None:
    organization = client.organization
    record(event, actor=acting_user, task_force=organization.task_force, organization=organization,
           target=target, changes={"client": client.pk, **changes})


def _optional_date(value: Any, label: str) -> dt.date | None:
    if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
        raise InvalidInput(_("Enter %(label)s as a date.") % {"label": label})
    return value


def _past_date(value: Any, label: str, client: Client) -> dt.date:
    day = _optional_date(value, label)
    if day is None or day > today_in(client.task_force_id):
        raise InvalidInput(_("%(label)s is a date, not in the future.") % {"label": label.capitalize()})
    return day


def _amount(value: Any, label: str, max_digits: int) -> Decimal:
    if not isinstance(value, Decimal) or not value.is_finite():
        raise InvalidInput(_("Enter %(label)s as a number.") % {"label": label})
    if value < 0:
        raise InvalidInput(_("%(label)s cannot be negative.") % {"label": label.capitalize()})
    if value != value.quantize(Decimal("0.01")) or value >= Decimal(10) ** (max_digits - 2):
        raise InvalidInput(_("%(label)s: at most two decimal places, and not that large.") % {"label": label.capitalize()})
    return value


def _category(value: str) -> None:
    if not vocabularies.is_valid("service_category", value):
        raise InvalidInput(_("Choose a service category from the list."))


def _text(value: str, message: str) -> str:
    cleaned = value.strip() if isinstance(value, str) else ""
    if not cleaned:
        raise InvalidInput(message)
    return cleaned


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


def _goal_of(client: Client, goal: Goal | None) -> None:
    if goal is not None and goal.client_id != client.pk:
        raise InvalidInput(_("Link a goal from this client's own plan."))


def _provider(client: Client, provider: Organization | None) -> Organization:
    provider = provider or client.organization
    if provider.task_force_id != client.task_force_id or not provider.is_active:
        raise InvalidInput(_("The provider is an organization of this task force."))
    return provider


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


def _service_values(client: Client, values: dict[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(values) - set(SERVICE_FIELDS))
    if unknown:
        raise InvalidInput(_("Unknown fields: %(f)s") % {"f": ", ".join(unknown)})
    _category(values["category"])
    _past_date(values["delivered_on"], _("the service date"), client)
    _amount(values["units"], _("units"), 8)
    if values["unit"] not in ServiceUnit.values:
        raise InvalidInput(_("The unit is hours, sessions, nights, items or trips."))
    values["provider"] = _provider(client, values.get("provider"))
    staff = Membership.objects.filter(user=values.get("staff"), organization=values["provider"], is_active=True)
    if values.get("staff") is not None and not staff.exists():
        raise InvalidInput(_("The staff member belongs to the providing organization."))
    if values.get("cost") is not None:
        _amount(values["cost"], _("cost"), 12)
    values["outcome"] = (values.get("outcome") or "").strip()
    _goal_of(client, values.get("goal"))
    return values


def record_service(
    client: Client, *, acting_user: User | None, category: str, delivered_on: dt.date, units: Decimal,
    unit: str = ServiceUnit.HOURS, provider: Organization | None = None, staff: User | None = None,
    cost: Decimal | None = None, outcome: str = "", goal: Goal | None = None,
) -> ServiceDelivery:
    """Record a service given to the client: the one short form (category, date, units) plus
    optional provider (default: the client's organization), staff, cost, outcome and goal.
    Never asks about consent."""
    _check(acting_user, client)
    values = _service_values(client, {
        "category": category, "delivered_on": delivered_on, "units": units, "unit": unit,
        "provider": provider, "staff": staff, "cost": cost, "outcome": outcome, "goal": goal,
    })
    with transaction.atomic():
        service = ServiceDelivery.objects.create(**_owned(client, acting_user), **values)
        fields = sorted(k for k, v in values.items() if v not in (None, ""))
        _audit(EventType.SERVICE_RECORDED, client, service, acting_user, fields=fields)
    return service


def correct_service(
    service: ServiceDelivery, *, acting_user: User | None, reason: str, **corrections: Any
) -> ServiceDelivery | None:
    """Correct a recorded service: the original is soft-deleted with the reason and, when
    corrected values are given, a new row with them (the rest copied) names the original.
    Without corrections the record is withdrawn (recorded in error) and None is returned."""
    client = service.client
    _check(acting_user, client)
    why = _text(reason, _("Say why the service record is being corrected."))[:200]
    values = None
    if corrections:
        values = _service_values(client, {**{f: getattr(service, f) for f in SERVICE_FIELDS}, **corrections})
    with transaction.atomic():
        original = ServiceDelivery.objects.select_for_update().get(pk=service.pk)
        if original.deleted_at is not None:
            raise Conflict(_("This service record was already corrected. Reload it."))
        original.deleted_at, original.deleted_reason = timezone.now(), why
        original.save(update_fields=["deleted_at", "deleted_reason"])
        replacement = None if values is None else ServiceDelivery.objects.create(
            **_owned(client, acting_user), corrects=original, **values)
        replaced_by = replacement.pk if replacement else None
        _audit(EventType.SERVICE_CORRECTED, client, original, acting_user, fields=sorted(corrections), replacement=replaced_by)
    return replacement


def add_case_note(
    client: Client, *, acting_user: User | None, note_type: str, text: str, sensitive: bool = False,
    corrects: CaseNote | None = None,
) -> CaseNote:
    """Add a case note. Notes are never edited: a correction is a new note naming the one it
    corrects, and a correction of a sensitive note is sensitive too."""
    _check(acting_user, client)
    if not vocabularies.is_valid("case_note_type", note_type):
        raise InvalidInput(_("Choose the note's type from the list."))
    words = _text(text, _("The note is empty."))
    if corrects is not None:
        if corrects.client_id != client.pk:
            raise InvalidInput(_("A correction is written on the same client's record."))
        sensitive = sensitive or corrects.sensitive
    with transaction.atomic():
        note = CaseNote.objects.create(
            **_owned(client, acting_user), note_type=note_type, text=words,
            sensitive=bool(sensitive), written_by=acting_user, corrects=corrects,
        )
        fields = ["note_type", "text", "sensitive"] + (["corrects"] if corrects else [])
        _audit(EventType.NOTE_ADDED, client, note, acting_user, fields=fields)
    return note
