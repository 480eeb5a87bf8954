"""Who may see and do what with trainings and the roadmap self-assessment.

- Training sessions (their topics, audience, trainer, attendance count and notes) are read by
  every colleague of the task force (``require_colleague``): funders and auditors 403, people
  outside the task force 404.
- Leadership (the coordinator and the co-leads) record sessions, cancel them and record their
  attendance. An organization's administrators do the same for the sessions their organization
  delivers (the session's trainer organization) — and only those.
- A person's *training record* (the sessions they attended, their hours) is theirs to read;
  the supervisors and administrators of an organization they belong to read it too, and so does
  the coordinator. Anybody else: 404, as if it did not exist. The names of a session's attendees
  follow the same rule: a reader sees only the attendees whose records they may read — except the
  coordinator and the administrators of the session's trainer organization, who name them all
  (a co-lead records attendance but does not read every person's record).
- The coverage view is aggregate (counts of people trained per topic, discipline and region,
  never a name): every participant reads it, the funder/auditor included.
- The roadmap self-assessments are read by colleagues (auditor 403) and written by leadership;
  a completed assessment is read-only for everybody.

Not visible ⇒ 404 (``NotVisible``); visible but not changeable ⇒ 403 (``NotPermitted``).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from ally.access.governance import is_leadership, require_colleague
from ally.access.policy import Grants, Permission, grants_for, require
from ally.accounts.models import User
from ally.core.errors import NotPermitted, NotVisible
from ally.tenancy.models import Membership, Organization, TaskForce, TaskForceRole
from ally.tenancy.vocab import MembershipRole
from ally.trainings.models import RoadmapAssessment, TrainingAttendance, TrainingSession

READS_MEMBERS = (MembershipRole.SUPERVISOR, MembershipRole.ORG_ADMIN)


def participants(task_force_id: int) -> QuerySet[User]:
    """The people of a task force: an active membership in one of its active organizations, or a
    task-force role."""
    members = Membership.objects.filter(
        task_force_id=task_force_id, is_active=True, organization__is_active=True
    ).values("user_id")
    roles = TaskForceRole.objects.filter(task_force_id=task_force_id).values("user_id")
    return User.objects.filter(Q(pk__in=members) | Q(pk__in=roles), is_active=True)


def active_task_force(user: Any) -> TaskForce:
    """The user's active task force (404 when there is none)."""
    task_force: TaskForce | None = getattr(user, "active_task_force", None)
    if task_force is None:
        raise NotVisible()
    return task_force


# --- sessions ---------------------------------------------------------------------------


def visible_sessions(user: Any) -> QuerySet[TrainingSession]:
    """Every session of the active task force, for its colleagues; none for anybody else."""
    grants = grants_for(user)
    if not grants.is_participant or not grants.is_colleague:
        return TrainingSession.objects.none()
    return TrainingSession.objects.filter(task_force_id=grants.task_force_id)


def records_sessions(user: Any) -> bool:
    """Whether the user records sessions at all: leadership, or an organization's administrator."""
    grants = grants_for(user)
    return grants.is_participant and (is_leadership(grants) or bool(grants.admin_organization_ids()))


def records_session_for(user: Any, trainer_organization: Organization | None) -> bool:
    """Leadership records any session; an organization's administrators only the sessions their
    organization delivers (it is the session's trainer organization)."""
    grants = grants_for(user)
    if not grants.is_participant:
        return False
    if is_leadership(grants):
        return True
    return (
        trainer_organization is not None
        and trainer_organization.task_force_id == grants.task_force_id
        and trainer_organization.pk in grants.admin_organization_ids()
    )


def manages_session(user: Any, session: TrainingSession) -> bool:
    grants = grants_for(user)
    if session.task_force_id != grants.task_force_id or not grants.is_participant:
        return False
    return is_leadership(grants) or (
        session.trainer_organization_id is not None
        and session.trainer_organization_id in grants.admin_organization_ids()
    )


def access_session(user: Any, pk: Any, *, for_change: bool = False) -> TrainingSession:
    """A session (404 outside the task force, 403 for a funder or auditor); a change takes
    leadership or an administrator of the organization that delivers it."""
    require_colleague(user)
    try:
        session = visible_sessions(user).select_related("trainer_organization", "region").get(pk=pk)
    except (TrainingSession.DoesNotExist, ValueError, TypeError):
        raise NotVisible() from None
    if for_change and not manages_session(user, session):
        raise NotPermitted()
    return session


# --- training records -------------------------------------------------------------------


def _reads_all_records(grants: Grants) -> bool:
    return grants.is_coordinator


def _supervised_organizations(grants: Grants) -> set[int]:
    return {o for o, role in grants.memberships.items() if role in READS_MEMBERS}


def visible_record_people(user: Any) -> QuerySet[User]:
    """The people whose training records the user reads: themselves, the members of the
    organizations they supervise or administer, everybody for the coordinator."""
    grants = grants_for(user)
    if not grants.is_participant:
        return User.objects.none()
    everyone = participants(grants.task_force_id)  # type: ignore[arg-type]
    if _reads_all_records(grants):
        return everyone
    supervised = _supervised_organizations(grants)
    members = Membership.objects.filter(
        task_force_id=grants.task_force_id, organization_id__in=supervised, is_active=True
    ).values("user_id")
    return everyone.filter(Q(pk=grants.user_id) | Q(pk__in=members))


def reads_record_ids(user: Any, person_ids: set[int]) -> set[int]:
    """Which of these people's records (and names on attendance lists) the user may read."""
    if not person_ids:
        return set()
    return set(visible_record_people(user).filter(pk__in=person_ids).values_list("pk", flat=True))


def access_training_record(user: Any, person_id: Any) -> User:
    """The person whose training record is asked for: 404 unless the user may read it."""
    require(user, Permission.VIEW_TASK_FORCE)
    try:
        return visible_record_people(user).get(pk=person_id)
    except (User.DoesNotExist, ValueError, TypeError):
        raise NotVisible() from None


def names_all_attendees(user: Any, session: TrainingSession) -> bool:
    """Whether the user may name every attendee of a session: the coordinator, and the
    administrators of the organization that delivers it. A co-lead records attendance but
    names only the attendees whose records they read."""
    grants = grants_for(user)
    if session.task_force_id != grants.task_force_id or not grants.is_participant:
        return False
    return grants.is_coordinator or (
        session.trainer_organization_id is not None
        and session.trainer_organization_id in grants.admin_organization_ids()
    )


def visible_attendance(user: Any, session: TrainingSession) -> QuerySet[TrainingAttendance]:
    """The attendance rows of a session whose attendee the user may name: all of them for the
    coordinator and the administrators of the session's trainer organization, else those whose
    records the user reads."""
    if names_all_attendees(user, session):
        return session.attendance.all()
    return session.attendance.filter(person_id__in=visible_record_people(user).values("pk"))


# --- coverage ---------------------------------------------------------------------------


def require_coverage(user: Any) -> Grants:
    """Coverage is counts only: every participant, the funder/auditor included (404 outside)."""
    require(user, Permission.VIEW_TASK_FORCE)
    return grants_for(user)


# --- roadmap ----------------------------------------------------------------------------


def visible_assessments(user: Any) -> QuerySet[RoadmapAssessment]:
    grants = grants_for(user)
    if not grants.is_participant or not grants.is_colleague:
        return RoadmapAssessment.objects.none()
    return RoadmapAssessment.objects.filter(task_force_id=grants.task_force_id)


def writes_roadmap(user: Any) -> bool:
    grants = grants_for(user)
    return grants.is_participant and is_leadership(grants)


def access_assessment(user: Any, pk: Any, *, for_change: bool = False) -> RoadmapAssessment:
    """An assessment (404 outside the task force, 403 for a funder or auditor); a change takes
    leadership."""
    require_colleague(user)
    try:
        assessment = visible_assessments(user).get(pk=pk)
    except (RoadmapAssessment.DoesNotExist, ValueError, TypeError):
        raise NotVisible() from None
    if for_change and not writes_roadmap(user):
        raise NotPermitted()
    return assessment
