"""Who may see and do what with meetings, subcommittees, action items and decisions.

- Every *colleague* of the task force (a working member or a role holder other than an auditor)
  reads subcommittees, meetings (agenda, minutes, attendance), their action items and the decision
  log. Funders and auditors: 403. People outside the task force: 404.
- **Case reviews are a confidential forum.** The meeting, its agenda, minutes, cases, attendance
  and action items exist only for the people on its attendee list: 404 for everybody else, the
  coordinator and co-leads included when not on it. A case review appears in nobody else's
  lists, calendars, API answers or counts. The leadership person who convenes it sets the list
  and is always on it. A client discussed there is named to an attendee only when the client's
  own compartment (ally/access/survivors.py) opens that client to them.
- Leadership (the coordinator and co-leads) schedules and changes meetings, sets up
  subcommittees, assigns standalone action items and records decisions (a decision of the
  coordinator only the coordinator). A subcommittee's chair also schedules that subcommittee's
  meetings and records its decisions — attached only to its own meetings, superseding only its
  own earlier decisions. A case review is changed only by leadership on its attendee list.
- An action item is seen with its meeting; a standalone one by leadership and its owner. Its owner
  or leadership (who can see it) marks it done.

Not visible ⇒ 404 (``NotVisible``); visible but not allowed ⇒ 403 (``NotPermitted``).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from ally.access.governance import is_leadership, require_colleague
from ally.access.policy import Grants, grants_for
from ally.accounts.models import User
from ally.core.errors import NotPermitted, NotVisible
from ally.meetings.models import ActionItem, Committee, Decision, Meeting, MeetingKind
from ally.tenancy.models import Membership, TaskForce, TaskForceRole
from ally.tenancy.vocab import TaskForceRoleKind


def colleagues_of(task_force_id: int | None) -> QuerySet[User]:
    """The task force's working people: active members of its active organizations and holders
    of a task-force role other than auditor (active accounts)."""
    members = Membership.objects.filter(
        task_force_id=task_force_id, is_active=True, organization__is_active=True
    ).values("user_id")
    holders = TaskForceRole.objects.filter(task_force_id=task_force_id).exclude(
        role=TaskForceRoleKind.AUDITOR
    ).values("user_id")
    return User.objects.filter(Q(pk__in=members) | Q(pk__in=holders), is_active=True)


def _colleague(user: Any) -> Grants | None:
    grants = grants_for(user)
    return grants if grants.is_participant and grants.is_colleague else None


# --- subcommittees ---------------------------------------------------------------------------


def visible_committees(user: Any) -> QuerySet[Committee]:
    grants = _colleague(user)
    if grants is None:
        return Committee.objects.none()
    return Committee.objects.filter(task_force_id=grants.task_force_id)


def access_committee(user: Any, pk: Any, *, for_change: bool = False) -> Committee:
    grants = require_colleague(user)
    try:
        committee = visible_committees(user).select_related("chair").get(pk=pk)
    except (Committee.DoesNotExist, ValueError, TypeError):
        raise NotVisible() from None
    if for_change and not is_leadership(grants):
        raise NotPermitted()
    return committee


def manages_committees(user: Any) -> bool:
    return is_leadership(grants_for(user))


# --- meetings --------------------------------------------------------------------------------


def _meetings_of(grants: Grants) -> QuerySet[Meeting]:
    # SECURITY: a case review exists only for the people on its attendee list.
    return Meeting.objects.filter(task_force_id=grants.task_force_id).filter(
        ~Q(kind=MeetingKind.CASE_REVIEW) | Q(pk__in=Meeting.attendee_list.through.objects.filter(
            user_id=grants.user_id).values("meeting_id"))
    )


def visible_meetings(user: Any) -> QuerySet[Meeting]:
    grants = _colleague(user)
    if grants is None:
        return Meeting.objects.none()
    return _meetings_of(grants)


def access_meeting(user: Any, pk: Any, *, for_change: bool = False) -> Meeting:
    """A meeting for reading (its colleagues; a case review: its attendees only) or for changing
    (``changes_meeting``)."""
    require_colleague(user)
    try:
        meeting = visible_meetings(user).select_related("committee", "region", "convened_by").get(pk=pk)
    except (Meeting.DoesNotExist, ValueError, TypeError):
        raise NotVisible() from None
    if for_change and not changes_meeting(user, meeting):
        raise NotPermitted()
    return meeting


def chairs(user: Any, committee: Committee | None) -> bool:
    grants = grants_for(user)
    return (
        committee is not None and committee.task_force_id == grants.task_force_id
        and committee.chair_id == grants.user_id and grants.user_id != 0
    )


def schedules(user: Any, kind: str, committee: Committee | None = None) -> bool:
    """Leadership schedules any meeting; a subcommittee's chair, that subcommittee's."""
    grants = _colleague(user)
    if grants is None:
        return False
    if is_leadership(grants):
        return True
    return kind == MeetingKind.SUBCOMMITTEE and chairs(user, committee)


def schedules_any(user: Any) -> bool:
    grants = _colleague(user)
    if grants is None:
        return False
    return is_leadership(grants) or Committee.objects.filter(
        task_force_id=grants.task_force_id, chair_id=grants.user_id
    ).exists()


def on_attendee_list(user: Any, meeting: Meeting) -> bool:
    grants = grants_for(user)
    return meeting.attendee_list.filter(pk=grants.user_id).exists()


def changes_meeting(user: Any, meeting: Meeting) -> bool:
    """Who changes a meeting (details, minutes, attendance, action items from it): leadership —
    for a case review only leadership on its list — and a subcommittee's chair for its meetings."""
    grants = _colleague(user)
    if grants is None or meeting.task_force_id != grants.task_force_id:
        return False
    if meeting.is_case_review:
        return is_leadership(grants) and on_attendee_list(user, meeting)
    return schedules(user, meeting.kind, meeting.committee)


# --- action items ----------------------------------------------------------------------------


def visible_action_items(user: Any) -> QuerySet[ActionItem]:
    """Items of the meetings the user sees; standalone items to leadership and their owner."""
    grants = _colleague(user)
    if grants is None:
        return ActionItem.objects.none()
    standalone = Q(meeting=None)
    if not is_leadership(grants):
        standalone &= Q(owner_id=grants.user_id)
    return ActionItem.objects.filter(task_force_id=grants.task_force_id).filter(
        standalone | Q(meeting__in=_meetings_of(grants))
    )


def access_action_item(user: Any, pk: Any, *, for_change: bool = False) -> ActionItem:
    """An action item; ``for_change`` (marking it done): its owner or leadership."""
    grants = require_colleague(user)
    try:
        item = visible_action_items(user).select_related("owner", "meeting").get(pk=pk)
    except (ActionItem.DoesNotExist, ValueError, TypeError):
        raise NotVisible() from None
    if for_change and not (item.owner_id == grants.user_id or is_leadership(grants)):
        raise NotPermitted()
    return item


def assigns_action_items(user: Any, meeting: Meeting | None) -> bool:
    """From a meeting: whoever changes it; standalone: leadership."""
    if meeting is not None:
        return changes_meeting(user, meeting)
    grants = _colleague(user)
    return grants is not None and is_leadership(grants)


def sees_all_action_items(user: Any) -> bool:
    grants = _colleague(user)
    return grants is not None and is_leadership(grants)


# --- decisions -------------------------------------------------------------------------------


def visible_decisions(user: Any) -> QuerySet[Decision]:
    grants = _colleague(user)
    if grants is None:
        return Decision.objects.none()
    return Decision.objects.filter(task_force_id=grants.task_force_id)


def access_decision(user: Any, pk: Any) -> Decision:
    """A decision, read by every colleague. Decisions are never changed."""
    require_colleague(user)
    try:
        return visible_decisions(user).select_related(
            "committee", "meeting", "recorded_by", "supersedes"
        ).get(pk=pk)
    except (Decision.DoesNotExist, ValueError, TypeError):
        raise NotVisible() from None


def records_decisions(user: Any, body: str | None = None, committee: Committee | None = None) -> bool:
    """Leadership records any decision (one of the coordinator's own only the coordinator); a
    subcommittee's chair, that subcommittee's."""
    grants = _colleague(user)
    if grants is None:
        return False
    if body == "coordinator":
        return grants.is_coordinator
    if is_leadership(grants):
        return True
    if body is None:
        return Committee.objects.filter(task_force_id=grants.task_force_id, chair_id=grants.user_id).exists()
    return body == "subcommittee" and chairs(user, committee)


def own_task_force(user: Any) -> TaskForce:
    """The colleague's active task force (404 outside it; 403 for funders and auditors)."""
    grants = require_colleague(user)
    return TaskForce.objects.get(pk=grants.task_force_id or 0)

