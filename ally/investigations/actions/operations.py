"""Planned operations (checked at once against other agencies' operations) and the heads-up a
partner victim-service provider gets: a general timeline, how many potential victims, their
gender and languages, whether minors are expected — never the date or the place."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ally.access.investigations import access_heads_up, access_operation
from ally.accounts.models import User
from ally.audit.chain import record
from ally.audit.events import EventType
from ally.core.errors import Conflict, InvalidInput
from ally.deconfliction.events import MAX_OPERATION_DAYS, MAX_RADIUS_M, check_operation
from ally.deconfliction.models import OperationConflict
from ally.investigations.actions import _common as c
from ally.investigations.models import (
    HeadsUp,
    Investigation,
    Operation,
    OperationKind,
    OperationStatus,
    Timeline,
)
from ally.notifications import notify
from ally.notifications.kinds import NotificationKind
from ally.survivors import vocabularies
from ally.tenancy.models import Membership, Organization
from ally.tenancy.vocab import Discipline

EDITABLE = ("kind", "name", "starts_at", "ends_at", "location", "latitude", "longitude", "radius_m",
            "contact", "expected_victims", "expected_genders", "expected_languages", "minors_expected")


def _clean(organization: Organization, values: dict[str, Any]) -> dict[str, Any]:
    if values.get("kind") not in OperationKind.values:
        raise InvalidInput(_("Type: choose from the list."))
    starts, ends = values.get("starts_at"), values.get("ends_at")
    if not isinstance(starts, dt.datetime) or not isinstance(ends, dt.datetime) or timezone.is_naive(starts) or timezone.is_naive(ends):
        raise InvalidInput(_("Give the start and the end as dates with times."))
    if ends <= starts:
        raise InvalidInput(_("The operation must end after it starts."))
    if ends - starts > dt.timedelta(days=MAX_OPERATION_DAYS):
        raise InvalidInput(_("An operation lasts at most %(n)d days; plan longer work as several.") % {"n": MAX_OPERATION_DAYS})
    try:
        latitude, longitude = float(values.get("latitude")), float(values.get("longitude"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InvalidInput(_("Give the location as latitude and longitude.")) from None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise InvalidInput(_("Latitude is between -90 and 90, longitude between -180 and 180."))
    radius = values.get("radius_m")
    if not isinstance(radius, int) or isinstance(radius, bool) or not 1 <= radius <= MAX_RADIUS_M:
        raise InvalidInput(_("Radius: whole meters from 1 to %(n)d.") % {"n": MAX_RADIUS_M})
    victims = values.get("expected_victims", 0)
    if not isinstance(victims, int) or isinstance(victims, bool) or not 0 <= victims <= 10000:
        raise InvalidInput(_("Expected number of potential victims: a whole number from 0."))
    contact = values.get("contact")
    if contact is not None and not Membership.objects.filter(user=contact, organization=organization, is_active=True).exists():
        raise InvalidInput(_("The operation contact must be a member of the agency."))
    return {
        "kind": values["kind"], "name": c.text(values.get("name"), 200, _("Operation name"), required=True),
        "starts_at": starts, "ends_at": ends, "location": c.text(values.get("location"), 300, _("Location")),
        "latitude": latitude, "longitude": longitude, "radius_m": radius, "contact": contact,
        "expected_victims": victims,
        "expected_genders": c.vocabulary_values("prs_Gender", values.get("expected_genders"), _("Their gender")),
        "expected_languages": c.text(values.get("expected_languages"), 200, _("Their languages")),
        "minors_expected": bool(values.get("minors_expected", False)),
    }


def plan_operation(organization: Organization, *, acting_user: User | None, investigation: Investigation | None = None,
                   **values: Any) -> tuple[Operation, list[OperationConflict]]:
    """Plan an operation; returns the conflicts found with other agencies' operations (both
    sides are alerted at once)."""
    unknown = sorted(set(values) - set(EDITABLE))
    if unknown:
        raise InvalidInput(_("Unknown fields: %(f)s") % {"f": ", ".join(unknown)})
    c.check_investigator(acting_user, organization)
    if investigation is not None:
        c.check_works(acting_user, investigation)
        if organization.pk not in c.working_organization_ids(investigation):
            raise InvalidInput(_("Choose an investigation your agency works."))
    values.setdefault("contact", acting_user)
    cleaned = _clean(organization, values)
    if cleaned["starts_at"] < timezone.now() - dt.timedelta(hours=1):
        raise InvalidInput(_("Plan operations that have not started yet."))
    with transaction.atomic():
        operation = Operation.objects.create(task_force=organization.task_force, organization=organization,
                                             investigation=investigation, created_by=acting_user, **cleaned)
        record(EventType.OPERATION_PLANNED, actor=acting_user, task_force=organization.task_force,
               organization=organization, target=operation, changes={"kind": operation.kind})
        conflicts = check_operation(operation, acting_user=acting_user)
    return operation, conflicts


def update_operation(operation: Operation, *, acting_user: User | None, version: int | None = None,
                     **changes: Any) -> tuple[Operation, list[OperationConflict]]:
    """Change a planned operation; a new time or place is checked again."""
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise InvalidInput(_("Unknown fields: %(f)s") % {"f": ", ".join(unknown)})
    if acting_user is not None:
        access_operation(acting_user, operation.pk)
    with transaction.atomic():
        current = Operation.objects.select_for_update(of=("self",)).select_related("task_force", "organization").get(pk=operation.pk)
        if version is not None and current.version != version:
            raise Conflict(_("Someone changed this operation meanwhile; reload and try again."))
        if current.status != OperationStatus.PLANNED:
            raise Conflict(_("Only a planned operation can change."))
        cleaned = _clean(current.organization, {**{f: getattr(current, f) for f in EDITABLE}, **changes})
        diff = sorted(f for f, v in cleaned.items() if getattr(current, f) != v)
        if not diff:
            return current, []
        for field, value in cleaned.items():
            setattr(current, field, value)
        current.version += 1
        current.save()
        record(EventType.OPERATION_UPDATED, actor=acting_user, task_force=current.task_force,
               organization=current.organization, target=current, changes={"fields": diff})
        moved = {"starts_at", "ends_at", "latitude", "longitude", "radius_m"} & set(diff)
        conflicts = check_operation(current, acting_user=acting_user) if moved else []
    return current, conflicts


def set_operation_status(operation: Operation, status: str, *, acting_user: User | None) -> Operation:
    """Cancel a planned operation or mark it carried out."""
    if acting_user is not None:
        access_operation(acting_user, operation.pk)
    if status not in (OperationStatus.CANCELLED, OperationStatus.DONE):
        raise InvalidInput(_("An operation is cancelled or carried out."))
    with transaction.atomic():
        current = Operation.objects.select_for_update(of=("self",)).select_related("task_force", "organization").get(pk=operation.pk)
        if current.status != OperationStatus.PLANNED:
            raise Conflict(_("This operation is no longer planned."))
        current.status = status
        current.version += 1
        current.save()
        record(EventType.OPERATION_UPDATED, actor=acting_user, task_force=current.task_force,
               organization=current.organization, target=current, changes={"status": [OperationStatus.PLANNED.value, status]})
    return current


def timeline_for(starts_at: dt.datetime, now: dt.datetime | None = None) -> str:
    """The general timeline a heads-up gives, worked out from the start (never the date)."""
    days = (starts_at - (now or timezone.now())).total_seconds() / 86400
    if days <= 7:
        return Timeline.THIS_WEEK
    if days <= 14:
        return Timeline.TWO_WEEKS
    if days <= 31:
        return Timeline.MONTH
    if days <= 92:
        return Timeline.QUARTER
    return Timeline.LATER


def send_heads_up(operation: Operation, to_organization: Organization, *, acting_user: User | None) -> HeadsUp:
    """Tell a partner victim-service provider what to prepare for. It carries the operation's
    expected victims, their gender and languages and whether minors are expected, the general
    timeline and whom to call — nothing else."""
    if acting_user is not None:
        access_operation(acting_user, operation.pk)
    if to_organization.task_force_id != operation.task_force_id or not to_organization.is_active:
        raise InvalidInput(_("Choose a provider of this task force."))
    if to_organization.discipline != Discipline.VICTIM_SERVICES:
        raise InvalidInput(_("A heads-up goes to a victim-service provider."))
    if operation.status != OperationStatus.PLANNED or operation.starts_at <= timezone.now():
        raise Conflict(_("Send a heads-up only for an operation still ahead."))
    with transaction.atomic():
        heads_up = HeadsUp.objects.create(
            task_force=operation.task_force, operation=operation, from_organization=operation.organization,
            to_organization=to_organization, timeline=timeline_for(operation.starts_at),
            expected_victims=operation.expected_victims, genders=list(operation.expected_genders),
            languages=operation.expected_languages, minors_expected=operation.minors_expected,
            contact=operation.contact or acting_user, sent_by=acting_user,
        )
        record(EventType.HEADS_UP_SENT, actor=acting_user, task_force=operation.task_force,
               organization=operation.organization, target=heads_up, changes={"to_organization": to_organization.pk})
        notify(c.agency_members([to_organization.pk]), task_force=operation.task_force, kind=NotificationKind.HEADS_UP,
               title=_("Heads-up #%(n)s: law enforcement plans an operation; prepare to serve") % {"n": heads_up.pk},
               link=f"/heads-ups/{heads_up.pk}/")
    return heads_up


def acknowledge_heads_up(heads_up: HeadsUp, *, acting_user: User | None) -> HeadsUp:
    if acting_user is not None:
        access_heads_up(acting_user, heads_up.pk, for_change=True)
    with transaction.atomic():
        current = HeadsUp.objects.select_for_update(of=("self",)).select_related("task_force", "to_organization").get(pk=heads_up.pk)
        if current.acknowledged_at is not None:
            raise Conflict(_("This heads-up was already acknowledged."))
        current.acknowledged_by, current.acknowledged_at = acting_user, timezone.now()
        current.save(update_fields=["acknowledged_by", "acknowledged_at"])
        record(EventType.HEADS_UP_ACKNOWLEDGED, actor=acting_user, task_force=current.task_force,
               organization=current.to_organization, target=current)
        if current.sent_by is not None:
            notify([current.sent_by], task_force=current.task_force, kind=NotificationKind.HEADS_UP,
                   title=_("Heads-up #%(n)s was acknowledged by the provider") % {"n": current.pk},
                   link=f"/heads-ups/{current.pk}/")
    return current


def genders_label(values: list[str]) -> str:
    return ", ".join(vocabularies.label("prs_Gender", v) for v in values)
