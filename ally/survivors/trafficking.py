"""Trafficking events on a client's record: recruitment, transit and exploitation, each with a
place and a date as exact as the survivor remembers it. Only the owning organization adds or
removes them; a removal keeps the row (soft-deleted, with the reason)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ally.accounts.models import User
from ally.audit.events import EventType
from ally.core.errors import Conflict, InvalidInput
from ally.survivors import vocabularies
from ally.survivors.care._common import _audit, _check, _past_date, _text
from ally.survivors.models import Client, TraffickingEvent

DATE_PRECISIONS = ("day", "month", "year")
PLACE_FIELDS = ("country", "state", "city", "place")


def add_trafficking_event(
    client: Client, *, acting_user: User | None, event_type: str, occurred_on: dt.date | None = None,
    date_precision: str = "day", country: str = "", state: str = "", city: str = "", place: str = "",
    description: str = "",
) -> TraffickingEvent:
    """Record one event. A month or a year is stored as its first day with that precision."""
    _check(acting_user, client)
    if not vocabularies.is_valid("hte_Type", event_type):
        raise InvalidInput(_("The event is recruitment, transit or exploitation."))
    if date_precision not in DATE_PRECISIONS:
        raise InvalidInput(_("The date is exact to the day, the month or the year."))
    if occurred_on is not None:
        occurred_on = _past_date(occurred_on, _("the event date"), client)
        if date_precision == "month":
            occurred_on = occurred_on.replace(day=1)
        elif date_precision == "year":
            occurred_on = occurred_on.replace(month=1, day=1)
    places = {name: value.strip() for name, value in zip(
        PLACE_FIELDS, (country, state, city, place), strict=True) if isinstance(value, str)}
    if len(places) != len(PLACE_FIELDS):
        raise InvalidInput(_("Places are written as text."))
    limits = {"country": 100, "state": 100, "city": 100, "place": 200}
    if any(len(places[name]) > limit for name, limit in limits.items()):
        raise InvalidInput(_("A country, state or city has at most 100 characters, a place 200."))
    if occurred_on is None and not any(places.values()):
        raise InvalidInput(_("Give the event a date or a place (or both)."))
    with transaction.atomic():
        event = TraffickingEvent.objects.create(
            task_force_id=client.task_force_id, organization_id=client.organization_id, client=client,
            event_type=event_type, occurred_on=occurred_on, date_precision=date_precision,
            description=description.strip() if isinstance(description, str) else "",
            created_by=acting_user, **places,
        )
        fields = sorted(["event_type", "date_precision", *(k for k, v in places.items() if v)]
                        + (["occurred_on"] if occurred_on else []) + (["description"] if event.description else []))
        _audit(EventType.TRAFFICKING_EVENT_ADDED, client, event, acting_user, fields=fields)
    return event


def remove_trafficking_event(event: TraffickingEvent, *, acting_user: User | None, reason: str) -> None:
    """Remove an event recorded in error; the row stays, with the reason."""
    client = event.client
    _check(acting_user, client)
    why = _text(reason, _("Say why the event is being removed."))[:200]
    with transaction.atomic():
        current = TraffickingEvent.objects.select_for_update().get(pk=event.pk)
        if current.deleted_at is not None:
            raise Conflict(_("This event was already removed."))
        current.deleted_at, current.deleted_reason = timezone.now(), why
        current.save(update_fields=["deleted_at", "deleted_reason"])
        _audit(EventType.TRAFFICKING_EVENT_REMOVED, client, current, acting_user)
