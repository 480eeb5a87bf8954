"""Schemas of the survivor-leader, outreach and threat-assessment API. Inputs refuse unknown
fields; money and hours are exact (decimal strings in JSON)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Schema
from pydantic import ConfigDict

CENT = Decimal("0.01")


class StrictIn(Schema):
    model_config = ConfigDict(extra="forbid")


class LeaderOut(Schema):
    id: int
    name: str
    kind: str
    user_id: int | None
    expertise: list[str]
    started_on: dt.date
    ended_on: dt.date | None
    hourly_rate: Decimal | None
    engagement_count: int
    total_hours: Decimal
    total_paid: Decimal

    @staticmethod
    def resolve_total_hours(obj: Any) -> Decimal:
        return Decimal(obj.total_hours or 0).quantize(CENT)

    @staticmethod
    def resolve_total_paid(obj: Any) -> Decimal:
        return Decimal(obj.total_paid or 0).quantize(CENT)


class LeaderIn(StrictIn):
    name: str
    kind: str
    user_id: int | None = None
    expertise: list[str] = []
    started_on: dt.date
    ended_on: dt.date | None = None
    hourly_rate: Decimal | None = None


class LeaderPatch(StrictIn):
    name: str | None = None
    kind: str | None = None
    user_id: int | None = None
    expertise: list[str] | None = None
    started_on: dt.date | None = None
    ended_on: dt.date | None = None
    hourly_rate: Decimal | None = None


class EngagementOut(Schema):
    id: int
    leader_id: int
    kind: str
    occurred_on: dt.date
    hours: Decimal
    compensation: Decimal
    unpaid_reason: str
    notes: str


class EngagementIn(StrictIn):
    kind: str
    occurred_on: dt.date
    hours: Decimal
    compensation: Decimal
    unpaid_reason: str = ""
    notes: str = ""


class EngagementPatch(StrictIn):
    kind: str | None = None
    occurred_on: dt.date | None = None
    hours: Decimal | None = None
    compensation: Decimal | None = None
    unpaid_reason: str | None = None
    notes: str | None = None


class FiscalTotalOut(Schema):
    fiscal_year: int
    engagements: int
    leaders: int
    hours: Decimal
    paid: Decimal


class FeedbackOut(Schema):
    """``from_leader`` names the survivor leader for the coordinator (and the author) only; for
    co-leads it is null: they read the feedback as from "a survivor leader"."""

    id: int
    topic: str
    text: str
    received_on: dt.date
    status: str
    response: str
    responded_on: dt.date | None
    from_leader: str | None
    leader_id: int | None
    mine: bool


class FeedbackIn(StrictIn):
    topic: str
    text: str


class RecordedFeedbackIn(StrictIn):
    topic: str
    text: str
    received_on: dt.date | None = None


class ResponseIn(StrictIn):
    response: str


class EventOut(Schema):
    """``leader_ids`` (the survivor leaders who led it) is null for everyone but the coordinator."""

    id: int
    kind: str
    title: str
    status: str
    occurred_on: dt.date
    region_id: int
    county: str
    audience: str
    attendance: int | None
    survivor_led: bool
    partner_ids: list[int]
    other_partners: str
    industry_id: int | None
    leader_ids: list[int] | None


class EventIn(StrictIn):
    kind: str
    title: str
    occurred_on: dt.date
    region_id: int
    county: str = ""
    audience: str = ""
    survivor_led: bool = False
    partner_ids: list[int] = []
    other_partners: str = ""
    industry_id: int | None = None
    leader_ids: list[int] | None = None


class EventPatch(StrictIn):
    kind: str | None = None
    title: str | None = None
    occurred_on: dt.date | None = None
    region_id: int | None = None
    county: str | None = None
    audience: str | None = None
    survivor_led: bool | None = None
    partner_ids: list[int] | None = None
    other_partners: str | None = None
    leader_ids: list[int] | None = None


class HeldIn(StrictIn):
    attendance: int
    occurred_on: dt.date | None = None


class AttendanceRowOut(Schema):
    label: str
    held: int
    attendance: int
    planned: int


class AttendanceYearOut(Schema):
    fiscal_year: int
    regions: list[AttendanceRowOut]
    kinds: list[AttendanceRowOut]


class NaicsOut(Schema):
    code: str
    title: str
    trafficking_industries: list[str]


class FactorOut(Schema):
    key: str
    label: str
    weight: int
    description: str


class FactorsOut(Schema):
    version: int
    max_score: int
    factors: list[FactorOut]


class AssessedIndustryOut(Schema):
    """Tip and investigation counts are aggregates across every agency, suppressed: "0", "1–4",
    or the number."""

    id: int
    naics_code: str
    title: str
    establishments: int | None
    workers: int | None
    factors: list[str]
    factors_version: int
    score: int
    notes: str
    tips: str
    investigations: str
    outreach_planned: int
    outreach_held: int
    outreach_attendance: int


class AssessmentBrief(Schema):
    id: int
    region_id: int
    region: str
    fiscal_year: int
    notes: str


class AssessmentOut(AssessmentBrief):
    industries: list[AssessedIndustryOut]


class AssessmentIn(StrictIn):
    region_id: int
    fiscal_year: int
    notes: str = ""


class AssessmentPatch(StrictIn):
    notes: str


class IndustryIn(StrictIn):
    naics_code: str
    establishments: int | None = None
    workers: int | None = None
    factors: list[str] = []
    notes: str = ""


class IndustryPatch(StrictIn):
    establishments: int | None = None
    workers: int | None = None
    factors: list[str] | None = None
    notes: str | None = None
