"""Schemas of trafficking events (recruitment, transit, exploitation)."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import Field

from ally.api.survivors.schemas.common import StrictIn


class EventIn(StrictIn):
    event_type: str  # hte_Type: Recruitment, Transit, Exploitation
    occurred_on: dt.date | None = None
    date_precision: str = "day"  # day, month or year
    country: str = Field(default="", max_length=100)
    state: str = Field(default="", max_length=100)
    city: str = Field(default="", max_length=100)
    place: str = Field(default="", max_length=200)
    description: str = ""


class EventRemoveIn(StrictIn):
    reason: str = Field(max_length=200)


class EventOut(Schema):
    id: int
    client_id: int
    event_type: str
    occurred_on: dt.date | None
    date_precision: str
    country: str
    state: str
    city: str
    place: str
    description: str
    created_at: dt.datetime
