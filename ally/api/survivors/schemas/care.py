"""Schemas of the care record: needs, plans (goals, planned services, reviews), services
delivered and case notes. Inputs refuse unknown fields; amounts (units, cost) are exact decimals,
written in JSON as strings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Schema
from pydantic import Field

from ally.api.survivors.schemas.common import StrictIn
from ally.survivors.models import (
    CaseNote,
    NeedsAssessment,
    PlannedService,
    PlanReview,
    ServiceDelivery,
    ServicePlan,
)

# Needs


class NeedIn(StrictIn):
    domain: str
    level: str
    note: str = ""


class NeedsAssessmentIn(StrictIn):
    assessed_on: dt.date
    needs: list[NeedIn]


class NeedOut(Schema):
    domain: str
    level: str
    note: str = ""


class NeedsAssessmentOut(Schema):
    id: int
    client_id: int
    assessed_on: dt.date
    needs: list[NeedOut]
    assessed_by: str | None

    @staticmethod
    def resolve_assessed_by(obj: NeedsAssessment) -> str | None:
        return obj.assessed_by.full_name if obj.assessed_by is not None else None


# Plans, goals, planned services, reviews


class PlanStartIn(StrictIn):
    started_on: dt.date


class PlanCloseIn(StrictIn):
    closed_on: dt.date


class GoalIn(StrictIn):
    text: str
    priority: int | None = None  # 1 is the survivor's first priority; none: last
    target_date: dt.date | None = None


class GoalPatch(StrictIn):
    """Only the fields given change; ``version`` is the one the change started from."""

    version: int
    text: str | None = None
    priority: int | None = None
    status: str | None = None
    target_date: dt.date | None = None


class GoalOut(Schema):
    id: int
    plan_id: int
    text: str
    priority: int
    status: str
    target_date: dt.date | None
    version: int


class PlannedServiceIn(StrictIn):
    category: str
    provider_id: int | None = None
    frequency: str = Field(default="", max_length=100)
    notes: str = ""
    goal_id: int | None = None


class PlannedServiceOut(Schema):
    id: int
    plan_id: int
    category: str
    provider_id: int | None
    provider: str | None
    frequency: str
    notes: str
    goal_id: int | None

    @staticmethod
    def resolve_provider(obj: PlannedService) -> str | None:
        return obj.provider.name if obj.provider is not None else None


class PlanReviewIn(StrictIn):
    reviewed_on: dt.date
    summary: str
    next_review_on: dt.date | None = None


class PlanReviewOut(Schema):
    id: int
    plan_id: int
    reviewed_on: dt.date
    summary: str
    next_review_on: dt.date | None
    reviewed_by: str | None

    @staticmethod
    def resolve_reviewed_by(obj: PlanReview) -> str | None:
        return obj.reviewed_by.full_name if obj.reviewed_by is not None else None


class PlanOut(Schema):
    id: int
    client_id: int
    started_on: dt.date
    status: str
    closed_on: dt.date | None
    goals: list[GoalOut]
    planned_services: list[PlannedServiceOut]
    reviews: list[PlanReviewOut]

    @staticmethod
    def resolve_goals(obj: ServicePlan) -> list[Any]:
        return list(obj.goals.all())

    @staticmethod
    def resolve_planned_services(obj: ServicePlan) -> list[Any]:
        return list(obj.planned_services.all())

    @staticmethod
    def resolve_reviews(obj: ServicePlan) -> list[Any]:
        return list(obj.reviews.all())


# Services delivered


class ServiceIn(StrictIn):
    category: str
    delivered_on: dt.date
    units: Decimal
    unit: str = "hours"
    provider_id: int | None = None  # default: the client's organization
    staff_id: int | None = None  # not given: the acting user, when they work for the provider
    cost: Decimal | None = None
    outcome: str = ""
    goal_id: int | None = None


class ServiceCorrectionsIn(StrictIn):
    """The corrected values; anything not given is copied from the original."""

    category: str | None = None
    delivered_on: dt.date | None = None
    units: Decimal | None = None
    unit: str | None = None
    provider_id: int | None = None
    staff_id: int | None = None
    cost: Decimal | None = None
    outcome: str | None = None
    goal_id: int | None = None


class ServiceCorrectIn(StrictIn):
    """Without ``corrections`` the record is withdrawn (recorded in error)."""

    reason: str = Field(max_length=200)
    corrections: ServiceCorrectionsIn | None = None


class ServiceOut(Schema):
    id: int
    client_id: int
    category: str
    delivered_on: dt.date
    units: Decimal
    unit: str
    provider_id: int
    provider: str
    staff_id: int | None
    staff: str | None
    cost: Decimal | None
    outcome: str
    goal_id: int | None
    corrects_id: int | None
    created_at: dt.datetime

    @staticmethod
    def resolve_provider(obj: ServiceDelivery) -> str:
        return obj.provider.name

    @staticmethod
    def resolve_staff(obj: ServiceDelivery) -> str | None:
        return obj.staff.full_name if obj.staff is not None else None


class ServiceCorrectionOut(Schema):
    corrected_id: int
    replacement: ServiceOut | None


# Case notes


class NoteIn(StrictIn):
    note_type: str
    text: str
    sensitive: bool = False
    corrects_id: int | None = None


class NoteOut(Schema):
    id: int
    client_id: int
    note_type: str
    text: str
    sensitive: bool
    written_by: str | None
    written_at: dt.datetime
    corrects_id: int | None

    @staticmethod
    def resolve_written_by(obj: CaseNote) -> str | None:
        return obj.written_by.full_name if obj.written_by is not None else None
