"""What the law-enforcement API reads and answers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Schema
from pydantic import Field

from ally.api.survivors.schemas.common import OrganizationBrief, PersonBrief, one_of
from ally.investigations.models import (
    ArrestKind,
    IdentifierKind,
    InvestigationStatus,
    InvestigationType,
    OperationKind,
    OperationStatus,
    Timeline,
    TipSource,
    TipStatus,
)


class ContactOut(Schema):
    """Whom to call: a person's name, work phone and email, and their agency."""

    name: str
    phone: str
    email: str
    agency: str


# --- tips ---------------------------------------------------------------------------------------


class TipIn(Schema):
    organization_id: int | None = Field(default=None, description="The receiving agency (one of yours); default: the first.")
    source: str = Field(..., json_schema_extra=one_of(TipSource.values))
    narrative: str
    received_at: dt.datetime | None = Field(default=None, description="With its time zone; default: now.")
    location: str = ""
    county: str = ""
    industry: str = ""
    trafficking_type: str = ""
    indicators: list[str] = Field(default_factory=list)


class TipOut(Schema):
    id: int
    organization: OrganizationBrief
    source: str
    received_at: dt.datetime
    narrative: str
    location: str
    county: str
    industry: str
    trafficking_type: str
    indicators: list[str]
    status: str = Field(..., json_schema_extra=one_of(TipStatus.values))
    assigned_to: PersonBrief | None
    investigation_id: int | None
    closed_reason: str
    version: int


class TriageIn(Schema):
    status: str = Field(..., json_schema_extra=one_of(["new", "triaged", "assigned", "closed"]))
    assigned_to_id: int | None = None
    reason: str = ""
    version: int | None = None


class JoinIn(Schema):
    investigation_id: int


# --- investigations -----------------------------------------------------------------------------


class InvestigationFields(Schema):
    title: str
    trafficking_type: str = Field(..., json_schema_extra=one_of(InvestigationType.values))
    suspicion_basis: str = Field(..., description="28 CFR Part 23: the basis for reasonable suspicion.")
    industry: str = ""
    opened_on: dt.date | None = None
    lead_investigator_id: int | None = Field(default=None, description="A member of the agency; default: you.")
    number: str = Field(default="", description="Default: the next number of the agency.")


class InvestigationIn(InvestigationFields):
    organization_id: int | None = Field(default=None, description="The owning agency (one of yours); default: the first.")


class InvestigationPatch(Schema):
    version: int
    title: str | None = None
    trafficking_type: str | None = None
    industry: str | None = None
    lead_investigator_id: int | None = None


class StatusIn(Schema):
    status: str = Field(..., json_schema_extra=one_of(InvestigationStatus.values))
    reason: str = ""
    on: dt.date | None = None


class PartnerIn(Schema):
    organization_id: int
    reason: str = Field(..., description="Right to know and need to know (written to the dissemination log).")


class PartnerOut(Schema):
    id: int
    organization: OrganizationBrief
    added_at: dt.datetime


class InvestigationBriefOut(Schema):
    id: int
    number: str
    title: str | None = Field(..., description="None once the intelligence was purged.")
    trafficking_type: str
    industry: str
    status: str = Field(..., json_schema_extra=one_of(InvestigationStatus.values))
    organization: OrganizationBrief
    opened_on: dt.date
    closed_on: dt.date | None
    review_by: dt.date
    purged: bool


class InvestigationOut(InvestigationBriefOut):
    closed_reason: str
    lead_investigator: PersonBrief | None
    suspicion_basis: str | None = Field(..., description="None once the intelligence was purged.")
    validated_on: dt.date | None
    validation_note: str | None
    purged_at: dt.datetime | None
    purge_reason: str
    partners: list[PartnerOut]
    tip_ids: list[int]
    may_supervise: bool
    version: int


class DisseminationIn(Schema):
    what: str
    reason: str
    to_organization_id: int | None = None
    to_person: str = ""


class DisseminationOut(Schema):
    id: int
    from_organization: OrganizationBrief
    to_organization: OrganizationBrief | None
    to_person: str
    what: str
    reason: str
    by: PersonBrief | None
    at: dt.datetime


class NoteIn(Schema):
    note: str


class ReasonIn(Schema):
    reason: str


# --- subjects, identifiers, victims, arrests ----------------------------------------------------


class Deconfliction(Schema):
    conflict: bool = Field(..., description="Another agency of the task force holds this target.")
    hits: list[int] = Field(..., description="The hits found (GET /hits/{id}: whom to call).")


class SubjectIn(Schema):
    family_name: str
    given_name: str = ""
    date_of_birth: dt.date | None = None
    aliases: list[str] = Field(default_factory=list)
    gender: str = ""
    roles: list[str] = Field(default_factory=list, description="HTCDS per_RoleInProcess")
    notes: str = ""


class SubjectPatch(Schema):
    family_name: str | None = None
    given_name: str | None = None
    date_of_birth: dt.date | None = None
    aliases: list[str] | None = None
    gender: str | None = None
    roles: list[str] | None = None
    notes: str | None = None


class SubjectOut(Schema):
    id: int
    investigation_id: int
    given_name: str
    family_name: str
    aliases: list[str]
    date_of_birth: dt.date | None
    gender: str
    roles: list[str]
    notes: str
    added_at: dt.datetime
    removed_at: dt.datetime | None


class SubjectSaved(Schema):
    subject: SubjectOut
    deconfliction: Deconfliction


class IdentifierIn(Schema):
    kind: str = Field(..., json_schema_extra=one_of(IdentifierKind.values))
    value: str = ""
    details: dict[str, Any] = Field(default_factory=dict, description='e.g. {"state": "WI"} for a plate')
    subject_id: int | None = None


class IdentifierOut(Schema):
    id: int
    investigation_id: int
    subject_id: int | None
    kind: str
    value: str
    details: dict[str, Any]
    added_at: dt.datetime
    removed_at: dt.datetime | None


class IdentifierSaved(IdentifierOut):
    deconfliction: Deconfliction


class VictimIn(Schema):
    given_name: str = ""
    family_name: str = ""
    date_of_birth: dt.date | None = None
    is_minor: bool = False
    gender: str = ""
    citizenship: str = ""
    trafficking_type: str = ""
    languages: str = ""
    identified_on: dt.date | None = None
    notes: str = ""


class VictimPatch(Schema):
    given_name: str | None = None
    family_name: str | None = None
    date_of_birth: dt.date | None = None
    is_minor: bool | None = None
    gender: str | None = None
    citizenship: str | None = None
    trafficking_type: str | None = None
    languages: str | None = None
    identified_on: dt.date | None = None
    notes: str | None = None


class VictimOut(Schema):
    id: int
    investigation_id: int
    given_name: str
    family_name: str
    date_of_birth: dt.date | None
    is_minor: bool
    gender: str
    citizenship: str
    trafficking_type: str
    languages: str
    identified_on: dt.date
    notes: str
    client_id: int | None = Field(..., description="The victim-service client linked through its share (consent).")
    linked_at: dt.datetime | None
    removed_at: dt.datetime | None


class LinkIn(Schema):
    client_id: int


class ArrestIn(Schema):
    on: dt.date
    offense: str
    subject_id: int | None = None
    victim_id: int | None = None
    kind: str = Field(default=ArrestKind.ARREST.value, json_schema_extra=one_of(ArrestKind.values))
    agency_id: int | None = Field(default=None, description="Default: the investigation's agency.")
    reason: str = Field(default="", description="Required for an identified victim.")


class ArrestOut(Schema):
    id: int
    investigation_id: int
    subject_id: int | None
    victim_id: int | None
    of: str = Field(..., description="subject or victim")
    kind: str
    on: dt.date
    agency: OrganizationBrief
    offense: str
    reason: str
    removed_at: dt.datetime | None


# --- operations and heads-ups -------------------------------------------------------------------


class OperationIn(Schema):
    organization_id: int | None = Field(default=None, description="The planning agency (one of yours); default: the first.")
    investigation_id: int | None = None
    kind: str = Field(..., json_schema_extra=one_of(OperationKind.values))
    name: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    location: str = ""
    latitude: float
    longitude: float
    radius_m: int
    contact_id: int | None = Field(default=None, description="A member of the agency; default: you.")
    expected_victims: int = 0
    expected_genders: list[str] = Field(default_factory=list)
    expected_languages: str = ""
    minors_expected: bool = False


class OperationPatch(Schema):
    version: int
    kind: str | None = None
    name: str | None = None
    starts_at: dt.datetime | None = None
    ends_at: dt.datetime | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    radius_m: int | None = None
    contact_id: int | None = None
    expected_victims: int | None = None
    expected_genders: list[str] | None = None
    expected_languages: str | None = None
    minors_expected: bool | None = None


class OperationOut(Schema):
    id: int
    organization: OrganizationBrief
    investigation_id: int | None
    kind: str
    name: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    location: str
    latitude: float
    longitude: float
    radius_m: int
    status: str = Field(..., json_schema_extra=one_of(OperationStatus.values))
    contact: PersonBrief | None
    expected_victims: int
    expected_genders: list[str]
    expected_languages: str
    minors_expected: bool
    version: int


class ConflictOut(Schema):
    """An operation conflict, from the reader's side: their own operation and whom to call."""

    id: int
    found_at: dt.datetime
    my_operation_id: int
    my_operation_name: str
    my_operation_starts_at: dt.datetime
    other: ContactOut


class OperationSaved(Schema):
    operation: OperationOut
    conflicts: list[ConflictOut]


class OperationStatusIn(Schema):
    status: str = Field(..., json_schema_extra=one_of([OperationStatus.CANCELLED.value, OperationStatus.DONE.value]))


class HeadsUpIn(Schema):
    to_organization_id: int = Field(..., description="A victim-service provider of the task force.")


class HeadsUpOut(Schema):
    """What a provider is told ahead of an operation — never its date, place or name."""

    id: int
    from_organization: OrganizationBrief
    to_organization: OrganizationBrief
    timeline: str = Field(..., json_schema_extra=one_of(Timeline.values))
    timeline_label: str
    expected_victims: int
    genders: list[str]
    languages: str
    minors_expected: bool
    contact: ContactOut | None
    sent_at: dt.datetime
    acknowledged_at: dt.datetime | None
    acknowledged_by: PersonBrief | None


# --- deconfliction ------------------------------------------------------------------------------


class HitOut(Schema):
    """A target hit, from the reader's side: their own investigation and identifier, and only
    the other side's contact (never its identifier or case)."""

    id: int
    kind: str
    how: str
    found_at: dt.datetime
    my_investigation_id: int
    my_case_number: str
    my_identifier_id: int
    my_value: str
    other: ContactOut
