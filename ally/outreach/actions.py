"""Every change to survivor-leader engagement, outreach events and threat assessments.

Each action takes ``acting_user`` (None: the system — the demo, the command line), checks access
through ``ally.access.outreach``, refuses bad input with ``InvalidInput`` before changing anything,
runs in one transaction and writes one audit event. Audit changes carry ids, dates, kinds and
counts only — never feedback text, notes or a survivor leader's name.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ally.access import outreach as access
from ally.access.policy import grants_for
from ally.access.survivors import today_in
from ally.accounts.models import User
from ally.audit.chain import record
from ally.audit.events import EventType
from ally.core.errors import Conflict, InvalidInput, NotPermitted
from ally.core.fiscal import fiscal_year
from ally.notifications import notify
from ally.notifications.kinds import NotificationKind
from ally.outreach import catalog
from ally.outreach.models import (
    AssessedIndustry,
    Engagement,
    EngagementKind,
    EventKind,
    EventStatus,
    Feedback,
    FeedbackStatus,
    LeaderKind,
    OutreachEvent,
    SurvivorLeader,
    ThreatAssessment,
)
from ally.tenancy.models import Organization, Region, TaskForce, TaskForceRole
from ally.tenancy.vocab import TaskForceRoleKind

# --- input checks -----------------------------------------------------------------------------


def _date(value: Any, label: str) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise InvalidInput(_("Enter %(label)s as a date.") % {"label": label})
    return value


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


def _decimal(value: Any, label: str, *, places: str = "0.01", limit: int = 10**8) -> Decimal:
    if isinstance(value, (int, str, float)) and not isinstance(value, bool):
        with contextlib.suppress(ArithmeticError, ValueError):
            value = Decimal(str(value))
    if not isinstance(value, Decimal) or not value.is_finite():
        raise InvalidInput(_("Enter %(label)s as a number.") % {"label": label})
    if value != value.quantize(Decimal(places)) or abs(value) >= limit:
        raise InvalidInput(_("%(label)s: at most two decimal places, and not that large.") % {"label": label})
    return value.quantize(Decimal(places))


def _count(value: Any, label: str) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0 or value > 10**7:
        raise InvalidInput(_("%(label)s is a whole number, 0 or more.") % {"label": label})
    return value


def _choice(value: Any, choices: Any, refusal: str) -> str:
    if value not in choices.values:
        raise InvalidInput(refusal)
    return str(value)


def _expertise(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise InvalidInput(_("Areas of expertise are a list of words or phrases."))
    cleaned = [v.strip() for v in value if v.strip()]
    if len(cleaned) > 20 or any(len(v) > 100 for v in cleaned):
        raise InvalidInput(_("At most 20 areas of expertise, each at most 100 characters."))
    return list(dict.fromkeys(cleaned))


def _check(acting_user: User | None, task_force: TaskForce, allowed: bool) -> None:
    """The system may act; a person must be in this task force and allowed."""
    if acting_user is None:
        return
    grants = grants_for(acting_user)
    if not grants.is_participant or grants.task_force_id != task_force.pk:
        from ally.core.errors import NotVisible

        raise NotVisible()
    if not allowed:
        raise NotPermitted()


def _leadership(task_force: TaskForce) -> list[User]:
    ids = TaskForceRole.objects.filter(
        task_force=task_force, role__in=[TaskForceRoleKind.COORDINATOR, TaskForceRoleKind.CO_LEAD]
    ).values("user_id")
    return list(User.objects.filter(pk__in=ids, is_active=True))


# --- survivor leaders -------------------------------------------------------------------------


def _leader_values(task_force: TaskForce, values: dict[str, Any], leader: SurvivorLeader | None) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    if "name" in values or leader is None:
        cleaned["name"] = _text(values.get("name"), _("The name"), 200, required=True)
    if "kind" in values or leader is None:
        cleaned["kind"] = _choice(values.get("kind"), LeaderKind, _("A survivor leader is an advisor or a consultant."))
    if "expertise" in values:
        cleaned["expertise"] = _expertise(values["expertise"])
    if "started_on" in values or leader is None:
        cleaned["started_on"] = _date(values.get("started_on"), _("the start date"))
    if "ended_on" in values:
        cleaned["ended_on"] = None if values["ended_on"] is None else _date(values["ended_on"], _("the end date"))
    if "hourly_rate" in values:
        rate = values["hourly_rate"]
        cleaned["hourly_rate"] = None if rate in (None, "") else _decimal(rate, _("The hourly rate"))
        if cleaned["hourly_rate"] is not None and cleaned["hourly_rate"] < 0:
            raise InvalidInput(_("The hourly rate cannot be negative."))
    if "user" in values:
        user = values["user"]
        if user is not None:
            holds = TaskForceRole.objects.filter(
                task_force=task_force, user=user, role=TaskForceRoleKind.SURVIVOR_LEADER_ADVISOR
            ).exists()
            if not holds:
                raise InvalidInput(_("Only an account holding the survivor-leader-advisor role can be linked."))
            taken = SurvivorLeader.objects.filter(task_force=task_force, user=user)
            if leader is not None:
                taken = taken.exclude(pk=leader.pk)
            if taken.exists():
                raise InvalidInput(_("That account is already linked to another survivor-leader entry."))
        cleaned["user"] = user
    started = cleaned.get("started_on", leader.started_on if leader else None)
    ended = cleaned.get("ended_on", leader.ended_on if leader else None)
    if started and ended and ended < started:
        raise InvalidInput(_("The end date cannot come before the start date."))
    return cleaned


def add_survivor_leader(task_force: TaskForce, *, acting_user: User | None, **values: Any) -> SurvivorLeader:
    """Add a survivor leader (the coordinator): name as they choose to be known, advisor or
    consultant, areas of expertise, start (and end) date, hourly rate, optionally their account."""
    _check(acting_user, task_force, acting_user is None or access.manages_leaders(grants_for(acting_user)))
    cleaned = _leader_values(task_force, values, None)
    with transaction.atomic():
        leader = SurvivorLeader.objects.create(task_force=task_force, created_by=acting_user, **cleaned)
        record(
            EventType.SURVIVOR_LEADER_ADDED, actor=acting_user, task_force=task_force, target=leader,
            changes={"kind": leader.kind, "linked_account": leader.user_id is not None},
        )
    return leader


def update_survivor_leader(leader: SurvivorLeader, *, acting_user: User | None, **values: Any) -> SurvivorLeader:
    """Change a survivor-leader entry (the coordinator): only the fields given change."""
    if acting_user is not None:
        access.access_leader(acting_user, leader.pk, for_change=True)
    cleaned = _leader_values(leader.task_force, values, leader)
    with transaction.atomic():
        changed = sorted(k for k, v in cleaned.items() if getattr(leader, k) != v)
        for key, value in cleaned.items():
            setattr(leader, key, value)
        leader.save()
        record(
            EventType.SURVIVOR_LEADER_UPDATED, actor=acting_user, task_force=leader.task_force, target=leader,
            changes={"fields": changed},
        )
    return leader


def _engagement_values(values: dict[str, Any], engagement: Engagement | None, today: dt.date) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    if "kind" in values or engagement is None:
        cleaned["kind"] = _choice(values.get("kind"), EngagementKind, _("Choose the type of engagement."))
    if "occurred_on" in values or engagement is None:
        cleaned["occurred_on"] = _date(values.get("occurred_on"), _("the date"))
        if cleaned["occurred_on"] > today:
            raise InvalidInput(_("An engagement is recorded once it happened: the date cannot be in the future."))
    if "hours" in values or engagement is None:
        cleaned["hours"] = _decimal(values.get("hours"), _("Hours"))
        if cleaned["hours"] <= 0 or cleaned["hours"] > 1000:
            raise InvalidInput(_("Hours are more than 0 (and at most 1,000)."))
    if "compensation" in values or engagement is None:
        cleaned["compensation"] = _decimal(values.get("compensation"), _("Compensation"))
        if cleaned["compensation"] < 0:
            raise InvalidInput(_("Compensation cannot be negative."))
    if "unpaid_reason" in values:
        cleaned["unpaid_reason"] = _text(values["unpaid_reason"], _("The reason for no compensation"), 300)
    if "notes" in values:
        cleaned["notes"] = _text(values["notes"], _("Notes"), 5000)
    compensation = cleaned.get("compensation", engagement.compensation if engagement else None)
    reason = cleaned.get("unpaid_reason", engagement.unpaid_reason if engagement else "")
    if compensation == 0 and not reason:
        raise InvalidInput(
            _("Survivor leaders are paid for their expertise: with a compensation of 0, record why (e.g. “declined payment”).")
        )
    if compensation and compensation > 0 and "unpaid_reason" not in values:
        cleaned["unpaid_reason"] = ""
    return cleaned


def record_engagement(leader: SurvivorLeader, *, acting_user: User | None, **values: Any) -> Engagement:
    """Record paid work a survivor leader did (the coordinator): type, date, hours (> 0),
    compensation in dollars (≥ 0; 0 needs its reason), notes."""
    if acting_user is not None:
        access.access_leader(acting_user, leader.pk, for_change=True)
    cleaned = _engagement_values(values, None, today_in(leader.task_force_id))
    with transaction.atomic():
        engagement = Engagement.objects.create(
            task_force_id=leader.task_force_id, leader=leader, created_by=acting_user, **cleaned
        )
        record(
            EventType.ENGAGEMENT_RECORDED, actor=acting_user, task_force=leader.task_force, target=engagement,
            changes={
                "leader_id": leader.pk, "kind": engagement.kind, "occurred_on": str(engagement.occurred_on),
                "hours": str(engagement.hours), "compensation": str(engagement.compensation),
            },
        )
    return engagement


def update_engagement(engagement: Engagement, *, acting_user: User | None, **values: Any) -> Engagement:
    if acting_user is not None:
        access.access_engagement(acting_user, engagement.pk, for_change=True)
    cleaned = _engagement_values(values, engagement, today_in(engagement.task_force_id))
    with transaction.atomic():
        changed = sorted(k for k, v in cleaned.items() if getattr(engagement, k) != v)
        for key, value in cleaned.items():
            setattr(engagement, key, value)
        engagement.save()
        record(
            EventType.ENGAGEMENT_UPDATED, actor=acting_user, task_force=engagement.task_force, target=engagement,
            changes={"fields": changed},
        )
    return engagement


# --- feedback ---------------------------------------------------------------------------------


def _feedback_values(values: dict[str, Any]) -> tuple[str, str]:
    topic = _text(values.get("topic"), _("The topic"), 200, required=True)
    text = _text(values.get("text"), _("The feedback"), 10000, required=True)
    return topic, text


def _route_feedback(feedback: Feedback, acting_user: User | None) -> None:
    link = reverse("feedback_detail", args=[feedback.pk])
    # The title names no one and carries none of the text.
    recipients = [u for u in _leadership(feedback.task_force) if u.pk != feedback.author_id]
    notify(
        recipients, task_force=feedback.task_force, kind=NotificationKind.FEEDBACK_RECEIVED,
        title=_("Feedback #%(number)d from a survivor leader") % {"number": feedback.pk}, link=link,
    )
    record(
        EventType.FEEDBACK_SUBMITTED, actor=acting_user, task_force=feedback.task_force, target=feedback,
        changes={"received_on": str(feedback.received_on), "self_submitted": feedback.author_id is not None and feedback.recorded_by_id == feedback.author_id},
    )


def submit_feedback(task_force: TaskForce, *, acting_user: User, **values: Any) -> Feedback:
    """A survivor leader's own feedback to leadership: topic and text. Goes to the coordinator and
    the co-leads (co-leads never learn who gave it)."""
    _check(acting_user, task_force, access.submits_feedback(grants_for(acting_user)))
    topic, text = _feedback_values(values)
    leader = SurvivorLeader.objects.filter(task_force=task_force, user=acting_user).first()
    with transaction.atomic():
        feedback = Feedback.objects.create(
            task_force=task_force, leader=leader, author=acting_user, topic=topic, text=text,
            received_on=today_in(task_force.pk), recorded_by=acting_user,
        )
        _route_feedback(feedback, acting_user)
    return feedback


def record_feedback(
    leader: SurvivorLeader, *, acting_user: User | None, received_on: dt.date | None = None, **values: Any
) -> Feedback:
    """The coordinator records feedback received from a survivor leader (by phone, in a meeting)."""
    if acting_user is not None:
        access.access_leader(acting_user, leader.pk, for_change=True)
    topic, text = _feedback_values(values)
    today = today_in(leader.task_force_id)
    received = today if received_on is None else _date(received_on, _("the date received"))
    if received > today:
        raise InvalidInput(_("The date received cannot be in the future."))
    with transaction.atomic():
        feedback = Feedback.objects.create(
            task_force_id=leader.task_force_id, leader=leader, author=leader.user, topic=topic, text=text,
            received_on=received, recorded_by=acting_user,
        )
        _route_feedback(feedback, acting_user)
    return feedback


def respond_to_feedback(feedback: Feedback, *, acting_user: User | None, response: str) -> Feedback:
    """Leadership records what will be done or was decided; the author (with an account) hears
    of it. A response can be revised: the newest stands."""
    if acting_user is not None:
        access.access_feedback(acting_user, feedback.pk, for_change=True)
    text = _text(response, _("The response"), 10000, required=True)
    with transaction.atomic():
        feedback.response = text
        feedback.status = FeedbackStatus.ANSWERED
        feedback.responded_on = today_in(feedback.task_force_id)
        feedback.responded_by = acting_user
        feedback.save(update_fields=["response", "status", "responded_on", "responded_by"])
        if feedback.author_id is not None and feedback.author_id != getattr(acting_user, "pk", None):
            notify(
                [feedback.author], task_force=feedback.task_force, kind=NotificationKind.FEEDBACK_ANSWERED,  # type: ignore[list-item]
                title=_("Leadership answered your feedback #%(number)d") % {"number": feedback.pk},
                link=reverse("feedback_detail", args=[feedback.pk]),
            )
        record(
            EventType.FEEDBACK_ANSWERED, actor=acting_user, task_force=feedback.task_force, target=feedback,
            changes={"responded_on": str(feedback.responded_on)},
        )
    return feedback


# --- outreach events --------------------------------------------------------------------------


def _event_values(
    task_force: TaskForce, values: dict[str, Any], event: OutreachEvent | None, today: dt.date
) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    if "kind" in values or event is None:
        cleaned["kind"] = _choice(values.get("kind"), EventKind, _("Choose the kind of event."))
    if "title" in values or event is None:
        cleaned["title"] = _text(values.get("title"), _("The title"), 200, required=True)
    if "occurred_on" in values or event is None:
        cleaned["occurred_on"] = _date(values.get("occurred_on"), _("the date"))
    if "region" in values or event is None:
        region = values.get("region")
        if not isinstance(region, Region) or region.task_force_id != task_force.pk:
            raise InvalidInput(_("Choose a region of the task force."))
        cleaned["region"] = region
    region = cleaned.get("region", event.region if event else None)
    if "county" in values:
        county = _text(values["county"], _("The county"), 100)
        if county and region is not None and region.counties:
            known = {c.casefold(): c for c in region.counties}
            if county.casefold() not in known:
                raise InvalidInput(_("That county is not in the region."))
            county = known[county.casefold()]
        cleaned["county"] = county
    if "audience" in values:
        cleaned["audience"] = _text(values["audience"], _("The audience"), 500)
    if "other_partners" in values:
        cleaned["other_partners"] = _text(values["other_partners"], _("Other partners"), 500)
    if "survivor_led" in values:
        cleaned["survivor_led"] = bool(values["survivor_led"])
    if "attendance" in values:
        cleaned["attendance"] = _count(values["attendance"], _("Attendance"))
    if "industry" in values:
        industry = values["industry"]
        if industry is not None and (
            not isinstance(industry, AssessedIndustry) or industry.assessment.task_force_id != task_force.pk
        ):
            raise InvalidInput(_("Choose an industry of one of the task force's threat assessments."))
        cleaned["industry"] = industry
    industry = cleaned.get("industry", event.industry if event else None)
    if industry is not None and region is not None and industry.assessment.region_id != region.pk:
        raise InvalidInput(_("An event planned from a threat-assessment industry is held in that assessment's region."))
    day = cleaned.get("occurred_on", event.occurred_on if event else None)
    attendance = cleaned.get("attendance", event.attendance if event else None)
    status = event.status if event else EventStatus.PLANNED
    if attendance is not None and day is not None and day > today:
        raise InvalidInput(_("Attendance is recorded once the event took place: its date is in the future."))
    if status == EventStatus.HELD and day is not None and day > today:
        raise InvalidInput(_("A held event cannot have a date in the future."))
    if status == EventStatus.HELD and attendance is None:
        raise InvalidInput(_("A held event needs its attendance."))
    return cleaned


def _relations(task_force: TaskForce, values: dict[str, Any]) -> tuple[list[Organization] | None, list[SurvivorLeader] | None]:
    partners = leaders = None
    if "partners" in values:
        partners = list(values["partners"] or [])
        if any(not isinstance(o, Organization) or o.task_force_id != task_force.pk for o in partners):
            raise InvalidInput(_("Partner organizations are members of the task force."))
    if "leaders" in values:
        leaders = list(values["leaders"] or [])
        if any(not isinstance(sl, SurvivorLeader) or sl.task_force_id != task_force.pk for sl in leaders):
            raise InvalidInput(_("Choose survivor leaders of the task force."))
    return partners, leaders


def _check_event_writer(acting_user: User | None, task_force: TaskForce, region_id: int | None, leaders: Any) -> None:
    if acting_user is None:
        return
    grants = grants_for(acting_user)
    _check(acting_user, task_force, grants.is_colleague and access.records_events(grants, region_id))
    if leaders is not None and not access.sees_event_leaders(grants):
        raise NotPermitted()


def _sees_event_leaders(acting_user: User | None) -> bool:
    return acting_user is None or access.sees_event_leaders(grants_for(acting_user))


def plan_event(task_force: TaskForce, *, acting_user: User | None, **values: Any) -> OutreachEvent:
    """Plan (or record) an outreach or awareness event. Leadership anywhere, a navigator in their
    regions. Only the coordinator links it to survivor leaders."""
    region = values.get("region")
    _check_event_writer(acting_user, task_force, getattr(region, "pk", None), values.get("leaders"))
    today = today_in(task_force.pk)
    cleaned = _event_values(task_force, values, None, today)
    partners, leaders = _relations(task_force, values)
    if leaders and not cleaned.get("survivor_led"):
        raise InvalidInput(_("An event led by survivor leaders is marked survivor-led."))
    with transaction.atomic():
        event = OutreachEvent.objects.create(task_force=task_force, created_by=acting_user, **cleaned)
        if partners:
            event.partners.set(partners)
        if leaders:
            event.leaders.set(leaders)
        record(
            EventType.OUTREACH_PLANNED, actor=acting_user, task_force=task_force, target=event,
            changes={
                "kind": event.kind, "region_id": event.region_id, "occurred_on": str(event.occurred_on),
                "industry_id": event.industry_id,
            },
        )
    return event


def update_event(event: OutreachEvent, *, acting_user: User | None, **values: Any) -> OutreachEvent:
    """Change an event (only the fields given). A navigator cannot move it out of their regions."""
    if acting_user is not None:
        access.access_event(acting_user, event.pk, for_change=True)
    if "region" in values:
        _check_event_writer(acting_user, event.task_force, getattr(values["region"], "pk", None), None)
    if "leaders" in values:
        _check_event_writer(acting_user, event.task_force, event.region_id, values["leaders"])
    if event.status == EventStatus.CANCELLED:
        raise Conflict(_("The event was cancelled: it no longer changes."))
    cleaned = _event_values(event.task_force, values, event, today_in(event.task_force_id))
    partners, leaders = _relations(event.task_force, values)
    survivor_led = cleaned.get("survivor_led", event.survivor_led)
    if leaders and not survivor_led:
        raise InvalidInput(_("An event led by survivor leaders is marked survivor-led."))
    with transaction.atomic():
        changed = sorted(k for k, v in cleaned.items() if getattr(event, k) != v)
        for key, value in cleaned.items():
            setattr(event, key, value)
        event.save()
        if partners is not None:
            event.partners.set(partners)
            changed.append("partners")
        if leaders is not None:
            event.leaders.set(leaders)
            changed.append("leaders")
        # Unticking "survivor-led" clears the leader links only for whoever may see them (the
        # coordinator, the system); a co-lead or navigator never silently undoes the coordinator's.
        if not survivor_led and leaders is None and _sees_event_leaders(acting_user) and event.leaders.exists():
            event.leaders.clear()
            changed.append("leaders")
        record(
            EventType.OUTREACH_UPDATED, actor=acting_user, task_force=event.task_force, target=event,
            changes={"fields": changed},
        )
    return event


def record_event_held(event: OutreachEvent, *, acting_user: User | None, attendance: Any, occurred_on: dt.date | None = None) -> OutreachEvent:
    """The event took place: its attendance (required) and, if it moved, the date it was held
    (not in the future)."""
    if acting_user is not None:
        access.access_event(acting_user, event.pk, for_change=True)
    if event.status == EventStatus.CANCELLED:
        raise Conflict(_("The event was cancelled: it cannot be recorded as held."))
    today = today_in(event.task_force_id)
    day = event.occurred_on if occurred_on is None else _date(occurred_on, _("the date"))
    count = _count(attendance, _("Attendance"))
    if count is None:
        raise InvalidInput(_("A held event needs its attendance."))
    if day > today:
        raise InvalidInput(_("A held event cannot have a date in the future."))
    with transaction.atomic():
        event.status = EventStatus.HELD
        event.attendance = count
        event.occurred_on = day
        event.save(update_fields=["status", "attendance", "occurred_on"])
        record(
            EventType.OUTREACH_HELD, actor=acting_user, task_force=event.task_force, target=event,
            changes={"attendance": count, "occurred_on": str(day)},
        )
    return event


def cancel_event(event: OutreachEvent, *, acting_user: User | None) -> OutreachEvent:
    if acting_user is not None:
        access.access_event(acting_user, event.pk, for_change=True)
    if event.status != EventStatus.PLANNED:
        raise Conflict(_("Only a planned event can be cancelled."))
    with transaction.atomic():
        event.status = EventStatus.CANCELLED
        event.save(update_fields=["status"])
        record(EventType.OUTREACH_CANCELLED, actor=acting_user, task_force=event.task_force, target=event, changes={})
    return event


# --- threat assessment ------------------------------------------------------------------------


def _fiscal_year_value(value: Any, today: dt.date) -> int:
    current = fiscal_year(today)
    if isinstance(value, bool) or not isinstance(value, int) or not 2000 <= value <= current + 1:
        raise InvalidInput(
            _("The fiscal year is a year from 2000 to %(next)d (federal: FY%(next)d starts 1 October %(current)d).")
            % {"next": current + 1, "current": current}
        )
    return value


def record_threat_assessment(
    region: Region, *, acting_user: User | None, fiscal_year: int, notes: str = ""
) -> ThreatAssessment:
    """Start a region's threat assessment for a federal fiscal year (one per region and year).
    Leadership, or a navigator of the region."""
    task_force = region.task_force
    if acting_user is not None:
        access.require_assessment_reader(acting_user)
        _check(acting_user, task_force, access.writes_assessment(grants_for(acting_user), region.pk))
    year = _fiscal_year_value(fiscal_year, today_in(task_force.pk))
    cleaned_notes = _text(notes, _("Notes"), 10000)
    taken = _("The region already has a threat assessment for that fiscal year: add to it.")
    if ThreatAssessment.objects.filter(region=region, fiscal_year=year).exists():
        raise InvalidInput(taken)
    try:
        with transaction.atomic():
            assessment = ThreatAssessment.objects.create(
                task_force=task_force, region=region, fiscal_year=year, notes=cleaned_notes, created_by=acting_user
            )
            record(
                EventType.THREAT_ASSESSMENT_RECORDED, actor=acting_user, task_force=task_force, target=assessment,
                changes={"region_id": region.pk, "fiscal_year": year},
            )
    except IntegrityError:
        # Another request created it between the check and the insert (one per region and year).
        raise InvalidInput(taken) from None
    return assessment


def update_threat_assessment(assessment: ThreatAssessment, *, acting_user: User | None, notes: str) -> ThreatAssessment:
    if acting_user is not None:
        access.access_assessment(acting_user, assessment.pk, for_change=True)
    cleaned = _text(notes, _("Notes"), 10000)
    with transaction.atomic():
        assessment.notes = cleaned
        assessment.save(update_fields=["notes"])
        record(
            EventType.THREAT_ASSESSMENT_UPDATED, actor=acting_user, task_force=assessment.task_force,
            target=assessment, changes={"fields": ["notes"]},
        )
    return assessment


def _factor_keys(value: Any) -> list[str]:
    if value is None:
        return []
    known = catalog.factors().by_key()
    if not isinstance(value, (list, tuple, set)) or any(k not in known for k in value):
        raise InvalidInput(_("Choose vulnerability factors from the list."))
    return [f.key for f in catalog.factors().factors if f.key in set(value)]


def _industry_values(values: dict[str, Any], row: AssessedIndustry | None) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    if "establishments" in values:
        cleaned["establishments"] = _count(values["establishments"], _("Establishments"))
    if "workers" in values:
        cleaned["workers"] = _count(values["workers"], _("Workers"))
    if "notes" in values:
        cleaned["notes"] = _text(values["notes"], _("Notes"), 5000)
    if "factors" in values or row is None:
        current = catalog.factors()
        cleaned["factors"] = _factor_keys(values.get("factors"))
        cleaned["factors_version"] = current.version
        cleaned["score"] = current.score(cleaned["factors"])
    return cleaned


def add_assessed_industry(
    assessment: ThreatAssessment, *, acting_user: User | None, naics_code: str, **values: Any
) -> AssessedIndustry:
    """Add an industry present in the region (a NAICS code from the shipped list), its estimates,
    vulnerability factors and notes. The score follows from the factors (``catalog``)."""
    if acting_user is not None:
        access.access_assessment(acting_user, assessment.pk, for_change=True)
    found = catalog.industry(naics_code)
    if found is None:
        raise InvalidInput(_("Choose an industry from the NAICS list."))
    present = list(assessment.industries.order_by("naics_code").values_list("naics_code", flat=True))
    if naics_code in present:
        raise InvalidInput(_("That industry is already in the assessment: change it there."))
    # SECURITY: two codes counting the same tips (a sector and an industry within it) would let a
    # reader subtract one shown count from the other and isolate a small cell.
    for code in present:
        other = catalog.industry(code)
        if other is not None and set(other.trafficking_industries) & set(found.trafficking_industries):
            raise InvalidInput(
                _("%(industry)s counts the same tips as %(other)s, already in the assessment: "
                  "assess one of them, or change the one there.")
                % {"industry": found.label, "other": other.label}
            )
    cleaned = _industry_values(values, None)
    with transaction.atomic():
        row = AssessedIndustry.objects.create(assessment=assessment, naics_code=naics_code, **cleaned)
        record(
            EventType.THREAT_ASSESSMENT_UPDATED, actor=acting_user, task_force=assessment.task_force,
            target=assessment,
            changes={"industry_added": naics_code, "score": row.score, "factors": row.factors},
        )
    return row


def update_assessed_industry(row: AssessedIndustry, *, acting_user: User | None, **values: Any) -> AssessedIndustry:
    """Change an industry's estimates, factors or notes (re-scored with the current factor list
    when the factors are given)."""
    if acting_user is not None:
        access.access_assessed_industry(acting_user, row.pk, for_change=True)
    cleaned = _industry_values(values, row)
    with transaction.atomic():
        changed = sorted(k for k, v in cleaned.items() if getattr(row, k) != v)
        for key, value in cleaned.items():
            setattr(row, key, value)
        row.updated_at = timezone.now()
        row.save()
        record(
            EventType.THREAT_ASSESSMENT_UPDATED, actor=acting_user, task_force=row.assessment.task_force,
            target=row.assessment, changes={"industry": row.naics_code, "fields": changed, "score": row.score},
        )
    return row


