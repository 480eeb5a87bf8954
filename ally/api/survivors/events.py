"""Trafficking events: where and when a survivor was recruited, moved and exploited (the
``trafficking_details`` field group)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Status

from ally.access.care import access_event, events_of
from ally.api.auth import acting_user
from ally.api.common import CHANGE, E404, E409, paginated
from ally.api.survivors.fetch import changeable, client_to_change, seen_with
from ally.api.survivors.schemas.events import EventIn, EventOut, EventRemoveIn
from ally.survivors import trafficking
from ally.survivors.fieldgroups import FieldGroup
from ally.survivors.models import TraffickingEvent

router = Router(tags=["care"])


@router.get("/clients/{client_id}/trafficking-events", response={200: list[EventOut], **E404})
@paginated
def list_events(request: HttpRequest, client_id: int) -> QuerySet[TraffickingEvent]:
    return events_of(seen_with(acting_user(request), client_id, FieldGroup.TRAFFICKING_DETAILS))


@router.post("/clients/{client_id}/trafficking-events", response={201: EventOut, **CHANGE})
def add_event(request: HttpRequest, client_id: int, payload: EventIn) -> Status[TraffickingEvent]:
    """Record a recruitment, transit or exploitation event; a month or a year is stored as its
    first day, with that precision."""
    user = acting_user(request)
    client = client_to_change(user, client_id)
    event = trafficking.add_trafficking_event(client, acting_user=user, **payload.model_dump())
    return Status(201, event)


@router.post("/trafficking-events/{event_id}/remove", response={204: None, **E409, **CHANGE})
def remove_event(request: HttpRequest, event_id: int, payload: EventRemoveIn) -> Status[None]:
    """Remove an event recorded in error; the record stays, with the reason."""
    user = acting_user(request)
    event = changeable(access_event, user, event_id)
    trafficking.remove_trafficking_event(event, acting_user=user, reason=payload.reason)
    return Status(204, None)
