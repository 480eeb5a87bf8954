"""What the referrals API reads and answers."""

from __future__ import annotations

from datetime import datetime

from ninja import Schema
from pydantic import Field

from ally.api.survivors.schemas.common import (
    GROUP_VALUES,
    OrganizationBrief,
    PersonBrief,
    each_of,
    one_of,
)
from ally.referrals.models import DeclineReason, Status, Urgency
from ally.survivors import vocabularies

SERVICE_VALUES = [term.value for term in vocabularies.vocabulary("service_category").values]


class RegionBrief(Schema):
    id: int
    name: str


class PersonIn(Schema):
    """The minimal form for a person encountered (every field optional)."""

    person_name: str = Field(default="", description="Name or what the person goes by")
    person_age: str = Field(default="", description="Age or age range")
    person_gender: str = ""
    person_languages: str = ""
    person_county: str = Field(default="", description="County where the person is")
    person_contact: str = Field(default="", description="How to reach the person safely")


class PersonOut(PersonIn):
    pass


class ReferralIn(Schema):
    from_organization_id: int | None = Field(
        default=None, description="The sending organization (one of yours); default: the first of yours by name."
    )
    to_organization_id: int | None = Field(default=None, description="An organization of the task force…")
    to_region_id: int | None = Field(default=None, description="…or a region's navigator queue (exactly one).")
    services: list[str] = Field(..., json_schema_extra=each_of(SERVICE_VALUES))
    urgency: str = Field(..., json_schema_extra=one_of(Urgency.values))
    note: str = ""
    person: PersonIn | None = Field(default=None, description="A person encountered (not with client_id).")
    client_id: int | None = Field(default=None, description="One of the sending provider's clients.")
    field_groups: list[str] = Field(
        default_factory=list,
        description="With client_id: the parts of the record the referral carries (a consent in force must cover "
        "the recipient, these groups and referral for services).",
        json_schema_extra=each_of(GROUP_VALUES),
    )


class StepOut(Schema):
    status: str
    note: str
    by: PersonBrief | None
    organization: OrganizationBrief | None
    at: datetime


class ReferralBriefOut(Schema):
    id: int
    status: str = Field(..., json_schema_extra=one_of(Status.values))
    urgency: str
    services: list[str]
    about: str = Field(..., description="person (a person encountered) or client (a provider's client)")
    from_organization: OrganizationBrief
    to_organization: OrganizationBrief | None
    to_region: RegionBrief | None
    in_queue: bool
    sent_at: datetime
    ack_due_at: datetime
    acknowledged_at: datetime | None
    overdue: bool


class ReferralOut(ReferralBriefOut):
    sides: list[str] = Field(..., description="The sides you act on: sender, recipient, navigator")
    sent_by: PersonBrief | None
    note: str
    person: PersonOut | None = Field(..., description="For a person encountered; never for a client.")
    client_id: int | None = Field(..., description="For a client: read the record through GET /clients/{id}.")
    field_groups: list[str]
    share_open: bool | None = Field(..., description="For a client: whether the share made for the recipient is open.")
    assigned_at: datetime | None
    accepted_at: datetime | None
    declined_at: datetime | None
    decline_reason: str
    in_service_at: datetime | None
    closed_at: datetime | None
    outcome: str
    withdrawn_at: datetime | None
    version: int
    steps: list[StepOut]


class DeclineIn(Schema):
    reason: str = Field(..., json_schema_extra=one_of(DeclineReason.values))
    note: str = ""


class CloseIn(Schema):
    outcome: str


class WithdrawIn(Schema):
    note: str = ""


class AssignIn(Schema):
    to_organization_id: int


class MessageIn(Schema):
    text: str


class MessageOut(Schema):
    id: int
    author: PersonBrief
    organization: OrganizationBrief | None
    text: str
    created_at: datetime


class MatchOut(Schema):
    organization: OrganizationBrief
    score: int
    miles: float | None
    reasons: list[str]


class TimelinessRowOut(Schema):
    receiver: str = Field(..., description="The receiving organization or region; empty for the direction's total.")
    referrals: int
    median_ack_hours: float | None
    median_service_hours: float | None
    declines: dict[str, int]
    overdue: int


class TimelinessDirectionOut(Schema):
    direction: str
    label: str
    rows: list[TimelinessRowOut]


class TimelinessOut(Schema):
    days: int
    since: datetime
    directions: list[TimelinessDirectionOut]
