"""The API of meetings, subcommittees, action items and decisions: the same access rules and
actions as the pages (ally/access/meetings.py, ally.meetings.actions). Case reviews exist only
for their attendees; minutes are never in a list."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import ConfigDict

from ally.access import meetings as access
from ally.access.governance import require_colleague
from ally.access.survivors import access_client
from ally.accounts.models import User
from ally.api.auth import acting_user
from ally.api.common import CHANGE, E403, E404, E409, all_named, one_named, paginated
from ally.core.errors import InvalidInput, NotPermitted, NotVisible
from ally.meetings import actions
from ally.meetings.models import ActionItem, ActionStatus, Committee, Decision, Meeting, MeetingKind
from ally.meetings.views.decisions import search_decisions
from ally.survivors.fieldgroups import FieldGroup
from ally.tenancy.models import Organization, Region

router = Router(tags=["meetings"])


class StrictIn(Schema):
    model_config = ConfigDict(extra="forbid")


class CommitteeOut(Schema):
    id: int
    name: str
    purpose: str
    chair_id: int | None
    member_ids: list[int]


class CommitteeIn(StrictIn):
    name: str
    purpose: str = ""
    chair_id: int | None = None
    member_ids: list[int] = []


class MeetingBrief(Schema):
    id: int
    kind: str
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    location: str
    committee_id: int | None
    region_id: int | None
    cancelled: bool
    has_minutes: bool


class CaseOut(Schema):
    id: int
    client_id: int | None  # null: a case you cannot open


class MeetingOut(MeetingBrief):
    call_link: str
    agenda: str
    minutes: str
    attended_ids: list[int]
    attendee_ids: list[int] | None  # case reviews: the attendee list
    cases: list[CaseOut] | None
    action_item_ids: list[int]


class MeetingIn(StrictIn):
    kind: str
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    location: str = ""
    call_link: str = ""
    agenda: str = ""
    committee_id: int | None = None
    region_id: int | None = None
    attendee_ids: list[int] = []


class MeetingPatch(StrictIn):
    title: str | None = None
    starts_at: dt.datetime | None = None
    ends_at: dt.datetime | None = None
    location: str | None = None
    call_link: str | None = None
    agenda: str | None = None


class MinutesIn(StrictIn):
    minutes: str


class PeopleIn(StrictIn):
    user_ids: list[int]


class ActionItemOut(Schema):
    id: int
    title: str
    owner_id: int
    due_on: dt.date
    meeting_id: int | None
    status: str
    done_note: str
    done_at: dt.datetime | None


class ActionItemIn(StrictIn):
    title: str
    owner_id: int | None = None
    due_on: dt.date
    meeting_id: int | None = None


class CompleteIn(StrictIn):
    note: str = ""


class DecisionOut(Schema):
    id: int
    title: str
    rationale: str
    decided_on: dt.date
    body: str
    committee_id: int | None
    meeting_id: int | None
    affects_all: bool
    organization_ids: list[int]
    disciplines: list[str]
    roles: list[str]
    supersedes_id: int | None
    superseded_by_id: int | None
    recorded_by_id: int | None
    recorded_at: dt.datetime


class DecisionIn(StrictIn):
    title: str
    rationale: str
    decided_on: dt.date
    body: str
    committee_id: int | None = None
    meeting_id: int | None = None
    affects_all: bool = True
    organization_ids: list[int] = []
    disciplines: list[str] = []
    roles: list[str] = []
    supersedes_id: int | None = None


def _people(user: User, ids: list[int]) -> list[User]:
    return all_named(access.colleagues_of(require_colleague(user).task_force_id), ids,
                     _("Everyone named is a person of the task force."))


def _committee_out(committee: Committee) -> dict[str, Any]:
    return {"id": committee.pk, "name": committee.name, "purpose": committee.purpose, "chair_id": committee.chair_id,
            "member_ids": sorted(m.pk for m in committee.members.all())}


@router.get("/committees", response={200: list[CommitteeOut], **E403, **E404})
@paginated
def list_committees(request: HttpRequest) -> list[dict[str, Any]]:
    user = acting_user(request)
    require_colleague(user)
    return [_committee_out(c) for c in access.visible_committees(user).prefetch_related("members")]


@router.post("/committees", response={201: CommitteeOut, **CHANGE, **E409})
def create_committee(request: HttpRequest, payload: CommitteeIn) -> Status[dict[str, Any]]:
    """Set up a subcommittee (leadership)."""
    user = acting_user(request)
    require_colleague(user)
    if not access.manages_committees(user):
        raise NotPermitted()
    people = _people(user, payload.member_ids)
    chair = _people(user, [payload.chair_id])[0] if payload.chair_id else None
    committee = actions.create_committee(access.own_task_force(user), acting_user=user, name=payload.name,
                                         purpose=payload.purpose, chair=chair, members=people)
    return Status(201, _committee_out(committee))


def _brief(meeting: Meeting) -> dict[str, Any]:
    return {
        **{f: getattr(meeting, f) for f in ("id", "kind", "title", "starts_at", "ends_at", "location",
                                             "committee_id", "region_id")},
        "cancelled": meeting.is_cancelled, "has_minutes": bool(meeting.minutes),
    }


def _names(user: User, client_id: int) -> bool:
    """Whether the reader may know which client a case is: as on the page, only when the client's
    own compartment lets them read its identity (a read through a share is logged as a disclosure)."""
    try:
        access_client(user, client_id, group=FieldGroup.IDENTITY)
    except NotVisible:
        return False
    return True


def _meeting_out(user: User, meeting: Meeting) -> dict[str, Any]:
    cases = None
    if meeting.is_case_review:
        cases = [{"id": c.pk, "client_id": c.client_id if _names(user, c.client_id) else None}
                 for c in meeting.cases.all()]
    return {
        **_brief(meeting), "call_link": meeting.call_link, "agenda": meeting.agenda, "minutes": meeting.minutes,
        "attended_ids": sorted(meeting.attended.values_list("pk", flat=True)),
        "attendee_ids": sorted(meeting.attendee_list.values_list("pk", flat=True)) if meeting.is_case_review else None,
        "cases": cases,
        "action_item_ids": list(meeting.action_items.order_by("due_on", "pk").values_list("pk", flat=True)),
    }


@router.get("/meetings", response={200: list[MeetingBrief], **E403, **E404})
@paginated
def list_meetings(request: HttpRequest, upcoming: bool = False, kind: str = "") -> list[dict[str, Any]]:
    """Meetings you may see (case reviews only when you are on their attendee list), newest
    first; ``upcoming``: those not over yet, soonest first."""
    user = acting_user(request)
    require_colleague(user)
    meetings = access.visible_meetings(user)
    if kind:
        meetings = meetings.filter(kind=kind)
    if upcoming:
        meetings = meetings.filter(ends_at__gte=timezone.now()).order_by("starts_at", "pk")
    return [_brief(m) for m in meetings]


@router.get("/meetings/{meeting_id}", response={200: MeetingOut, **E403, **E404})
def get_meeting(request: HttpRequest, meeting_id: int) -> dict[str, Any]:
    user = acting_user(request)
    return _meeting_out(user, access.access_meeting(user, meeting_id))


@router.post("/meetings", response={201: MeetingOut, **CHANGE})
def schedule_meeting(request: HttpRequest, payload: MeetingIn) -> Status[dict[str, Any]]:
    """Schedule a meeting (leadership; a subcommittee's chair for its meetings). Its invitees are told."""
    user = acting_user(request)
    grants = require_colleague(user)
    committee = (one_named(access.visible_committees(user), payload.committee_id, _("Choose a subcommittee of the task force."))
                 if payload.committee_id else None)
    region = (one_named(Region.objects.filter(task_force_id=grants.task_force_id), payload.region_id,
                        _("Choose a region of the task force.")) if payload.region_id else None)
    if payload.kind not in MeetingKind.values:
        raise InvalidInput(_("Choose the kind of meeting."))
    meeting = actions.schedule_meeting(
        access.own_task_force(user), acting_user=user, kind=payload.kind, title=payload.title, starts_at=payload.starts_at,
        ends_at=payload.ends_at, location=payload.location, call_link=payload.call_link, agenda=payload.agenda,
        committee=committee, region=region, attendees=_people(user, payload.attendee_ids),
    )
    return Status(201, _meeting_out(user, meeting))


@router.patch("/meetings/{meeting_id}", response={200: MeetingOut, **CHANGE, **E409})
def update_meeting(request: HttpRequest, meeting_id: int, payload: MeetingPatch) -> dict[str, Any]:
    user = acting_user(request)
    meeting = access.access_meeting(user, meeting_id, for_change=True)
    changes = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    return _meeting_out(user, actions.update_meeting(meeting, acting_user=user, **changes))


@router.post("/meetings/{meeting_id}/cancel", response={200: MeetingOut, **CHANGE, **E409})
def cancel_meeting(request: HttpRequest, meeting_id: int) -> dict[str, Any]:
    user = acting_user(request)
    meeting = access.access_meeting(user, meeting_id, for_change=True)
    return _meeting_out(user, actions.cancel_meeting(meeting, acting_user=user))


@router.post("/meetings/{meeting_id}/minutes", response={200: MeetingOut, **CHANGE, **E409})
def record_minutes(request: HttpRequest, meeting_id: int, payload: MinutesIn) -> dict[str, Any]:
    """Record the minutes (no names or identifying details in minutes)."""
    user = acting_user(request)
    meeting = access.access_meeting(user, meeting_id, for_change=True)
    return _meeting_out(user, actions.record_minutes(meeting, acting_user=user, minutes=payload.minutes))


@router.post("/meetings/{meeting_id}/attendance", response={200: MeetingOut, **CHANGE, **E409})
def record_attendance(request: HttpRequest, meeting_id: int, payload: PeopleIn) -> dict[str, Any]:
    """Who attended (at a case review: people on its attendee list only)."""
    user = acting_user(request)
    meeting = access.access_meeting(user, meeting_id, for_change=True)
    people = _people(user, payload.user_ids)
    return _meeting_out(user, actions.record_attendance(meeting, acting_user=user, attended=people))


@router.post("/meetings/{meeting_id}/attendees", response={200: MeetingOut, **CHANGE})
def set_attendees(request: HttpRequest, meeting_id: int, payload: PeopleIn) -> dict[str, Any]:
    """Set a case review's attendee list (leadership on the list)."""
    user = acting_user(request)
    meeting = access.access_meeting(user, meeting_id, for_change=True)
    return _meeting_out(user, actions.set_attendees(meeting, acting_user=user, attendees=_people(user, payload.user_ids)))


@router.get("/action-items", response={200: list[ActionItemOut], **E403, **E404})
@paginated
def list_action_items(request: HttpRequest, mine: bool = False, open: bool = False) -> QuerySet[ActionItem]:  # noqa: A002
    """Action items you may see (``mine``: yours; ``open``: not done), by due date."""
    user = acting_user(request)
    require_colleague(user)
    items = access.visible_action_items(user)
    if mine:
        items = items.filter(owner_id=user.pk)
    if open:
        items = items.filter(status=ActionStatus.OPEN)
    return items.order_by("due_on", "pk")


@router.post("/action-items", response={201: ActionItemOut, **CHANGE})
def create_action_item(request: HttpRequest, payload: ActionItemIn) -> Status[ActionItem]:
    """Assign an action item: from a meeting (who may change it) or standalone (leadership).
    The owner is required and is a person of the task force (a case review's: an attendee)."""
    user = acting_user(request)
    grants = require_colleague(user)
    meeting = access.access_meeting(user, payload.meeting_id) if payload.meeting_id else None
    if not access.assigns_action_items(user, meeting):
        raise NotPermitted()
    owner = None
    if payload.owner_id is not None:
        owner = one_named(access.colleagues_of(grants.task_force_id), payload.owner_id,
                          _("The owner of an action item is a person of the task force."))
    item = actions.assign_action_item(access.own_task_force(user), acting_user=user, title=payload.title, owner=owner,
                                      due_on=payload.due_on, meeting=meeting)
    return Status(201, item)


@router.post("/action-items/{item_id}/complete", response={200: ActionItemOut, **CHANGE, **E409})
def complete_action_item(request: HttpRequest, item_id: int, payload: CompleteIn) -> ActionItem:
    user = acting_user(request)
    item = access.access_action_item(user, item_id, for_change=True)
    return actions.complete_action_item(item, acting_user=user, note=payload.note)


def _decision_out(decision: Decision) -> dict[str, Any]:
    later = decision.superseded_by.first()
    return {
        **{f: getattr(decision, f) for f in ("id", "title", "rationale", "decided_on", "body", "committee_id",
                                              "meeting_id", "affects_all", "disciplines", "roles", "supersedes_id",
                                              "recorded_by_id", "recorded_at")},
        "organization_ids": sorted(o.pk for o in decision.organizations.all()),
        "superseded_by_id": later.pk if later else None,
    }


@router.get("/decisions", response={200: list[DecisionOut], **E403, **E404})
@paginated
def list_decisions(request: HttpRequest, q: str = "", body: str = "", year: int | None = None,
                   organization_id: int | None = None) -> list[dict[str, Any]]:
    """The decision log, newest first: ``q`` searches title and rationale; filter by ``body``,
    ``year`` and the ``organization_id`` affected."""
    user = acting_user(request)
    grants = require_colleague(user)
    organization = (Organization.objects.filter(task_force_id=grants.task_force_id, pk=organization_id).first()
                    if organization_id else None)
    if organization_id and organization is None:
        return []
    found = search_decisions(access.visible_decisions(user), q=q, body=body, year=year, organization=organization)
    return [_decision_out(d) for d in found.prefetch_related("organizations", "superseded_by")]


@router.get("/decisions/{decision_id}", response={200: DecisionOut, **E403, **E404})
def get_decision(request: HttpRequest, decision_id: int) -> dict[str, Any]:
    return _decision_out(access.access_decision(acting_user(request), decision_id))


@router.post("/decisions", response={201: DecisionOut, **CHANGE, **E409})
def record_decision(request: HttpRequest, payload: DecisionIn) -> Status[dict[str, Any]]:
    """Record a decision (leadership; a subcommittee's chair for its subcommittee). The members
    it affects are told. Never at a case review; never edited (a later one supersedes it)."""
    user = acting_user(request)
    grants = require_colleague(user)
    committee = (one_named(access.visible_committees(user), payload.committee_id, _("Choose a subcommittee of the task force."))
                 if payload.committee_id else None)
    meeting = (one_named(access.visible_meetings(user), payload.meeting_id, _("Choose a meeting of the task force."))
               if payload.meeting_id else None)
    organizations = all_named(Organization.objects.filter(task_force_id=grants.task_force_id), payload.organization_ids,
                              _("A decision affects organizations of this task force only."))
    supersedes = (one_named(access.visible_decisions(user), payload.supersedes_id, _("Choose an earlier decision of this task force."))
                  if payload.supersedes_id else None)
    decision = actions.record_decision(
        access.own_task_force(user), acting_user=user, title=payload.title, rationale=payload.rationale,
        decided_on=payload.decided_on, body=payload.body, committee=committee, meeting=meeting,
        affects_all=payload.affects_all, organizations=organizations, disciplines=payload.disciplines,
        roles=payload.roles, supersedes=supersedes,
    )
    return Status(201, _decision_out(decision))
