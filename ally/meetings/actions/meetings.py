"""Subcommittees and meetings: scheduling, changes, minutes, attendance and case reviews."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ally.access import meetings as access
from ally.access.governance import is_leadership, require_colleague
from ally.access.policy import grants_for
from ally.access.survivors import visible_clients
from ally.accounts.models import User
from ally.audit.chain import record
from ally.audit.events import EventType
from ally.core.errors import Conflict, InvalidInput, NotPermitted
from ally.meetings.actions._common import moment, participants, tell_invitees, text_value
from ally.meetings.models import CaseReviewCase, Committee, Meeting, MeetingKind
from ally.notifications import NotificationKind
from ally.survivors.models import Client
from ally.tenancy.models import Region, TaskForce


def _leadership(acting_user: User | None, task_force: TaskForce) -> None:
    if acting_user is None:
        return
    grants = require_colleague(acting_user)
    if grants.task_force_id != task_force.pk or not is_leadership(grants):
        raise NotPermitted()


def _committee_values(task_force: TaskForce, name: Any, purpose: Any, chair: User | None,
                      members: list[User]) -> tuple[str, str, list[User]]:
    name = text_value(name, _("The name"), 160, required=True)
    purpose = text_value(purpose, _("The purpose"), 4000, multiline=True)
    people = participants(task_force.pk, [*members, *([chair] if chair else [])],
                          _("Members and the chair are people of the task force."))
    return name, purpose, people


def create_committee(task_force: TaskForce, *, acting_user: User | None, name: str, purpose: str = "",
                     chair: User | None = None, members: list[User] | None = None) -> Committee:
    """Set up a subcommittee (leadership). The chair is one of its members."""
    _leadership(acting_user, task_force)
    name, purpose, people = _committee_values(task_force, name, purpose, chair, members or [])
    if Committee.objects.filter(task_force=task_force, name__iexact=name).exists():
        raise Conflict(_("There is already a subcommittee of that name."))
    with transaction.atomic():
        committee = Committee.objects.create(
            task_force=task_force, name=name, purpose=purpose, chair=chair, created_by=acting_user
        )
        committee.members.set(people)
        record(EventType.COMMITTEE_CREATED, actor=acting_user, task_force=task_force, target=committee,
               changes={"members": len(people), "chair_id": chair.pk if chair else None})
    return committee


def update_committee(committee: Committee, *, acting_user: User | None, name: str, purpose: str = "",
                     chair: User | None = None, members: list[User] | None = None) -> Committee:
    _leadership(acting_user, committee.task_force)
    name, purpose, people = _committee_values(committee.task_force, name, purpose, chair, members or [])
    if Committee.objects.filter(task_force_id=committee.task_force_id, name__iexact=name).exclude(
            pk=committee.pk).exists():
        raise Conflict(_("There is already a subcommittee of that name."))
    with transaction.atomic():
        changed = [f for f, v in (("name", name), ("purpose", purpose), ("chair_id", chair.pk if chair else None))
                   if getattr(committee, f) != v]
        committee.name, committee.purpose, committee.chair = name, purpose, chair
        committee.save()
        committee.members.set(people)
        record(EventType.COMMITTEE_UPDATED, actor=acting_user, task_force=committee.task_force, target=committee,
               changes={"fields": changed, "members": len(people)})
    return committee


MEETING_FIELDS = ("title", "starts_at", "ends_at", "location", "call_link", "agenda")


def _meeting_values(task_force: TaskForce, values: dict[str, Any]) -> dict[str, Any]:
    cleaned: dict[str, Any] = {
        "title": text_value(values.get("title"), _("The title"), 200, required=True),
        "starts_at": moment(values.get("starts_at"), _("the start")),
        "ends_at": moment(values.get("ends_at"), _("the end")),
        "location": text_value(values.get("location"), _("The location"), 300),
        "call_link": text_value(values.get("call_link"), _("The call link"), 500),
        "agenda": text_value(values.get("agenda"), _("The agenda"), 20000, multiline=True),
    }
    if cleaned["ends_at"] <= cleaned["starts_at"]:
        raise InvalidInput(_("A meeting ends after it starts."))
    if cleaned["call_link"]:
        try:
            if any(c.isspace() for c in cleaned["call_link"]):
                raise ValidationError("whitespace")
            URLValidator(schemes=["https", "http"])(cleaned["call_link"])
        except ValidationError:
            raise InvalidInput(_("The call link is a web address starting with https://.")) from None
    return cleaned


def schedule_meeting(task_force: TaskForce, *, acting_user: User | None, kind: str, title: str,
                     starts_at: dt.datetime, ends_at: dt.datetime, location: str = "", call_link: str = "",
                     agenda: str = "", committee: Committee | None = None, region: Region | None = None,
                     attendees: list[User] | None = None, notify_invitees: bool = True,
                     convened_by: User | None = None) -> Meeting:
    """Schedule a meeting and tell its invitees. Leadership schedules any kind; a subcommittee's
    chair that subcommittee's. A subcommittee meeting names its subcommittee, a listening
    session its region; a case review its attendee list, on which the convener always is. The
    convener is the person acting (the system, acting for no one, may name one: ``convened_by``)."""
    convener = acting_user or convened_by
    if kind not in MeetingKind.values:
        raise InvalidInput(_("Choose the kind of meeting."))
    if acting_user is not None and (
        grants_for(acting_user).task_force_id != task_force.pk or not access.schedules(acting_user, kind, committee)
    ):
        require_colleague(acting_user)
        raise NotPermitted()
    values = _meeting_values(task_force, {"title": title, "starts_at": starts_at, "ends_at": ends_at,
                                          "location": location, "call_link": call_link, "agenda": agenda})
    if kind == MeetingKind.SUBCOMMITTEE:
        if committee is None or committee.task_force_id != task_force.pk:
            raise InvalidInput(_("Choose the subcommittee that meets."))
    else:
        committee = None
    if kind == MeetingKind.LISTENING_SESSION:
        if region is None or region.task_force_id != task_force.pk:
            raise InvalidInput(_("Choose the region of the listening session."))
    else:
        region = None
    people: list[User] = []
    if kind == MeetingKind.CASE_REVIEW:
        people = participants(task_force.pk, [*(attendees or []), *([convener] if convener else [])],
                              _("Everyone on a case review's attendee list is a person of the task force."))
        if len({p.pk for p in people}) < 2:
            raise InvalidInput(_("A case review needs at least one attendee besides you."))
    with transaction.atomic():
        meeting = Meeting.objects.create(task_force=task_force, kind=kind, committee=committee, region=region,
                                         convened_by=convener, **values)
        if people:
            meeting.attendee_list.set(people)
        record(EventType.MEETING_SCHEDULED, actor=acting_user, task_force=task_force, target=meeting,
               changes={"kind": kind, "starts_at": values["starts_at"].isoformat(),
                        "committee_id": committee.pk if committee else None,
                        "region_id": region.pk if region else None, "attendees": len(people)})
        if notify_invitees:
            tell_invitees(meeting, NotificationKind.MEETING_SCHEDULED,
                          _("Meeting scheduled for %(date)s (%(kind)s)"), but=acting_user)
    return meeting


def _check_change(acting_user: User | None, meeting: Meeting) -> None:
    if acting_user is not None:
        access.access_meeting(acting_user, meeting.pk, for_change=True)


def update_meeting(meeting: Meeting, *, acting_user: User | None, **changes: Any) -> Meeting:
    """Change a meeting's title, time, place or agenda; invitees hear of a new time or place."""
    _check_change(acting_user, meeting)
    if meeting.is_cancelled:
        raise Conflict(_("This meeting was cancelled."))
    unknown = set(changes) - set(MEETING_FIELDS)
    if unknown:
        raise InvalidInput(_("These cannot be changed here: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    values = _meeting_values(meeting.task_force, {f: changes.get(f, getattr(meeting, f)) for f in MEETING_FIELDS})
    changed = [f for f in MEETING_FIELDS if getattr(meeting, f) != values[f]]
    if not changed:
        return meeting
    with transaction.atomic():
        for field, value in values.items():
            setattr(meeting, field, value)
        meeting.updated_at = timezone.now()
        meeting.save()
        record(EventType.MEETING_UPDATED, actor=acting_user, task_force=meeting.task_force, target=meeting,
               changes={"fields": changed})
        if {"starts_at", "ends_at", "location", "call_link"} & set(changed):
            tell_invitees(meeting, NotificationKind.MEETING_CHANGED,
                          _("Meeting of %(date)s changed (%(kind)s)"), but=acting_user)
    return meeting


def cancel_meeting(meeting: Meeting, *, acting_user: User | None) -> Meeting:
    _check_change(acting_user, meeting)
    if meeting.is_cancelled:
        raise Conflict(_("This meeting was already cancelled."))
    with transaction.atomic():
        meeting.cancelled_at = timezone.now()
        meeting.updated_at = meeting.cancelled_at
        meeting.save(update_fields=["cancelled_at", "updated_at"])
        record(EventType.MEETING_CANCELLED, actor=acting_user, task_force=meeting.task_force, target=meeting,
               changes={"starts_at": meeting.starts_at.isoformat()})
        tell_invitees(meeting, NotificationKind.MEETING_CHANGED,
                      _("Meeting of %(date)s cancelled (%(kind)s)"), but=acting_user)
    return meeting


def record_minutes(meeting: Meeting, *, acting_user: User | None, minutes: str, notify_invitees: bool = True) -> Meeting:
    """Record (or correct) the minutes; invitees hear the first time they are posted."""
    _check_change(acting_user, meeting)
    if meeting.is_cancelled:
        raise Conflict(_("This meeting was cancelled: it has no minutes."))
    minutes = text_value(minutes, _("The minutes"), 50000, required=True, multiline=True)
    first = not meeting.minutes
    with transaction.atomic():
        meeting.minutes = minutes
        meeting.minutes_recorded_at = timezone.now()
        meeting.minutes_recorded_by = acting_user
        meeting.save(update_fields=["minutes", "minutes_recorded_at", "minutes_recorded_by"])
        record(EventType.MEETING_MINUTES_RECORDED, actor=acting_user, task_force=meeting.task_force,
               target=meeting, changes={"first": first, "length": len(minutes)})
        if first and notify_invitees:
            tell_invitees(meeting, NotificationKind.MINUTES_POSTED,
                          _("Minutes posted for the meeting of %(date)s (%(kind)s)"), but=acting_user)
    return meeting


def record_attendance(meeting: Meeting, *, acting_user: User | None, attended: list[User]) -> Meeting:
    """Who was there: people of the task force; at a case review only those on its list."""
    _check_change(acting_user, meeting)
    if meeting.is_cancelled:
        raise Conflict(_("This meeting was cancelled: nobody attended."))
    people = list(attended)
    if meeting.is_case_review:
        listed = set(meeting.attendee_list.values_list("pk", flat=True))
        if any(p.pk not in listed for p in people):
            raise InvalidInput(_("Only people on the case review's attendee list can attend it. "
                                 "Add them to the list first (its convener can)."))
    participants(meeting.task_force_id, people, _("Only people of the task force can be recorded as attending."))
    with transaction.atomic():
        meeting.attended.set(people)
        record(EventType.MEETING_ATTENDANCE_RECORDED, actor=acting_user, task_force=meeting.task_force,
               target=meeting, changes={"attended": len(people)})
    return meeting


def set_attendees(meeting: Meeting, *, acting_user: User | None, attendees: list[User]) -> Meeting:
    """Set a case review's attendee list (its convener, or leadership on the list). The convener
    stays on it; who drops off loses sight of the meeting and is dropped from its attendance."""
    _check_change(acting_user, meeting)
    if not meeting.is_case_review:
        raise InvalidInput(_("Only a case review has an attendee list."))
    people = {p.pk: p for p in attendees}
    if meeting.convened_by_id:
        people.setdefault(meeting.convened_by_id, meeting.convened_by)  # type: ignore[arg-type]
    if acting_user is not None:
        people.setdefault(acting_user.pk, acting_user)
    chosen = participants(meeting.task_force_id, list(people.values()),
                          _("Everyone on a case review's attendee list is a person of the task force."))
    owners = set(meeting.action_items.filter(status="open").values_list("owner_id", flat=True))
    if owners - set(people):
        raise InvalidInput(_("Someone you took off the list owns an open action item of this case review: "
                             "reassign or close it first."))
    with transaction.atomic():
        meeting.attendee_list.set(chosen)
        gone = meeting.attended.exclude(pk__in=list(people))
        meeting.attended.remove(*gone)
        record(EventType.MEETING_ATTENDEES_CHANGED, actor=acting_user, task_force=meeting.task_force,
               target=meeting, changes={"attendees": len(chosen)})
    return meeting


def add_case(meeting: Meeting, *, acting_user: User | None, client: Client) -> CaseReviewCase:
    """List a client among the cases a case review discusses. The person adding must be able to
    see that client in its own compartment; the system (demo) may add any client of the task force."""
    if acting_user is not None:
        access.access_meeting(acting_user, meeting.pk)  # any attendee
    if not meeting.is_case_review:
        raise InvalidInput(_("Cases are discussed at case reviews only."))
    if meeting.is_cancelled:
        raise Conflict(_("This case review was cancelled: no case is discussed at it."))
    if acting_user is not None and not visible_clients(acting_user).filter(pk=client.pk).exists():
        raise InvalidInput(_("You can only add a case you can open yourself."))
    if client.task_force_id != meeting.task_force_id:
        raise InvalidInput(_("You can only add a case you can open yourself."))
    if meeting.cases.filter(client=client).exists():
        raise Conflict(_("This case is already on the case review."))
    with transaction.atomic():
        case = CaseReviewCase.objects.create(meeting=meeting, client=client, added_by=acting_user)
        record(EventType.CASE_REVIEW_CASE_ADDED, actor=acting_user, task_force=meeting.task_force,
               target=meeting, changes={"case_id": case.pk})
    return case
