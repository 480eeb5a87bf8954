"""Services delivered and case notes.

Service corrections: a delivered service is never edited. ``correct_service`` soft-deletes the
original with the reason and, when corrected values are given, records a new row naming it in
``corrects``; reimbursement claims already made from the original stay traceable. Notes are never
edited either: a correction is a new note naming the one it corrects.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ally.accounts.models import User
from ally.audit.events import EventType
from ally.core.errors import Conflict, InvalidInput
from ally.survivors import vocabularies
from ally.survivors.care._common import (
    _amount,
    _audit,
    _category,
    _check,
    _goal_of,
    _owned,
    _past_date,
    _provider,
    _text,
)
from ally.survivors.models import CaseNote, Client, Goal, ServiceDelivery, ServiceUnit
from ally.tenancy.models import Membership, Organization

SERVICE_FIELDS = ("category", "delivered_on", "units", "unit", "provider", "staff", "cost", "outcome", "goal")


def _service_values(client: Client, values: dict[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(values) - set(SERVICE_FIELDS))
    if unknown:
        raise InvalidInput(_("Unknown fields: %(f)s") % {"f": ", ".join(unknown)})
    _category(values["category"])
    _past_date(values["delivered_on"], _("the service date"), client)
    _amount(values["units"], _("units"), 8)
    if values["unit"] not in ServiceUnit.values:
        raise InvalidInput(_("The unit is hours, sessions, nights, items or trips."))
    values["provider"] = _provider(client, values.get("provider"))
    staff = Membership.objects.filter(user=values.get("staff"), organization=values["provider"], is_active=True)
    if values.get("staff") is not None and not staff.exists():
        raise InvalidInput(_("The staff member belongs to the providing organization."))
    if values.get("cost") is not None:
        _amount(values["cost"], _("cost"), 12)
    values["outcome"] = (values.get("outcome") or "").strip()
    _goal_of(client, values.get("goal"))
    return values


def record_service(
    client: Client, *, acting_user: User | None, category: str, delivered_on: dt.date, units: Decimal,
    unit: str = ServiceUnit.HOURS, provider: Organization | None = None, staff: User | None = None,
    cost: Decimal | None = None, outcome: str = "", goal: Goal | None = None,
) -> ServiceDelivery:
    """Record a service given to the client: the one short form (category, date, units) plus
    optional provider (default: the client's organization), staff, cost, outcome and goal.
    Never asks about consent."""
    _check(acting_user, client)
    values = _service_values(client, {
        "category": category, "delivered_on": delivered_on, "units": units, "unit": unit,
        "provider": provider, "staff": staff, "cost": cost, "outcome": outcome, "goal": goal,
    })
    with transaction.atomic():
        service = ServiceDelivery.objects.create(**_owned(client, acting_user), **values)
        fields = sorted(k for k, v in values.items() if v not in (None, ""))
        _audit(EventType.SERVICE_RECORDED, client, service, acting_user, fields=fields)
    return service


def correct_service(
    service: ServiceDelivery, *, acting_user: User | None, reason: str, **corrections: Any
) -> ServiceDelivery | None:
    """Correct a recorded service: the original is soft-deleted with the reason and, when
    corrected values are given, a new row with them (the rest copied) names the original.
    Without corrections the record is withdrawn (recorded in error) and None is returned."""
    client = service.client
    _check(acting_user, client)
    why = _text(reason, _("Say why the service record is being corrected."))[:200]
    values = None
    if corrections:
        values = _service_values(client, {**{f: getattr(service, f) for f in SERVICE_FIELDS}, **corrections})
    with transaction.atomic():
        original = ServiceDelivery.objects.select_for_update().get(pk=service.pk)
        if original.deleted_at is not None:
            raise Conflict(_("This service record was already corrected. Reload it."))
        original.deleted_at, original.deleted_reason = timezone.now(), why
        original.save(update_fields=["deleted_at", "deleted_reason"])
        replacement = None if values is None else ServiceDelivery.objects.create(
            **_owned(client, acting_user), corrects=original, **values)
        replaced_by = replacement.pk if replacement else None
        _audit(EventType.SERVICE_CORRECTED, client, original, acting_user, fields=sorted(corrections), replacement=replaced_by)
    return replacement


def add_case_note(
    client: Client, *, acting_user: User | None, note_type: str, text: str, sensitive: bool = False,
    corrects: CaseNote | None = None,
) -> CaseNote:
    """Add a case note. Notes are never edited: a correction is a new note naming the one it
    corrects, and a correction of a sensitive note is sensitive too."""
    _check(acting_user, client)
    if not vocabularies.is_valid("case_note_type", note_type):
        raise InvalidInput(_("Choose the note's type from the list."))
    words = _text(text, _("The note is empty."))
    if corrects is not None:
        if corrects.client_id != client.pk:
            raise InvalidInput(_("A correction is written on the same client's record."))
        sensitive = sensitive or corrects.sensitive
    with transaction.atomic():
        note = CaseNote.objects.create(
            **_owned(client, acting_user), note_type=note_type, text=words,
            sensitive=bool(sensitive), written_by=acting_user, corrects=corrects,
        )
        fields = ["note_type", "text", "sensitive"] + (["corrects"] if corrects else [])
        _audit(EventType.NOTE_ADDED, client, note, acting_user, fields=fields)
    return note
