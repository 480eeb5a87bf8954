"""The API of survivor-leader engagement, outreach events and threat assessments (mounted in
ally/api/api.py). Same actions and access rules as the pages: ally/access/outreach.py."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Status

from ally.access import outreach as access
from ally.access.policy import visible_to
from ally.accounts.models import User
from ally.api.auth import acting_user
from ally.api.common import CHANGE, E403, E404, E409, all_named, one_named, paginated
from ally.core.errors import NotPermitted
from ally.outreach import actions, catalog
from ally.outreach.models import (
    AssessedIndustry,
    Engagement,
    Feedback,
    OutreachEvent,
    SurvivorLeader,
)
from ally.outreach.queries import (
    assessment_rows,
    assessments_with_counts,
    attendance_by_region,
    totals_by_fiscal_year,
    with_totals,
)
from ally.outreach.schemas import (
    AssessedIndustryOut,
    AssessmentBrief,
    AssessmentIn,
    AssessmentOut,
    AssessmentPatch,
    AttendanceYearOut,
    EngagementIn,
    EngagementOut,
    EngagementPatch,
    EventIn,
    EventOut,
    EventPatch,
    FactorsOut,
    FeedbackIn,
    FeedbackOut,
    FiscalTotalOut,
    HeldIn,
    IndustryIn,
    IndustryPatch,
    LeaderIn,
    LeaderOut,
    LeaderPatch,
    NaicsOut,
    RecordedFeedbackIn,
    ResponseIn,
)
from ally.tenancy.models import Organization, Region
from ally.tenancy.vocab import TaskForceRoleKind

router = Router(tags=["outreach"])


# --- survivor leaders -------------------------------------------------------------------------


def _leader(user: User, leader_id: int) -> SurvivorLeader:
    access.require_leader_area(user)
    access.access_leader(user, leader_id)
    return with_totals(access.visible_leaders(user)).get(pk=leader_id)


def _leader_values(user: User, values: dict[str, Any]) -> dict[str, Any]:
    if "user_id" in values:
        user_id = values.pop("user_id")
        advisors = User.objects.filter(
            task_force_roles__task_force=access.task_force_of(user),
            task_force_roles__role=TaskForceRoleKind.SURVIVOR_LEADER_ADVISOR,
        )
        values["user"] = None if user_id is None else one_named(
            advisors, user_id, "Only an account holding the survivor-leader-advisor role can be linked."
        )
    return values


@router.get("/survivor-leaders", response={200: list[LeaderOut], **E404})
@paginated
def list_leaders(request: HttpRequest) -> QuerySet[SurvivorLeader]:
    """Survivor leaders with their totals: the coordinator (a survivor leader: their own entry).
    Anyone else: 404 — being listed says that someone survived trafficking."""
    user = acting_user(request)
    access.require_leader_area(user)
    return with_totals(access.visible_leaders(user)).order_by("name", "pk")


@router.post("/survivor-leaders", response={201: LeaderOut, **CHANGE})
def add_leader(request: HttpRequest, payload: LeaderIn) -> Status[SurvivorLeader]:
    user = acting_user(request)
    grants = access.require_leader_area(user)
    if not access.manages_leaders(grants):
        raise NotPermitted()
    leader = actions.add_survivor_leader(access.task_force_of(user), acting_user=user, **_leader_values(user, payload.dict()))
    return Status(201, _leader(user, leader.pk))


@router.get("/survivor-leaders/{leader_id}", response={200: LeaderOut, **E404})
def get_leader(request: HttpRequest, leader_id: int) -> SurvivorLeader:
    return _leader(acting_user(request), leader_id)


@router.patch("/survivor-leaders/{leader_id}", response={200: LeaderOut, **CHANGE})
def change_leader(request: HttpRequest, leader_id: int, payload: LeaderPatch) -> SurvivorLeader:
    user = acting_user(request)
    access.require_leader_area(user)
    leader = access.access_leader(user, leader_id, for_change=True)
    actions.update_survivor_leader(leader, acting_user=user, **_leader_values(user, payload.dict(exclude_unset=True)))
    return _leader(user, leader_id)


@router.get("/survivor-leaders/{leader_id}/engagements", response={200: list[EngagementOut], **E404})
@paginated
def list_engagements(request: HttpRequest, leader_id: int) -> QuerySet[Engagement]:
    user = acting_user(request)
    leader = _leader(user, leader_id)
    return access.visible_engagements(user).filter(leader=leader).order_by("-occurred_on", "-pk")


@router.post("/survivor-leaders/{leader_id}/engagements", response={201: EngagementOut, **CHANGE})
def record_engagement(request: HttpRequest, leader_id: int, payload: EngagementIn) -> Status[Engagement]:
    """Record an engagement (the coordinator). Hours > 0; compensation ≥ 0 — a compensation of 0
    needs ``unpaid_reason`` (400 otherwise)."""
    user = acting_user(request)
    access.require_leader_area(user)
    leader = access.access_leader(user, leader_id, for_change=True)
    return Status(201, actions.record_engagement(leader, acting_user=user, **payload.dict()))


@router.patch("/engagements/{engagement_id}", response={200: EngagementOut, **CHANGE})
def change_engagement(request: HttpRequest, engagement_id: int, payload: EngagementPatch) -> Engagement:
    user = acting_user(request)
    access.require_leader_area(user)
    engagement = access.access_engagement(user, engagement_id, for_change=True)
    return actions.update_engagement(engagement, acting_user=user, **payload.dict(exclude_unset=True))


@router.get("/engagement-totals", response={200: list[FiscalTotalOut], **E404})
def engagement_totals(request: HttpRequest) -> list[dict[str, Any]]:
    """Engagements, survivor leaders, hours and compensation per federal fiscal year (the
    coordinator; a survivor leader: their own)."""
    user = acting_user(request)
    access.require_leader_area(user)
    return [
        {"fiscal_year": r["fy"], "engagements": r["count"], "leaders": r["leaders"], "hours": r["hours"], "paid": r["paid"]}
        for r in totals_by_fiscal_year(access.visible_engagements(user))
    ]


# --- feedback ---------------------------------------------------------------------------------


def _feedback_out(user: User, feedback: Feedback) -> dict[str, Any]:
    from ally.access.policy import grants_for

    grants = grants_for(user)
    named = access.sees_feedback_author(grants, feedback)
    return {
        "id": feedback.pk, "topic": feedback.topic, "text": feedback.text, "received_on": feedback.received_on,
        "status": feedback.status, "response": feedback.response, "responded_on": feedback.responded_on,
        "from_leader": (feedback.leader.name if feedback.leader else None) if named else None,
        "leader_id": feedback.leader_id if named else None,
        "mine": feedback.author_id is not None and feedback.author_id == user.pk,
    }


@router.get("/feedback", response={200: list[FeedbackOut], **E403, **E404})
@paginated
def list_feedback(request: HttpRequest, status: str = "") -> list[dict[str, Any]]:
    """Feedback to leadership: leadership reads all (co-leads without who gave it), a survivor
    leader their own. ``status``: open or answered."""
    user = acting_user(request)
    access.require_feedback_area(user)
    feedback = access.visible_feedback(user).select_related("leader").order_by("-received_on", "-pk")
    if status:
        feedback = feedback.filter(status=status)
    return [_feedback_out(user, f) for f in feedback]


@router.post("/feedback", response={201: FeedbackOut, **CHANGE})
def submit_feedback(request: HttpRequest, payload: FeedbackIn) -> Status[dict[str, Any]]:
    """A survivor leader's own feedback to the coordinator and the co-leads."""
    user = acting_user(request)
    grants = access.require_feedback_area(user)
    if not access.submits_feedback(grants):
        raise NotPermitted()
    return Status(201, _feedback_out(user, actions.submit_feedback(access.task_force_of(user), acting_user=user, **payload.dict())))


@router.post("/survivor-leaders/{leader_id}/feedback", response={201: FeedbackOut, **CHANGE})
def record_feedback(request: HttpRequest, leader_id: int, payload: RecordedFeedbackIn) -> Status[dict[str, Any]]:
    """The coordinator records feedback received from a survivor leader."""
    user = acting_user(request)
    access.require_leader_area(user)
    leader = access.access_leader(user, leader_id, for_change=True)
    return Status(201, _feedback_out(user, actions.record_feedback(leader, acting_user=user, **payload.dict())))


@router.get("/feedback/{feedback_id}", response={200: FeedbackOut, **E404})
def get_feedback(request: HttpRequest, feedback_id: int) -> dict[str, Any]:
    user = acting_user(request)
    feedback = access.access_feedback(user, feedback_id)
    access.require_feedback_area(user)
    return _feedback_out(user, feedback)


@router.post("/feedback/{feedback_id}/response", response={200: FeedbackOut, **CHANGE})
def respond(request: HttpRequest, feedback_id: int, payload: ResponseIn) -> dict[str, Any]:
    """Leadership records its response; the author hears of it."""
    user = acting_user(request)
    feedback = access.access_feedback(user, feedback_id, for_change=True)
    access.require_feedback_area(user)
    return _feedback_out(user, actions.respond_to_feedback(feedback, acting_user=user, response=payload.response))


# --- outreach events --------------------------------------------------------------------------


def _event_out(user: User, event: OutreachEvent) -> dict[str, Any]:
    from ally.access.policy import grants_for

    sees = access.sees_event_leaders(grants_for(user))
    return {
        "id": event.pk, "kind": event.kind, "title": event.title, "status": event.status,
        "occurred_on": event.occurred_on, "region_id": event.region_id, "county": event.county,
        "audience": event.audience, "attendance": event.attendance, "survivor_led": event.survivor_led,
        "partner_ids": [o.pk for o in event.partners.all()], "other_partners": event.other_partners,
        "industry_id": event.industry_id,
        "leader_ids": [sl.pk for sl in event.leaders.all()] if sees else None,
    }


def _event_values(user: User, values: dict[str, Any]) -> dict[str, Any]:
    if "region_id" in values:
        region_id = values.pop("region_id")
        values["region"] = one_named(visible_to(user, Region), region_id, "Choose a region of the task force.")
    if "partner_ids" in values:
        ids = values.pop("partner_ids")
        values["partners"] = [] if ids is None else all_named(
            visible_to(user, Organization), ids, "Partner organizations are members of the task force."
        )
    if "leader_ids" in values:
        ids = values.pop("leader_ids")
        if ids is not None:
            values["leaders"] = all_named(access.visible_leaders(user), ids, "Choose survivor leaders of the task force.")
    if "industry_id" in values:
        industry_id = values.pop("industry_id")
        values["industry"] = None if industry_id is None else access.access_assessed_industry(user, industry_id)
    return values


@router.get("/outreach-events", response={200: list[EventOut], **E403, **E404})
@paginated
def list_events(request: HttpRequest, status: str = "", region_id: int | None = None) -> list[dict[str, Any]]:
    """Outreach and awareness events, newest first (every colleague; the survivor leaders who
    led an event: the coordinator only)."""
    user = acting_user(request)
    access.require_events_reader(user)
    events = access.visible_events(user).prefetch_related("partners", "leaders").order_by("-occurred_on", "-pk")
    if status:
        events = events.filter(status=status)
    if region_id is not None:
        events = events.filter(region_id=region_id)
    return [_event_out(user, e) for e in events]


@router.post("/outreach-events", response={201: EventOut, **CHANGE})
def plan_event(request: HttpRequest, payload: EventIn) -> Status[dict[str, Any]]:
    """Plan (or record) an event: leadership anywhere, a navigator in their regions. From a
    threat assessment: ``industry_id`` of an assessed industry."""
    user = acting_user(request)
    access.require_events_reader(user)
    values = payload.dict()
    if values.get("leader_ids") is None:
        values.pop("leader_ids", None)
    event = actions.plan_event(access.task_force_of(user), acting_user=user, **_event_values(user, values))
    return Status(201, _event_out(user, event))


@router.get("/outreach-events/{event_id}", response={200: EventOut, **E403, **E404})
def get_event(request: HttpRequest, event_id: int) -> dict[str, Any]:
    user = acting_user(request)
    return _event_out(user, access.access_event(user, event_id))


@router.patch("/outreach-events/{event_id}", response={200: EventOut, **CHANGE, **E409})
def change_event(request: HttpRequest, event_id: int, payload: EventPatch) -> dict[str, Any]:
    user = acting_user(request)
    event = access.access_event(user, event_id, for_change=True)
    return _event_out(user, actions.update_event(event, acting_user=user, **_event_values(user, payload.dict(exclude_unset=True))))


@router.post("/outreach-events/{event_id}/held", response={200: EventOut, **CHANGE, **E409})
def event_held(request: HttpRequest, event_id: int, payload: HeldIn) -> dict[str, Any]:
    """The event took place: attendance required, date not in the future."""
    user = acting_user(request)
    event = access.access_event(user, event_id, for_change=True)
    return _event_out(user, actions.record_event_held(event, acting_user=user, **payload.dict()))


@router.post("/outreach-events/{event_id}/cancel", response={200: EventOut, **CHANGE, **E409})
def cancel_event(request: HttpRequest, event_id: int) -> dict[str, Any]:
    user = acting_user(request)
    event = access.access_event(user, event_id, for_change=True)
    return _event_out(user, actions.cancel_event(event, acting_user=user))


@router.get("/outreach-attendance", response={200: list[AttendanceYearOut], **E404})
def outreach_attendance(request: HttpRequest) -> list[Any]:
    """Events held, attendance and events planned per region and per kind, by federal fiscal
    year. Counts only (no titles, no names): every participant, the auditor included."""
    user = acting_user(request)
    access.require_attendance_reader(user)
    return attendance_by_region(access.task_force_of(user))


# --- data lists -------------------------------------------------------------------------------


@router.get("/naics", response=list[NaicsOut])
def naics(request: HttpRequest) -> list[Any]:
    """The NAICS 2022 sectors and industries an assessment chooses from, with the
    trafficking_industry values whose tips and investigations count for each."""
    return list(catalog.industries().values())


@router.get("/vulnerability-factors", response=FactorsOut)
def vulnerability_factors(request: HttpRequest) -> dict[str, Any]:
    """The current factor list and weights. Score = min(100, sum of the weights present)."""
    current = catalog.factors()
    return {"version": current.version, "max_score": catalog.MAX_SCORE, "factors": list(current.factors)}


# --- threat assessments -----------------------------------------------------------------------


def _assessment_out(user: User, assessment_id: int) -> dict[str, Any]:
    assessment = access.access_assessment(user, assessment_id)
    return {
        "id": assessment.pk, "region_id": assessment.region_id, "region": assessment.region.name,
        "fiscal_year": assessment.fiscal_year, "notes": assessment.notes,
        "industries": [_industry_out(r) for r in assessment_rows(assessment)],
    }


def _industry_out(item: Any) -> dict[str, Any]:
    row: AssessedIndustry = item.row
    return {
        "id": row.pk, "naics_code": row.naics_code, "title": row.title, "establishments": row.establishments,
        "workers": row.workers, "factors": row.factors, "factors_version": row.factors_version, "score": row.score,
        "notes": row.notes, "tips": item.counts.tips_shown, "investigations": item.counts.investigations_shown,
        "outreach_planned": item.planned, "outreach_held": item.held, "outreach_attendance": item.attendance,
    }


@router.get("/threat-assessments", response={200: list[AssessmentBrief], **E403, **E404})
@paginated
def list_assessments(request: HttpRequest, fiscal_year: int | None = None) -> list[dict[str, Any]]:
    """Threat assessments (leadership, navigators, law-enforcement and prosecution members)."""
    user = acting_user(request)
    access.require_assessment_reader(user)
    assessments = assessments_with_counts(access.visible_assessments(user))
    if fiscal_year is not None:
        assessments = assessments.filter(fiscal_year=fiscal_year)
    return [
        {"id": a.pk, "region_id": a.region_id, "region": a.region.name, "fiscal_year": a.fiscal_year, "notes": a.notes}
        for a in assessments
    ]


@router.post("/threat-assessments", response={201: AssessmentOut, **CHANGE})
def start_assessment(request: HttpRequest, payload: AssessmentIn) -> Status[dict[str, Any]]:
    user = acting_user(request)
    access.require_assessment_reader(user)
    region = one_named(visible_to(user, Region), payload.region_id, "Choose a region of the task force.")
    assessment = actions.record_threat_assessment(region, acting_user=user, fiscal_year=payload.fiscal_year, notes=payload.notes)
    return Status(201, _assessment_out(user, assessment.pk))


@router.get("/threat-assessments/{assessment_id}", response={200: AssessmentOut, **E403, **E404})
def get_assessment(request: HttpRequest, assessment_id: int) -> dict[str, Any]:
    """An assessment with each industry's score, its suppressed tip and investigation counts
    ("0", "1–4", or the number) and the outreach planned and held from it."""
    return _assessment_out(acting_user(request), assessment_id)


@router.patch("/threat-assessments/{assessment_id}", response={200: AssessmentOut, **CHANGE})
def change_assessment(request: HttpRequest, assessment_id: int, payload: AssessmentPatch) -> dict[str, Any]:
    user = acting_user(request)
    assessment = access.access_assessment(user, assessment_id, for_change=True)
    actions.update_threat_assessment(assessment, acting_user=user, notes=payload.notes)
    return _assessment_out(user, assessment_id)


@router.post("/threat-assessments/{assessment_id}/industries", response={201: AssessmentOut, **CHANGE})
def add_industry(request: HttpRequest, assessment_id: int, payload: IndustryIn) -> Status[dict[str, Any]]:
    user = acting_user(request)
    assessment = access.access_assessment(user, assessment_id, for_change=True)
    actions.add_assessed_industry(assessment, acting_user=user, **payload.dict())
    return Status(201, _assessment_out(user, assessment_id))


@router.patch("/assessed-industries/{industry_id}", response={200: AssessedIndustryOut, **CHANGE})
def change_industry(request: HttpRequest, industry_id: int, payload: IndustryPatch) -> dict[str, Any]:
    user = acting_user(request)
    row = access.access_assessed_industry(user, industry_id, for_change=True)
    actions.update_assessed_industry(row, acting_user=user, **payload.dict(exclude_unset=True))
    rows = [r for r in assessment_rows(row.assessment) if r.row.pk == row.pk]
    return _industry_out(rows[0])
