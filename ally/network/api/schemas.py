"""Schemas of the provider-network API. Inputs refuse unknown fields; money is exact (decimal
strings in JSON)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Schema
from pydantic import ConfigDict, Field

from ally.network.models import LineDecision, VettingOutcome
from ally.survivors import vocabularies


class StrictIn(Schema):
    model_config = ConfigDict(extra="forbid")


def _each_of(vocabulary: str) -> Any:
    return {"items": {"type": "string", "enum": [t.value for t in vocabularies.vocabulary(vocabulary).values]}}


class VettingStatusOut(Schema):
    valid: bool
    outcome: str | None
    visited_on: dt.date | None
    revisit_on: dt.date | None


class ProviderOut(Schema):
    """A provider as every participant sees it. ``street`` is null when it is confidential to
    the reader; coordinates are the ZIP code's centre."""

    organization_id: int
    name: str
    discipline: str
    street: str | None
    city: str
    state: str
    region_ids: list[int]
    has_profile: bool
    services: list[str]
    populations: list[str]
    languages: list[str]
    counties: list[str]
    zip_code: str
    county: str
    latitude: float | None
    longitude: float | None
    hours: str
    crisis_line: bool
    crisis_phone: str
    eligibility_notes: str
    intake_capacity: int | None
    capacity_updated_at: dt.datetime | None
    version: int | None
    vetting: VettingStatusOut
    sub_awarded: bool


class ProfileIn(StrictIn):
    """Only the fields given change. ``version``: the one the edit started from (409 if stale)."""

    version: int | None = None
    services: list[str] | None = Field(None, json_schema_extra=_each_of("service_category"))
    populations: list[str] | None = Field(None, json_schema_extra=_each_of("population"))
    languages: list[str] | None = None
    counties: list[str] | None = None
    zip_code: str | None = Field(None, description="Five digits; locates the provider (offline data).")
    hours: str | None = None
    crisis_line: bool | None = None
    crisis_phone: str | None = None
    eligibility_notes: str | None = None


class CapacityIn(StrictIn):
    intake_capacity: int = Field(..., description="New survivors the provider can take now; 0 or more.")


class ChecklistItemOut(Schema):
    key: str
    label: str
    guidance: str


class ChecklistAnswerOut(Schema):
    value: str
    label: str


class ChecklistOut(Schema):
    id: str
    version: str
    title: str
    answers: list[ChecklistAnswerOut]
    items: list[ChecklistItemOut]


class VettingIn(StrictIn):
    visited_on: dt.date
    answers: dict[str, str] = Field(..., description="Every checklist item key → an answer value.")
    outcome: str = Field(..., json_schema_extra={"enum": list(VettingOutcome.values)})
    notes: str = ""
    revisit_on: dt.date | None = None


class VettingOut(Schema):
    id: int
    organization_id: int
    visited_on: dt.date
    reviewer: str
    checklist_id: str
    checklist_version: str
    answers: dict[str, str]
    outcome: str
    notes: str
    revisit_on: dt.date | None

    @staticmethod
    def resolve_reviewer(obj: Any) -> str:
        return str(obj.reviewer.full_name)


class SubAwardIn(StrictIn):
    reference: str = ""
    budget: Decimal
    starts_on: dt.date
    ends_on: dt.date


class SubAwardPatch(StrictIn):
    reference: str | None = None
    budget: Decimal | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None


class SubAwardOut(Schema):
    id: int
    organization_id: int
    reference: str
    budget: Decimal
    starts_on: dt.date
    ends_on: dt.date
    claimed: Decimal
    approved: Decimal
    pending: Decimal
    remaining: Decimal


class ClaimableServiceOut(Schema):
    """A service the provider may claim: for its own administrators, with its client."""

    id: int
    client_id: int
    delivered_on: dt.date
    category: str
    units: Decimal
    unit: str
    cost: Decimal


class ClaimIn(StrictIn):
    period_start: dt.date
    period_end: dt.date
    service_ids: list[int]
    reference: str = ""


class ClaimLineOut(Schema):
    """A line as the reviewer sees it; ``service_id`` and ``client_id`` are filled only for the
    provider's own administrators."""

    id: int
    number: int
    delivered_on: dt.date
    category: str
    units: Decimal
    unit: str
    cost: Decimal
    decision: str
    reason: str
    decided_at: dt.datetime | None
    service_id: int | None
    client_id: int | None


class ClaimOut(Schema):
    id: int
    organization_id: int
    provider: str
    sub_award_id: int
    period_start: dt.date
    period_end: dt.date
    reference: str
    submitted_at: dt.datetime
    claimed: Decimal
    approved: Decimal
    rejected: Decimal
    pending: Decimal
    sub_award_remaining: Decimal
    lines: list[ClaimLineOut]


class ClaimBrief(Schema):
    id: int
    organization_id: int
    provider: str
    period_start: dt.date
    period_end: dt.date
    submitted_at: dt.datetime
    claimed: Decimal
    approved: Decimal
    pending: Decimal


class DecisionIn(StrictIn):
    decision: str = Field(..., json_schema_extra={"enum": [LineDecision.APPROVED.value, LineDecision.REJECTED.value]})
    reason: str = ""
