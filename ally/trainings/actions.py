"""Every change to trainings and the roadmap self-assessment.

Each action takes ``acting_user`` (None = the system: the demo, the command line), checks access
through ``ally.access.trainings``, refuses bad input before changing anything, runs in one
transaction and writes one audit event (ids, dates, counts — never free text).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ally.access.governance import require_colleague, require_leadership
from ally.access.policy import grants_for
from ally.access.survivors import today_in
from ally.access.trainings import (
    access_assessment,
    access_session,
    participants,
    records_session_for,
)
from ally.accounts.models import User
from ally.audit.chain import record
from ally.audit.events import EventType
from ally.core.errors import Conflict, InvalidInput, NotPermitted, NotVisible
from ally.notifications import notify
from ally.notifications.kinds import NotificationKind
from ally.tenancy.models import Membership, Organization, Region, TaskForce
from ally.tenancy.vocab import Discipline
from ally.trainings import catalog
from ally.trainings.models import (
    AssessmentStatus,
    Audience,
    RoadmapAssessment,
    RoadmapRating,
    TrainingAttendance,
    TrainingSession,
)

MAX_HOURS = Decimal(40)
QUARTER = Decimal("0.25")
MAX_EXTERNAL = 100_000
TEXT_LIMIT = 4000


def fiscal_year(day: dt.date) -> int:
    """The federal fiscal year of a day: FY 2026 runs from 1 October 2025 to 30 September 2026."""
    return day.year + 1 if day.month >= 10 else day.year


# --- input checks -----------------------------------------------------------------------


def _text(value: Any, label: str, limit: int, *, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InvalidInput(_("%(label)s is text.") % {"label": label})
    cleaned = value.strip()
    if required and not cleaned:
        raise InvalidInput(_("Enter %(label)s.") % {"label": label.lower()})
    if len(cleaned) > limit:
        raise InvalidInput(_("%(label)s: at most %(limit)d characters.") % {"label": label, "limit": limit})
    return cleaned


def _hours(value: Any) -> Decimal:
    if isinstance(value, (int, str, float)) and not isinstance(value, bool):
        with contextlib.suppress(ArithmeticError, ValueError):
            value = Decimal(str(value))
    if not isinstance(value, Decimal) or not value.is_finite():
        raise InvalidInput(_("Enter the hours as a number, e.g. 1.5."))
    if value <= 0 or value > MAX_HOURS:
        raise InvalidInput(_("A session lasts more than 0 and at most 40 hours."))
    if value % QUARTER:
        raise InvalidInput(_("Give the hours in quarter hours (0.25, 0.5, 0.75 …)."))
    return value.quantize(Decimal("0.01"))


def _date(value: Any) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise InvalidInput(_("Enter the session's date."))
    return value


def _count(value: Any, label: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0 or value > MAX_EXTERNAL:
        raise InvalidInput(_("%(label)s: a whole number from 0 to 100,000.") % {"label": label})
    return value


def _choices(values: Any, allowed: list[tuple[str, str]], label: str) -> list[str]:
    if not isinstance(values, (list, tuple)) or not all(isinstance(v, str) for v in values):
        raise InvalidInput(_("%(label)s is a list.") % {"label": label})
    known = [v for v, _label in allowed]
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise InvalidInput(_("%(label)s: not on the list: %(values)s") % {"label": label, "values": ", ".join(unknown)})
    if not values:
        raise InvalidInput(_("Choose at least one: %(label)s.") % {"label": label.lower()})
    return [v for v in known if v in values]


def _session_values(task_force: TaskForce, values: dict[str, Any]) -> dict[str, Any]:
    topics = catalog.topics()
    trainer_organization = values.get("trainer_organization")
    if trainer_organization is not None and (
        not isinstance(trainer_organization, Organization)
        or trainer_organization.task_force_id != task_force.pk
        or not trainer_organization.is_active
    ):
        raise InvalidInput(_("The trainer's organization is not an organization of the task force."))
    region = values.get("region")
    if region is not None and (not isinstance(region, Region) or region.task_force_id != task_force.pk):
        raise InvalidInput(_("The region is not a region of the task force."))
    delivered_to = values.get("delivered_to") or Audience.TASK_FORCE
    if delivered_to not in Audience.values:
        raise InvalidInput(_("Say whether the session was for the task force or the community."))
    return {
        "title": _text(values.get("title"), _("Title"), 200, required=True),
        "topics": _choices(values.get("topics"), topics.choices(), _("Topics")),
        "disciplines": _choices(values.get("disciplines"), [(str(v), str(label)) for v, label in Discipline.choices], _("Audience disciplines")),
        "trainer_name": _text(values.get("trainer_name"), _("Trainer"), 150, required=True),
        "trainer_organization": trainer_organization,
        "held_on": _date(values.get("held_on")),
        "hours": _hours(values.get("hours")),
        "region": region,
        "location": _text(values.get("location"), _("Location"), 200),
        "delivered_to": delivered_to,
        "external_attendees": _count(values.get("external_attendees", 0), _("Attendees from outside the task force")),
        "notes": _text(values.get("notes"), _("Notes"), TEXT_LIMIT),
    }


SESSION_FIELDS = (
    "title", "topics", "disciplines", "trainer_name", "trainer_organization", "held_on", "hours", "region",
    "location", "delivered_to", "external_attendees", "notes",
)


# --- sessions ---------------------------------------------------------------------------


def audience_members(task_force: TaskForce, disciplines: list[str]) -> list[User]:
    """Active members of the task force's active organizations of these disciplines."""
    ids = Membership.objects.filter(
        task_force=task_force, is_active=True, organization__is_active=True, organization__discipline__in=disciplines
    ).values("user_id")
    return list(User.objects.filter(pk__in=ids, is_active=True))


def record_training(task_force: TaskForce, *, acting_user: User | None, **values: Any) -> TrainingSession:
    """Record a training session (held, or planned). Leadership records any; an organization's
    administrators the sessions their organization delivers. A session in the future tells the
    members of its audience disciplines (TRAINING_SCHEDULED)."""
    unknown = sorted(set(values) - set(SESSION_FIELDS))
    if unknown:
        raise InvalidInput(_("Unknown fields: %(f)s") % {"f": ", ".join(unknown)})
    if acting_user is not None:
        require_leadership_or_admin(acting_user, values.get("trainer_organization"))
        _require_own_task_force(acting_user, task_force)
    cleaned = _session_values(task_force, values)
    with transaction.atomic():
        session = TrainingSession.objects.create(
            task_force=task_force, topics_version=catalog.topics().version, created_by=acting_user, **cleaned
        )
        record(
            EventType.TRAINING_RECORDED, actor=acting_user, task_force=task_force,
            organization=session.trainer_organization, target=session,
            changes={
                "held_on": session.held_on, "hours": str(session.hours), "topics": session.topics,
                "disciplines": session.disciplines, "region_id": session.region_id,
                "external_attendees": session.external_attendees,
            },
        )
        if session.held_on > today_in(task_force.pk):
            topic = catalog.topics().label(session.topics[0])
            title = _("Training scheduled for %(day)s: %(topic)s") % {"day": session.held_on.isoformat(), "topic": topic}
            notify(
                audience_members(task_force, session.disciplines), task_force=task_force,
                kind=NotificationKind.TRAINING_SCHEDULED, title=title[:160], link=f"/trainings/{session.pk}/",
            )
    return session


def _require_own_task_force(user: User, task_force: TaskForce) -> None:
    """A person acts only in their active task force: any other is invisible to them (404)."""
    if grants_for(user).task_force_id != task_force.pk:
        raise NotVisible()


def require_leadership_or_admin(user: User, trainer_organization: Any) -> None:
    """Leadership, or an administrator of the organization delivering the session (403)."""
    require_colleague(user)
    organization = trainer_organization if isinstance(trainer_organization, Organization) else None
    if not records_session_for(user, organization):
        raise NotPermitted()


def cancel_training(session: TrainingSession, *, acting_user: User | None) -> TrainingSession:
    """Cancel a session: it stays on the list, marked cancelled, and counts for nothing."""
    if acting_user is not None:
        access_session(acting_user, session.pk, for_change=True)
    with transaction.atomic():
        session = TrainingSession.objects.select_for_update().get(pk=session.pk)
        if session.is_cancelled:
            raise Conflict(_("This session is already cancelled."))
        session.cancelled_at = timezone.now()
        session.cancelled_by = acting_user
        session.save(update_fields=["cancelled_at", "cancelled_by"])
        record(
            EventType.TRAINING_CANCELLED, actor=acting_user, task_force=session.task_force,
            organization=session.trainer_organization, target=session, changes={"held_on": session.held_on},
        )
    return session


def record_attendance(
    session: TrainingSession,
    *,
    acting_user: User | None,
    people: list[User] | tuple[User, ...] = (),
    external_attendees: int | None = None,
) -> list[TrainingAttendance]:
    """Record who of the task force attended (their organization as it is today is kept), and
    optionally the count of attendees from outside it. Refused: a cancelled session, a session
    that has not happened yet, a person who is not a participant of the task force, a person
    already recorded."""
    if acting_user is not None:
        access_session(acting_user, session.pk, for_change=True)
    session = TrainingSession.objects.select_related("task_force", "trainer_organization").get(pk=session.pk)
    if session.is_cancelled:
        raise Conflict(_("This session was cancelled: no attendance can be recorded."))
    if session.held_on > today_in(session.task_force_id):
        raise InvalidInput(_("This session has not happened yet: record attendance on or after its date."))
    if external_attendees is not None:
        external_attendees = _count(external_attendees, _("Attendees from outside the task force"))
    if not isinstance(people, (list, tuple)) or not all(isinstance(p, User) for p in people):
        raise InvalidInput(_("Name the people who attended."))
    ids = {p.pk for p in people}
    if len(ids) != len(people):
        raise InvalidInput(_("A person is named twice."))
    if not ids and external_attendees is None:
        raise InvalidInput(_("Name at least one person who attended, or the count from outside the task force."))
    known = set(participants(session.task_force_id).filter(pk__in=ids).values_list("pk", flat=True))
    if known != ids:
        raise InvalidInput(_("Only participants of the task force can be recorded as attending."))
    already = set(session.attendance.filter(person_id__in=ids).values_list("person_id", flat=True))
    if already:
        names = ", ".join(sorted(p.full_name for p in people if p.pk in already))
        raise InvalidInput(_("Already recorded as attending: %(names)s.") % {"names": names})
    organization_of: dict[int, int] = {}
    for user_id, organization_id in (
        Membership.objects.filter(
            task_force_id=session.task_force_id, user_id__in=ids, is_active=True, organization__is_active=True
        ).order_by("-id").values_list("user_id", "organization_id")
    ):
        organization_of[user_id] = organization_id  # the oldest membership wins
    try:
        return _save_attendance(session, acting_user, people, organization_of, external_attendees)
    except IntegrityError:
        # Somebody recorded one of these people at the same moment (the unique constraint).
        raise Conflict(_("Some of these people were just recorded as attending by somebody else: reload the session and try again.")) from None


def _save_attendance(
    session: TrainingSession,
    acting_user: User | None,
    people: list[User] | tuple[User, ...],
    organization_of: dict[int, int],
    external_attendees: int | None,
) -> list[TrainingAttendance]:
    with transaction.atomic():
        rows = TrainingAttendance.objects.bulk_create(
            TrainingAttendance(
                task_force_id=session.task_force_id, session=session, person=p,
                organization_id=organization_of.get(p.pk), recorded_by=acting_user,
            )
            for p in people
        )
        changes: dict[str, Any] = {"attendees_added": len(rows)}
        if external_attendees is not None and external_attendees != session.external_attendees:
            changes["external_attendees"] = [session.external_attendees, external_attendees]
            session.external_attendees = external_attendees
            session.save(update_fields=["external_attendees"])
        record(
            EventType.TRAINING_ATTENDANCE_RECORDED, actor=acting_user, task_force=session.task_force,
            organization=session.trainer_organization, target=session, changes=changes,
        )
    return rows


# --- roadmap ----------------------------------------------------------------------------

RATING_FIELDS = ("stage", "goal_stage", "goal", "progress")


def start_assessment(task_force: TaskForce, *, acting_user: User | None, year: Any) -> RoadmapAssessment:
    """Start the yearly self-assessment (leadership): one a fiscal year, with the current
    framework; pre-filled from the latest earlier year's (stages, goals and notes of the
    elements the framework still has)."""
    if acting_user is not None:
        require_leadership(acting_user)
        _require_own_task_force(acting_user, task_force)
    current = fiscal_year(today_in(task_force.pk))
    if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= current + 1:
        raise InvalidInput(_("Give a fiscal year from 2000 to %(year)d.") % {"year": current + 1})
    framework = catalog.framework()
    with transaction.atomic():
        if RoadmapAssessment.objects.filter(task_force=task_force, year=year).exists():
            raise Conflict(_("There is already a self-assessment for FY %(year)d.") % {"year": year})
        assessment = RoadmapAssessment.objects.create(
            task_force=task_force, year=year, framework_id=framework.id, framework_version=framework.version,
            created_by=acting_user,
        )
        previous = RoadmapAssessment.objects.filter(task_force=task_force, year__lt=year).order_by("-year").first()
        before = {r.element: r for r in previous.ratings.all()} if previous is not None else {}
        RoadmapRating.objects.bulk_create(
            RoadmapRating(
                task_force=task_force, assessment=assessment, element=key, updated_by=acting_user,
                **({f: getattr(before[key], f) for f in RATING_FIELDS} if key in before else {}),
            )
            for key in framework.element_keys()
        )
        record(
            EventType.ROADMAP_ASSESSMENT_STARTED, actor=acting_user, task_force=task_force, target=assessment,
            changes={
                "year": year, "framework": f"{framework.id}-v{framework.version}",
                "prefilled_from": previous.pk if previous is not None else None,
            },
        )
    return assessment


def _stage(value: Any, label: str, stages: tuple[int, ...]) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value not in stages:
        raise InvalidInput(_("%(label)s: a stage from %(low)d to %(high)d.") % {"label": label, "low": stages[0], "high": stages[-1]})
    return value


def rate_elements(
    assessment: RoadmapAssessment, *, acting_user: User | None, ratings: dict[str, dict[str, Any]]
) -> RoadmapAssessment:
    """Rate elements of an assessment in progress (leadership): for each element key, its
    stage, goal stage, goal and progress notes (the fields given change). A goal stage is not
    below the stage. A completed assessment is read-only (409)."""
    if acting_user is not None:
        access_assessment(acting_user, assessment.pk, for_change=True)
    framework = catalog.framework(assessment.framework_version)
    if not isinstance(ratings, dict) or not ratings:
        raise InvalidInput(_("Rate at least one element."))
    unknown = sorted(set(ratings) - set(framework.element_keys()))
    if unknown:
        raise InvalidInput(_("Not elements of this framework: %(e)s") % {"e": ", ".join(unknown)})
    stages = framework.stage_values()
    with transaction.atomic():
        assessment = RoadmapAssessment.objects.select_for_update().get(pk=assessment.pk)
        if assessment.is_completed:
            raise Conflict(_("This self-assessment is completed and can no longer change."))
        rows = {r.element: r for r in assessment.ratings.filter(element__in=list(ratings))}
        changed: list[str] = []
        for key, values in ratings.items():
            if not isinstance(values, dict) or set(values) - set(RATING_FIELDS):
                raise InvalidInput(_("Give a stage, a goal stage, a goal and progress notes."))
            row = rows.get(key) or RoadmapRating(task_force=assessment.task_force, assessment=assessment, element=key)
            label = str(framework_element_label(framework, key))
            after: dict[str, Any] = {
                "stage": _stage(values.get("stage", row.stage), label, stages),
                "goal_stage": _stage(values.get("goal_stage", row.goal_stage), _("%(e)s, goal") % {"e": label}, stages),
                "goal": _text(values.get("goal", row.goal), _("Goal"), TEXT_LIMIT),
                "progress": _text(values.get("progress", row.progress), _("Progress notes"), TEXT_LIMIT),
            }
            if after["stage"] is not None and after["goal_stage"] is not None and after["goal_stage"] < after["stage"]:
                if "goal_stage" in values:
                    raise InvalidInput(_("%(e)s: the goal stage cannot be below the stage reached.") % {"e": label})
                after["goal_stage"] = None  # the goal carried over is reached: a new one is set later
            if row.pk is not None and all(getattr(row, f) == after[f] for f in RATING_FIELDS):
                continue
            for field, value in after.items():
                setattr(row, field, value)
            row.updated_at = timezone.now()
            row.updated_by = acting_user
            row.save()
            changed.append(key)
        if changed:
            record(
                EventType.ROADMAP_RATING_RECORDED, actor=acting_user, task_force=assessment.task_force,
                target=assessment, changes={"elements": sorted(changed)},
            )
    return assessment


def framework_element_label(framework: catalog.Framework, key: str) -> str:
    for element in framework.elements:
        if element.value == key:
            return element.label()
    return key


def complete_assessment(assessment: RoadmapAssessment, *, acting_user: User | None) -> RoadmapAssessment:
    """Complete an assessment (leadership): every element rated; afterwards it is read-only."""
    if acting_user is not None:
        access_assessment(acting_user, assessment.pk, for_change=True)
    framework = catalog.framework(assessment.framework_version)
    with transaction.atomic():
        assessment = RoadmapAssessment.objects.select_for_update().get(pk=assessment.pk)
        if assessment.is_completed:
            raise Conflict(_("This self-assessment is already completed."))
        rated = set(
            assessment.ratings.filter(stage__isnull=False).values_list("element", flat=True)
        )
        missing = [k for k in framework.element_keys() if k not in rated]
        if missing:
            raise InvalidInput(
                _("Rate every element before completing: %(n)d not rated yet (%(e)s).")
                % {"n": len(missing), "e": ", ".join(framework_element_label(framework, k) for k in missing)}
            )
        assessment.status = AssessmentStatus.COMPLETED
        assessment.completed_at = timezone.now()
        assessment.completed_by = acting_user
        assessment.save(update_fields=["status", "completed_at", "completed_by"])
        record(
            EventType.ROADMAP_ASSESSMENT_COMPLETED, actor=acting_user, task_force=assessment.task_force,
            target=assessment, changes={"year": assessment.year},
        )
    return assessment
