"""The care record: needs, service plans (goals, planned services, reviews), services delivered
and case notes. Needs, plans and services are in the ``services`` field group, notes in ``notes``.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from ally.access import access_client, grants_for, visible_to
from ally.access.care import (
    access_goal,
    access_note,
    access_service,
    needs_of,
    notes_of,
    plans_of,
    services_of,
)
from ally.accounts.models import User
from ally.api.auth import acting_user
from ally.api.common import CHANGE, E404, E409, one_named, paginated
from ally.api.survivors.fetch import changeable, client_to_change, seen_with
from ally.api.survivors.schemas.care import (
    GoalIn,
    GoalOut,
    GoalPatch,
    NeedsAssessmentIn,
    NeedsAssessmentOut,
    NoteIn,
    NoteOut,
    PlanCloseIn,
    PlannedServiceIn,
    PlannedServiceOut,
    PlanOut,
    PlanReviewIn,
    PlanReviewOut,
    PlanStartIn,
    ServiceCorrectIn,
    ServiceCorrectionOut,
    ServiceIn,
    ServiceOut,
)
from ally.core.errors import InvalidInput, NotPermitted, NotVisible
from ally.survivors import care
from ally.survivors.fieldgroups import FieldGroup
from ally.survivors.models import (
    CaseNote,
    Client,
    Goal,
    NeedsAssessment,
    ServiceDelivery,
    ServicePlan,
)
from ally.tenancy.models import Organization

router = Router(tags=["care"])


def _goal_of(client: Client, goal_id: int | None) -> Goal | None:
    if goal_id is None:
        return None
    # The client is one the user may change; a goal of any other client is simply not found.
    goal = Goal.objects.filter(pk=goal_id, client_id=client.pk).first()
    if goal is None:
        raise InvalidInput(_("Link a goal from this client's own plan."))
    return goal


def _provider(user: User, provider_id: int | None) -> Organization | None:
    if provider_id is None:
        return None
    refusal = _("The provider is an organization of this task force.")
    return one_named(visible_to(user, Organization), provider_id, refusal)


def _staff(user: User, staff_id: int | None) -> User | None:
    if staff_id is None:
        return None
    refusal = _("The staff member belongs to the providing organization.")
    return one_named(visible_to(user, User), staff_id, refusal)


def _plan_to_change(user: User, plan_id: int) -> ServicePlan:
    """A service plan for its owner to change; 404/403 as ``changeable``."""
    grants = grants_for(user)
    plan = (
        ServicePlan.objects.select_related("client__organization__task_force")
        .filter(pk=plan_id, task_force_id=grants.task_force_id)
        .first()
    )
    if plan is None:
        raise NotVisible()
    try:
        access_client(user, plan.client_id, for_change=True)
    except NotPermitted:
        if not plans_of(access_client(user, plan.client_id)).filter(pk=plan.pk).exists():
            raise NotVisible() from None
        raise
    return plan


# Needs


@router.get("/clients/{client_id}/needs", response={200: list[NeedsAssessmentOut], **E404})
@paginated
def list_needs(request: HttpRequest, client_id: int) -> QuerySet[NeedsAssessment]:
    return needs_of(seen_with(acting_user(request), client_id, FieldGroup.SERVICES))


@router.post("/clients/{client_id}/needs", response={201: NeedsAssessmentOut, **CHANGE})
def assess_needs(
    request: HttpRequest, client_id: int, payload: NeedsAssessmentIn
) -> Status[NeedsAssessment]:
    user = acting_user(request)
    client = client_to_change(user, client_id)
    assessment = care.assess_needs(
        client,
        acting_user=user,
        assessed_on=payload.assessed_on,
        needs=[need.model_dump() for need in payload.needs],
    )
    return Status(201, assessment)


# Plans


@router.get("/clients/{client_id}/plans", response={200: list[PlanOut], **E404})
@paginated
def list_plans(request: HttpRequest, client_id: int) -> QuerySet[ServicePlan]:
    return plans_of(seen_with(acting_user(request), client_id, FieldGroup.SERVICES))


@router.post("/clients/{client_id}/plans", response={201: PlanOut, **E409, **CHANGE})
def start_plan(request: HttpRequest, client_id: int, payload: PlanStartIn) -> Status[ServicePlan]:
    user = acting_user(request)
    client = client_to_change(user, client_id)
    return Status(201, care.start_plan(client, acting_user=user, started_on=payload.started_on))


@router.post("/plans/{plan_id}/close", response={200: PlanOut, **CHANGE})
def close_plan(request: HttpRequest, plan_id: int, payload: PlanCloseIn) -> ServicePlan:
    user = acting_user(request)
    plan = _plan_to_change(user, plan_id)
    return care.close_plan(plan, acting_user=user, closed_on=payload.closed_on)


@router.post("/clients/{client_id}/goals", response={201: GoalOut, **CHANGE})
def add_goal(request: HttpRequest, client_id: int, payload: GoalIn) -> Status[Goal]:
    user = acting_user(request)
    client = client_to_change(user, client_id)
    goal = care.add_goal(
        client,
        acting_user=user,
        text=payload.text,
        priority=payload.priority,
        target_date=payload.target_date,
    )
    return Status(201, goal)


@router.patch("/goals/{goal_id}", response={200: GoalOut, **E409, **CHANGE})
def update_goal(request: HttpRequest, goal_id: int, payload: GoalPatch) -> Goal:
    """Change the fields given. ``version`` is the goal's version when you read it: if someone
    changed the goal since, nothing changes and the answer is 409."""
    user = acting_user(request)
    goal = changeable(access_goal, user, goal_id)
    values = payload.model_dump(exclude_unset=True)
    version = values.pop("version")
    return care.update_goal(goal, version=version, acting_user=user, **values)


@router.post("/clients/{client_id}/planned-services", response={201: PlannedServiceOut, **CHANGE})
def plan_service(request: HttpRequest, client_id: int, payload: PlannedServiceIn) -> Status[Any]:
    user = acting_user(request)
    client = client_to_change(user, client_id)
    planned = care.plan_service(
        client,
        acting_user=user,
        category=payload.category,
        provider=_provider(user, payload.provider_id),
        frequency=payload.frequency,
        notes=payload.notes,
        goal=_goal_of(client, payload.goal_id),
    )
    return Status(201, planned)


@router.post("/clients/{client_id}/plan-reviews", response={201: PlanReviewOut, **CHANGE})
def review_plan(request: HttpRequest, client_id: int, payload: PlanReviewIn) -> Status[Any]:
    user = acting_user(request)
    client = client_to_change(user, client_id)
    review = care.review_plan(
        client,
        acting_user=user,
        reviewed_on=payload.reviewed_on,
        summary=payload.summary,
        next_review_on=payload.next_review_on,
    )
    return Status(201, review)


# Services delivered


@router.get("/clients/{client_id}/services", response={200: list[ServiceOut], **E404})
@paginated
def list_services(request: HttpRequest, client_id: int) -> QuerySet[ServiceDelivery]:
    return services_of(seen_with(acting_user(request), client_id, FieldGroup.SERVICES))


def _service_values(user: User, client: Client, given: dict[str, Any]) -> dict[str, Any]:
    """API field names (``provider_id``…) to the action's (``provider``…)."""
    values = dict(given)
    if "provider_id" in values:
        values["provider"] = _provider(user, values.pop("provider_id"))
    if "staff_id" in values:
        values["staff"] = _staff(user, values.pop("staff_id"))
    if "goal_id" in values:
        values["goal"] = _goal_of(client, values.pop("goal_id"))
    return values


@router.post("/clients/{client_id}/services", response={201: ServiceOut, **CHANGE})
def record_service(request: HttpRequest, client_id: int, payload: ServiceIn) -> Status[Any]:
    """Record a service given to the client. Never asks about consent."""
    user = acting_user(request)
    client = client_to_change(user, client_id)
    values = _service_values(user, client, payload.model_dump())
    if "staff_id" not in payload.model_fields_set:
        # As on the page: the person recording it, when they work for the providing organization.
        provider_id = values["provider"].pk if values["provider"] else client.organization_id
        if provider_id in grants_for(user).organization_ids():
            values["staff"] = user
    service = care.record_service(client, acting_user=user, **values)
    service.refresh_from_db()  # amounts as stored (2.00), as the list shows them
    return Status(201, service)


@router.post(
    "/services/{service_id}/correct", response={200: ServiceCorrectionOut, **E409, **CHANGE}
)
def correct_service(
    request: HttpRequest, service_id: int, payload: ServiceCorrectIn
) -> dict[str, Any]:
    """Correct a service record: the original is kept, withdrawn with the reason, and the
    corrected values (the rest copied) recorded anew. Without corrections: withdrawn only."""
    user = acting_user(request)
    service = changeable(access_service, user, service_id)
    corrections: dict[str, Any] = {}
    if payload.corrections is not None:
        given = payload.corrections.model_dump(exclude_unset=True)
        if not given:
            raise InvalidInput(
                _("Give the corrected values, or leave corrections out to withdraw the record.")
            )
        corrections = _service_values(user, service.client, given)
    replacement = care.correct_service(
        service, acting_user=user, reason=payload.reason, **corrections
    )
    if replacement is not None:
        replacement.refresh_from_db()
    return {"corrected_id": service.pk, "replacement": replacement}


# Case notes


@router.get("/clients/{client_id}/notes", response={200: list[NoteOut], **E404})
@paginated
def list_notes(request: HttpRequest, client_id: int) -> QuerySet[CaseNote]:
    """Newest first. Sensitive notes only for the assigned advocates and the owner's supervisors
    and administrators; for anyone else they are not in the list or its count."""
    user = acting_user(request)
    return notes_of(user, seen_with(user, client_id, FieldGroup.NOTES))


@router.post("/clients/{client_id}/notes", response={201: NoteOut, **CHANGE})
def add_note(request: HttpRequest, client_id: int, payload: NoteIn) -> Status[CaseNote]:
    """Add a note. Notes are never edited: a correction is a new note naming the one it corrects
    (``corrects_id``); correcting a sensitive note makes a sensitive note."""
    user = acting_user(request)
    client = client_to_change(user, client_id)
    corrects = None
    if payload.corrects_id is not None:
        try:
            corrects = access_note(user, payload.corrects_id)
        except NotVisible:
            raise InvalidInput(_("A correction is written on the same client's record.")) from None
    note = care.add_case_note(
        client,
        acting_user=user,
        note_type=payload.note_type,
        text=payload.text,
        sensitive=payload.sensitive,
        corrects=corrects,
    )
    return Status(201, note)
