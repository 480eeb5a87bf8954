"""The care record (needs, plans, services, case notes), trafficking events and screenings.

Reads go through ``ally.access`` (care, survivors, screenings); changes through the actions, which
check the policy again and write the audit events. So the rules are exactly the web pages':

- A client the reader may not see at all is 404, as if it did not exist.
- A reader through a share sees only the field groups granted (needs, plans and services in
  ``services``, notes in ``notes``, trafficking events in ``trafficking_details``). Like the pages
  of one group (the plan page), a list or record of an ungranted group is 404. Sensitive notes
  are left out of the list (and of its count) for everyone but the assigned advocates and the
  owner's supervisors and administrators.
- Only the owning organization changes anything. A reader who sees the client through a share is
  refused with 403 on the client's own operations (as on the page); a record by id answers 404
  unless the reader may at least read it, so a refused change says nothing about what exists.
- Consent is never a condition of service: nothing here looks at consent.
- Screenings stay in the organization that did them and never travel through a share.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.pagination import LimitOffsetPagination, paginate

from ally.access import (
    ClientAccess,
    Permission,
    access_client,
    access_organization,
    grants_for,
    require,
    visible_to,
)
from ally.access.care import (
    access_event,
    access_goal,
    access_note,
    access_service,
    events_of,
    needs_of,
    notes_of,
    plans_of,
    services_of,
)
from ally.accounts.models import User
from ally.api.auth import acting_user
from ally.api.care_schemas import (
    EventIn,
    EventOut,
    EventRemoveIn,
    GoalIn,
    GoalOut,
    GoalPatch,
    InstrumentOut,
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
    ScreeningIn,
    ScreeningLinkIn,
    ScreeningOut,
    ServiceCorrectIn,
    ServiceCorrectionOut,
    ServiceIn,
    ServiceOut,
    instrument_view,
)
from ally.api.schemas import ErrorOut
from ally.core.errors import InvalidInput, NotPermitted, NotVisible
from ally.survivors import care, screenings, trafficking
from ally.survivors.fieldgroups import FieldGroup
from ally.survivors.models import (
    CaseNote,
    Client,
    Goal,
    NeedsAssessment,
    Screening,
    ServiceDelivery,
    ServicePlan,
    TraffickingEvent,
)
from ally.survivors.screening import available_instruments, load_instrument
from ally.tenancy.models import Organization

router = Router()

CARE = ["care"]
SCREENING = ["screening"]
MAX_PAGE = 500

READ = {404: ErrorOut}
CHANGE = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut}

T = TypeVar("T")


def _changeable(fetch: Callable[..., T], user: User, pk: int) -> T:
    """A record by id, for a change by its owner. 404 unless the user may at least read it
    (its client and its field group); 403 when they may read it but not change it."""
    try:
        return fetch(user, pk, for_change=True)
    except NotPermitted:
        fetch(user, pk)  # NotVisible when the reader's groups do not cover it
        raise


def _client_to_change(user: User, client_id: int) -> Client:
    return access_client(user, client_id, for_change=True).client


def _seen(user: User, client_id: int, group: FieldGroup) -> ClientAccess:
    """The client as this reader sees it, for a list of one field group: 404 without the group,
    as the page of that group answers. One access check, so a read through a share is logged once.
    """
    seen = access_client(user, client_id)
    if group not in seen.groups:
        raise NotVisible()
    return seen


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
    provider = visible_to(user, Organization).filter(pk=provider_id).first()
    if provider is None:
        raise InvalidInput(_("The provider is an organization of this task force."))
    return provider


def _staff(user: User, staff_id: int | None) -> User | None:
    if staff_id is None:
        return None
    staff = visible_to(user, User).filter(pk=staff_id).first()
    if staff is None:
        raise InvalidInput(_("The staff member belongs to the providing organization."))
    return staff


def _plan_to_change(user: User, plan_id: int) -> ServicePlan:
    """A service plan for its owner to change; 404/403 as ``_changeable``."""
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


@router.get(
    "/clients/{client_id}/needs", response={200: list[NeedsAssessmentOut], **READ}, tags=CARE
)
@paginate(LimitOffsetPagination, max_limit=MAX_PAGE)
def list_needs(request: HttpRequest, client_id: int) -> QuerySet[NeedsAssessment]:
    return needs_of(_seen(acting_user(request), client_id, FieldGroup.SERVICES))


@router.post("/clients/{client_id}/needs", response={201: NeedsAssessmentOut, **CHANGE}, tags=CARE)
def assess_needs(
    request: HttpRequest, client_id: int, payload: NeedsAssessmentIn
) -> Status[NeedsAssessment]:
    user = acting_user(request)
    client = _client_to_change(user, client_id)
    assessment = care.assess_needs(
        client,
        acting_user=user,
        assessed_on=payload.assessed_on,
        needs=[need.model_dump() for need in payload.needs],
    )
    return Status(201, assessment)


# Plans


@router.get("/clients/{client_id}/plans", response={200: list[PlanOut], **READ}, tags=CARE)
@paginate(LimitOffsetPagination, max_limit=MAX_PAGE)
def list_plans(request: HttpRequest, client_id: int) -> QuerySet[ServicePlan]:
    return plans_of(_seen(acting_user(request), client_id, FieldGroup.SERVICES))


@router.post(
    "/clients/{client_id}/plans", response={201: PlanOut, 409: ErrorOut, **CHANGE}, tags=CARE
)
def start_plan(request: HttpRequest, client_id: int, payload: PlanStartIn) -> Status[ServicePlan]:
    user = acting_user(request)
    client = _client_to_change(user, client_id)
    return Status(201, care.start_plan(client, acting_user=user, started_on=payload.started_on))


@router.post("/plans/{plan_id}/close", response={200: PlanOut, **CHANGE}, tags=CARE)
def close_plan(request: HttpRequest, plan_id: int, payload: PlanCloseIn) -> ServicePlan:
    user = acting_user(request)
    plan = _plan_to_change(user, plan_id)
    return care.close_plan(plan, acting_user=user, closed_on=payload.closed_on)


@router.post("/clients/{client_id}/goals", response={201: GoalOut, **CHANGE}, tags=CARE)
def add_goal(request: HttpRequest, client_id: int, payload: GoalIn) -> Status[Goal]:
    user = acting_user(request)
    client = _client_to_change(user, client_id)
    goal = care.add_goal(
        client,
        acting_user=user,
        text=payload.text,
        priority=payload.priority,
        target_date=payload.target_date,
    )
    return Status(201, goal)


@router.patch("/goals/{goal_id}", response={200: GoalOut, 409: ErrorOut, **CHANGE}, tags=CARE)
def update_goal(request: HttpRequest, goal_id: int, payload: GoalPatch) -> Goal:
    """Change the fields given. ``version`` is the goal's version when you read it: if someone
    changed the goal since, nothing changes and the answer is 409."""
    user = acting_user(request)
    goal = _changeable(access_goal, user, goal_id)
    values = payload.model_dump(exclude_unset=True)
    version = values.pop("version")
    return care.update_goal(goal, version=version, acting_user=user, **values)


@router.post(
    "/clients/{client_id}/planned-services", response={201: PlannedServiceOut, **CHANGE}, tags=CARE
)
def plan_service(request: HttpRequest, client_id: int, payload: PlannedServiceIn) -> Status[Any]:
    user = acting_user(request)
    client = _client_to_change(user, client_id)
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


@router.post(
    "/clients/{client_id}/plan-reviews", response={201: PlanReviewOut, **CHANGE}, tags=CARE
)
def review_plan(request: HttpRequest, client_id: int, payload: PlanReviewIn) -> Status[Any]:
    user = acting_user(request)
    client = _client_to_change(user, client_id)
    review = care.review_plan(
        client,
        acting_user=user,
        reviewed_on=payload.reviewed_on,
        summary=payload.summary,
        next_review_on=payload.next_review_on,
    )
    return Status(201, review)


# Services delivered


@router.get("/clients/{client_id}/services", response={200: list[ServiceOut], **READ}, tags=CARE)
@paginate(LimitOffsetPagination, max_limit=MAX_PAGE)
def list_services(request: HttpRequest, client_id: int) -> QuerySet[ServiceDelivery]:
    return services_of(_seen(acting_user(request), client_id, FieldGroup.SERVICES))


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


@router.post("/clients/{client_id}/services", response={201: ServiceOut, **CHANGE}, tags=CARE)
def record_service(request: HttpRequest, client_id: int, payload: ServiceIn) -> Status[Any]:
    """Record a service given to the client. Never asks about consent."""
    user = acting_user(request)
    client = _client_to_change(user, client_id)
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
    "/services/{service_id}/correct",
    response={200: ServiceCorrectionOut, 409: ErrorOut, **CHANGE},
    tags=CARE,
)
def correct_service(
    request: HttpRequest, service_id: int, payload: ServiceCorrectIn
) -> dict[str, Any]:
    """Correct a service record: the original is kept, withdrawn with the reason, and the
    corrected values (the rest copied) recorded anew. Without corrections: withdrawn only."""
    user = acting_user(request)
    service = _changeable(access_service, user, service_id)
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


@router.get("/clients/{client_id}/notes", response={200: list[NoteOut], **READ}, tags=CARE)
@paginate(LimitOffsetPagination, max_limit=MAX_PAGE)
def list_notes(request: HttpRequest, client_id: int) -> QuerySet[CaseNote]:
    """Newest first. Sensitive notes only for the assigned advocates and the owner's supervisors
    and administrators; for anyone else they are not in the list or its count."""
    user = acting_user(request)
    return notes_of(user, _seen(user, client_id, FieldGroup.NOTES))


@router.post("/clients/{client_id}/notes", response={201: NoteOut, **CHANGE}, tags=CARE)
def add_note(request: HttpRequest, client_id: int, payload: NoteIn) -> Status[CaseNote]:
    """Add a note. Notes are never edited: a correction is a new note naming the one it corrects
    (``corrects_id``); correcting a sensitive note makes a sensitive note."""
    user = acting_user(request)
    client = _client_to_change(user, client_id)
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


# Trafficking events


@router.get(
    "/clients/{client_id}/trafficking-events", response={200: list[EventOut], **READ}, tags=CARE
)
@paginate(LimitOffsetPagination, max_limit=MAX_PAGE)
def list_events(request: HttpRequest, client_id: int) -> QuerySet[TraffickingEvent]:
    return events_of(_seen(acting_user(request), client_id, FieldGroup.TRAFFICKING_DETAILS))


@router.post(
    "/clients/{client_id}/trafficking-events", response={201: EventOut, **CHANGE}, tags=CARE
)
def add_event(request: HttpRequest, client_id: int, payload: EventIn) -> Status[TraffickingEvent]:
    """Record a recruitment, transit or exploitation event; a month or a year is stored as its
    first day, with that precision."""
    user = acting_user(request)
    client = _client_to_change(user, client_id)
    event = trafficking.add_trafficking_event(client, acting_user=user, **payload.model_dump())
    return Status(201, event)


@router.post(
    "/trafficking-events/{event_id}/remove",
    response={204: None, 409: ErrorOut, **CHANGE},
    tags=CARE,
)
def remove_event(request: HttpRequest, event_id: int, payload: EventRemoveIn) -> Status[None]:
    """Remove an event recorded in error; the record stays, with the reason."""
    user = acting_user(request)
    event = _changeable(access_event, user, event_id)
    trafficking.remove_trafficking_event(event, acting_user=user, reason=payload.reason)
    return Status(204, None)


# Screening instruments and screenings


@router.get("/screening-instruments", response=list[InstrumentOut], tags=SCREENING)
def list_instruments(request: HttpRequest, language: str = "en") -> list[dict[str, Any]]:
    """Every screening instrument version, its texts in ``language`` (else English)."""
    return [instrument_view(load_instrument(i, v), language) for i, v in available_instruments()]


def _screener(user: User) -> None:
    """Screenings are records of member organizations: not for funders and auditors."""
    require(user, Permission.VIEW_TASK_FORCE)
    if not grants_for(user).memberships:
        raise NotPermitted()


def _screening_organization(
    user: User, payload: ScreeningIn, client: Client | None
) -> Organization:
    if payload.organization_id is not None:
        return access_organization(user, payload.organization_id)
    if client is not None:
        return client.organization
    own = sorted(grants_for(user).organization_ids())
    if len(own) != 1:
        raise InvalidInput(
            _("You work in more than one organization: name the one screening (organization_id).")
        )
    return access_organization(user, own[0])


@router.post("/screenings", response={201: ScreeningOut, **CHANGE}, tags=SCREENING)
def record_screening(request: HttpRequest, payload: ScreeningIn) -> Status[Screening]:
    """Score answers to a screening instrument and keep both. The result lists the indicators
    present by domain and suggests follow-up; it never determines anyone's trafficking status.
    The screening belongs to the organization that did it; ``client_id`` (or a later link) only
    ever names a client of that same organization."""
    user = acting_user(request)
    _screener(user)
    client = None if payload.client_id is None else _client_to_change(user, payload.client_id)
    screening = screenings.record_screening(
        _screening_organization(user, payload, client),
        instrument_id=payload.instrument_id,
        version=payload.version,
        language=payload.language,
        answers=payload.answers,
        client=client,
        reference=payload.reference,
        screened_on=payload.screened_on,
        acting_user=user,
    )
    return Status(201, screening)


@router.get(
    "/screenings", response={200: list[ScreeningOut], 403: ErrorOut, **READ}, tags=SCREENING
)
@paginate(LimitOffsetPagination, max_limit=MAX_PAGE)
def list_screenings(
    request: HttpRequest,
    client_id: int | None = None,
    unlinked: bool = False,
) -> QuerySet[Screening]:
    """Your organizations' screenings, newest first: the unlinked ones, and those of clients
    you see as their owner (``unlinked``: only those not linked to a client yet). Never another organization's, not even of a client shared with you."""
    user = acting_user(request)
    _screener(user)
    found = visible_to(user, Screening).select_related("screened_by")
    if client_id is not None:
        found = found.filter(client_id=client_id)
    if unlinked:
        found = found.filter(client__isnull=True)
    return found


@router.get("/screenings/{screening_id}", response={200: ScreeningOut, **READ}, tags=SCREENING)
def get_screening(request: HttpRequest, screening_id: int) -> Screening:
    return screenings.access_screening(acting_user(request), screening_id)


@router.post(
    "/screenings/{screening_id}/link",
    response={200: ScreeningOut, 409: ErrorOut, **CHANGE},
    tags=SCREENING,
)
def link_screening(request: HttpRequest, screening_id: int, payload: ScreeningLinkIn) -> Screening:
    """Link a screening (e.g. from a crisis call) to a client of the same organization."""
    user = acting_user(request)
    screening = screenings.access_screening(user, screening_id)
    client = _client_to_change(user, payload.client_id)
    return screenings.link_screening(screening, client, acting_user=user)
