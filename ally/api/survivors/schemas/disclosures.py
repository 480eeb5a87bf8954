"""Schemas of the disclosure report, compelled disclosures and the tasks to tell the survivor."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import Field

from ally.api.survivors.schemas.common import PersonBrief, groups_field, one_of
from ally.survivors.models import LegalBasis


class ReportRowOut(Schema):
    kind: str = Field(description="`read` (through a share) or `compelled`")
    organization: str
    person: str
    field_groups: list[str] = Field(description="Labels in the report's language")
    when: dt.datetime
    basis: str
    purpose: str
    consent_id: int | None
    disclosed_on: dt.date | None


class ReportShareOut(Schema):
    organization: str
    field_groups: list[str]
    purpose: str
    expires_on: dt.date
    consent_id: int


class DisclosureReportOut(Schema):
    client_id: int
    language: str
    time_zone: str
    disclosures: list[ReportRowOut]
    shares_in_force: list[ReportShareOut]


class CompelledDisclosureIn(Schema):
    legal_basis: str = Field(..., json_schema_extra=one_of(LegalBasis.values))
    citation: str = Field(..., max_length=300)
    field_groups: list[str] = groups_field("The kinds of information that were disclosed")
    recipient: str = Field(..., max_length=200, description="To whom it was disclosed")
    disclosed_on: dt.date
    description: str = ""
    notify_within_days: int = Field(3, ge=0, le=365)


class CompelledDisclosureBrief(Schema):
    id: int
    legal_basis: str
    citation: str
    field_groups: list[str]
    recipient: str
    description: str
    disclosed_on: dt.date


class NotificationTaskOut(Schema):
    id: int
    client_id: int
    organization_id: int
    compelled_disclosure: CompelledDisclosureBrief
    due_on: dt.date
    overdue: bool
    assigned_to: list[PersonBrief]
    assigned_to_me: bool
    done_at: dt.datetime | None
    done_by: PersonBrief | None
    outcome: str


class CompelledDisclosureOut(CompelledDisclosureBrief):
    client_id: int
    recorded_at: dt.datetime
    notification_task: NotificationTaskOut


class CompleteTaskIn(Schema):
    outcome: str = Field(..., description="How the notification went, or why it was not safe to")
