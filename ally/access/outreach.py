"""Who may see and do what in survivor-leader engagement, outreach events and threat assessment.

Survivor leaders (SECURITY: being listed says that someone survived trafficking)
- The list of survivor leaders, each entry and its engagements are read by the **coordinator**
  only — and a survivor leader whose account an entry names reads that entry and its engagements.
  Everybody else gets 404, as if the list did not exist: **co-leads too**, and other colleagues,
  funders and auditors. The coordinator alone adds and changes entries and records engagements.
- Which survivor leaders led an outreach event is shown to the coordinator only; everyone else
  reads the event (and whether it was survivor-led) without those links.

Feedback
- A survivor leader (holding the survivor-leader-advisor role) submits feedback themselves; the
  coordinator records feedback received from one. Leadership (coordinator and co-leads) reads all
  feedback and records the response. **Co-leads read the topic and text but never who gave it**
  ("a survivor leader"); the coordinator sees who. The author reads their own feedback and its
  response. Other members of the task force: 403 on the list, 404 on a feedback item.

Outreach and awareness events
- Every working member (colleague) reads events; funders and auditors: 403.
- Leadership records and changes events anywhere; a navigator, in the regions they navigate.
- Attendance by region is counts only (events and attendance per region, fiscal year and kind, no
  titles, no names): every participant reads it, the auditor included.

Threat assessment
- Counts of tips and investigations are sensitive for law enforcement, so assessments are read by
  leadership, navigators, and members of investigating (law enforcement, labor) and prosecuting
  organizations; other colleagues and auditors get 403, people outside the task force 404.
- Leadership writes any region's assessment; a navigator, those of the regions they navigate.

Not visible ⇒ 404 (``NotVisible``); visible but not allowed ⇒ 403 (``NotPermitted``).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from ally.access.governance import is_leadership
from ally.access.policy import Grants, grants_for
from ally.core.errors import NotPermitted, NotVisible
from ally.outreach.models import (
    AssessedIndustry,
    Engagement,
    Feedback,
    OutreachEvent,
    SurvivorLeader,
    ThreatAssessment,
)
from ally.tenancy.models import TaskForce
from ally.tenancy.vocab import TaskForceRoleKind


def _in_task_force(user: Any) -> Grants:
    grants = grants_for(user)
    if not grants.is_participant:
        raise NotVisible()
    return grants


def task_force_of(user: Any) -> TaskForce:
    """The user's active task force (404 when they have none)."""
    _in_task_force(user)
    task_force: TaskForce | None = user.active_task_force
    if task_force is None:
        raise NotVisible()
    return task_force


def is_survivor_leader(grants: Grants) -> bool:
    return TaskForceRoleKind.SURVIVOR_LEADER_ADVISOR in grants.roles


# --- survivor leaders -------------------------------------------------------------------------


def manages_leaders(grants: Grants) -> bool:
    """The coordinator alone sees every survivor leader and records their engagements."""
    return grants.is_coordinator


def require_leader_area(user: Any) -> Grants:
    """The survivor-leader pages: the coordinator, and survivor leaders (for their own entry).
    Everyone else: 404."""
    grants = _in_task_force(user)
    if not (manages_leaders(grants) or is_survivor_leader(grants)):
        raise NotVisible()
    return grants


def visible_leaders(user: Any) -> QuerySet[SurvivorLeader]:
    grants = grants_for(user)
    if not grants.is_participant:
        return SurvivorLeader.objects.none()
    leaders = SurvivorLeader.objects.filter(task_force_id=grants.task_force_id)
    if manages_leaders(grants):
        return leaders
    return leaders.filter(user_id=grants.user_id)


def access_leader(user: Any, pk: Any, *, for_change: bool = False) -> SurvivorLeader:
    try:
        leader = visible_leaders(user).get(pk=pk)
    except (SurvivorLeader.DoesNotExist, ValueError, TypeError):
        raise NotVisible() from None
    if for_change and not manages_leaders(grants_for(user)):
        raise NotPermitted()
    return leader


def visible_engagements(user: Any) -> QuerySet[Engagement]:
    grants = grants_for(user)
    if not grants.is_participant:
        return Engagement.objects.none()
    engagements = Engagement.objects.filter(task_force_id=grants.task_force_id)
    if manages_leaders(grants):
        return engagements
    return engagements.filter(leader__user_id=grants.user_id)


def access_engagement(user: Any, pk: Any, *, for_change: bool = False) -> Engagement:
    try:
        engagement = visible_engagements(user).select_related("leader").get(pk=pk)
    except (Engagement.DoesNotExist, ValueError, TypeError):
        raise NotVisible() from None
    if for_change and not manages_leaders(grants_for(user)):
        raise NotPermitted()
    return engagement


# --- feedback ---------------------------------------------------------------------------------


def reads_all_feedback(grants: Grants) -> bool:
    return is_leadership(grants)


def sees_feedback_author(grants: Grants, feedback: Feedback) -> bool:
    """SECURITY: only the coordinator (and the author) know who gave a piece of feedback."""
    return grants.is_coordinator or (feedback.author_id is not None and feedback.author_id == grants.user_id)


def submits_feedback(grants: Grants) -> bool:
    """Survivor leaders submit their own feedback."""
    return is_survivor_leader(grants)


def records_feedback(grants: Grants) -> bool:
    """The coordinator records feedback received from a survivor leader (by phone, in person)."""
    return grants.is_coordinator


def require_feedback_area(user: Any) -> Grants:
    """The feedback list: leadership and survivor leaders (their own); 403 for other members."""
    grants = _in_task_force(user)
    if not (reads_all_feedback(grants) or submits_feedback(grants)):
        raise NotPermitted()
    return grants


def visible_feedback(user: Any) -> QuerySet[Feedback]:
    grants = grants_for(user)
    if not grants.is_participant:
        return Feedback.objects.none()
    feedback = Feedback.objects.filter(task_force_id=grants.task_force_id)
    if reads_all_feedback(grants):
        return feedback
    return feedback.filter(author_id=grants.user_id)


def access_feedback(user: Any, pk: Any, *, for_change: bool = False) -> Feedback:
    """A feedback item; changing it (the response) takes leadership."""
    try:
        feedback = visible_feedback(user).get(pk=pk)
    except (Feedback.DoesNotExist, ValueError, TypeError):
        raise NotVisible() from None
    if for_change and not reads_all_feedback(grants_for(user)):
        raise NotPermitted()
    return feedback


# --- outreach events --------------------------------------------------------------------------


def records_events(grants: Grants, region_id: int | None = None) -> bool:
    """Leadership anywhere; a navigator in their regions (with no region named: in any of them)."""
    if is_leadership(grants):
        return True
    if region_id is None:
        return bool(grants.navigator_region_ids)
    return region_id in grants.navigator_region_ids


def require_events_reader(user: Any) -> Grants:
    grants = _in_task_force(user)
    if not grants.is_colleague:
        raise NotPermitted()
    return grants


def sees_event_leaders(grants: Grants) -> bool:
    """SECURITY: which survivor leaders led an event: the coordinator only."""
    return grants.is_coordinator


def visible_events(user: Any) -> QuerySet[OutreachEvent]:
    grants = grants_for(user)
    if not grants.is_participant or not grants.is_colleague:
        return OutreachEvent.objects.none()
    return OutreachEvent.objects.filter(task_force_id=grants.task_force_id)


def access_event(user: Any, pk: Any, *, for_change: bool = False) -> OutreachEvent:
    grants = require_events_reader(user)
    try:
        event = visible_events(user).select_related("region").get(pk=pk)
    except (OutreachEvent.DoesNotExist, ValueError, TypeError):
        raise NotVisible() from None
    if for_change and not records_events(grants, event.region_id):
        raise NotPermitted()
    return event


def require_attendance_reader(user: Any) -> Grants:
    """Attendance by region is counts only: every participant, the auditor included."""
    return _in_task_force(user)


# --- threat assessment ------------------------------------------------------------------------


def reads_assessments(grants: Grants) -> bool:
    return (
        is_leadership(grants)
        or TaskForceRoleKind.NAVIGATOR in grants.roles
        or bool(grants.investigating_ids)
        or bool(grants.prosecuting_ids)
    )


def writes_assessment(grants: Grants, region_id: int | None = None) -> bool:
    return records_events(grants, region_id)


def require_assessment_reader(user: Any) -> Grants:
    grants = _in_task_force(user)
    if not reads_assessments(grants):
        raise NotPermitted()
    return grants


def visible_assessments(user: Any) -> QuerySet[ThreatAssessment]:
    grants = grants_for(user)
    if not grants.is_participant or not reads_assessments(grants):
        return ThreatAssessment.objects.none()
    return ThreatAssessment.objects.filter(task_force_id=grants.task_force_id)


def access_assessment(user: Any, pk: Any, *, for_change: bool = False) -> ThreatAssessment:
    grants = require_assessment_reader(user)
    try:
        assessment = visible_assessments(user).select_related("region").get(pk=pk)
    except (ThreatAssessment.DoesNotExist, ValueError, TypeError):
        raise NotVisible() from None
    if for_change and not writes_assessment(grants, assessment.region_id):
        raise NotPermitted()
    return assessment


def access_assessed_industry(user: Any, pk: Any, *, for_change: bool = False) -> AssessedIndustry:
    grants = require_assessment_reader(user)
    try:
        row = (
            AssessedIndustry.objects.filter(assessment__in=visible_assessments(user))
            .select_related("assessment", "assessment__region")
            .get(pk=pk)
        )
    except (AssessedIndustry.DoesNotExist, ValueError, TypeError):
        raise NotVisible() from None
    if for_change and not writes_assessment(grants, row.assessment.region_id):
        raise NotPermitted()
    return row


def plans_from(user: Any) -> Q:
    """Assessed industries an event may be planned from: the user's task force's."""
    grants = grants_for(user)
    return Q(assessment__task_force_id=grants.task_force_id)
