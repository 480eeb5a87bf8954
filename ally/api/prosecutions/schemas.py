"""What the prosecutions API reads and answers."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import Field

from ally.api.survivors.schemas.common import OrganizationBrief, PersonBrief, one_of
from ally.prosecutions.models import (
    CaseStatus,
    CourtEventKind,
    DeclineReason,
    Disposition,
    ReferralStatus,
    StatuteCategory,
    StatuteJurisdiction,
)


class InvestigationRef(Schema):
    id: int
    number: str


class ProsecutionReferralIn(Schema):
    investigation_id: int = Field(..., description="An investigation your agency owns.")
    to_organization_id: int = Field(..., description="A prosecutor's office of the task force.")
    summary: str = ""


class ProsecutionReferralOut(Schema):
    id: int
    investigation: InvestigationRef
    from_organization: OrganizationBrief
    to_organization: OrganizationBrief
    summary: str
    status: str = Field(..., json_schema_extra=one_of(ReferralStatus.values))
    decline_reason: str
    decline_note: str
    sent_by: PersonBrief | None
    sent_at: dt.datetime
    decided_at: dt.datetime | None
    case_id: int | None


class CaseFields(Schema):
    number: str
    jurisdiction: str = Field(..., json_schema_extra=one_of(StatuteJurisdiction.values))
    court: str = ""
    prosecutor_id: int | None = Field(default=None, description="A member of the office.")
    opened_on: dt.date | None = None


class AcceptIn(CaseFields):
    pass


class DeclineIn(Schema):
    reason: str = Field(..., json_schema_extra=one_of(DeclineReason.values))
    note: str = ""


class WithdrawIn(Schema):
    note: str = ""


class CaseIn(CaseFields):
    organization_id: int | None = Field(default=None, description="Your office; default: the first.")


class CasePatch(Schema):
    version: int
    status: str | None = Field(default=None, json_schema_extra=one_of(CaseStatus.values))
    court: str | None = None
    prosecutor_id: int | None = None
    closed_on: dt.date | None = None


class CaseBriefOut(Schema):
    id: int
    number: str
    jurisdiction: str
    court: str
    status: str = Field(..., json_schema_extra=one_of(CaseStatus.values))
    organization: OrganizationBrief
    opened_on: dt.date
    closed_on: dt.date | None


class CaseOut(CaseBriefOut):
    prosecutor: PersonBrief | None
    investigation: InvestigationRef | None
    referral_id: int | None
    may_change: bool
    version: int


class DefendantIn(Schema):
    subject_id: int | None = Field(default=None, description="A subject of the case's investigation…")
    given_name: str = Field(default="", description="…or a person named here.")
    family_name: str = ""
    date_of_birth: dt.date | None = None


class DefendantOut(Schema):
    id: int
    subject_id: int | None
    given_name: str
    family_name: str
    date_of_birth: dt.date | None
    removed_at: dt.datetime | None


class ReasonIn(Schema):
    reason: str


class StatuteBrief(Schema):
    id: int
    citation: str
    title: str
    category: str
    jurisdiction: str


class ChargeIn(Schema):
    statute_id: int | None = Field(default=None, description="An active statute of the catalogue…")
    citation: str = Field(default="", description="…or its citation, e.g. 18 U.S.C. § 1589.")
    counts: int = 1
    filed_on: dt.date


class ChargeOut(Schema):
    id: int
    defendant_id: int
    statute: StatuteBrief
    counts: int
    filed_on: dt.date
    disposition: str = Field(..., json_schema_extra=one_of(Disposition.values))
    disposition_on: dt.date | None
    sentence_months: int | None
    sentence_note: str


class DispositionIn(Schema):
    disposition: str = Field(..., json_schema_extra=one_of([d for d in Disposition.values if d != "pending"]))
    on: dt.date
    sentence_months: int | None = None
    sentence_note: str = ""


class CourtEventIn(Schema):
    kind: str = Field(..., json_schema_extra=one_of(CourtEventKind.values))
    starts_at: dt.datetime
    place: str
    victim_testimony_expected: bool = False
    note: str = ""


class CourtEventPatch(Schema):
    starts_at: dt.datetime | None = None
    place: str | None = None
    note: str | None = None
    victim_testimony_expected: bool | None = None


class CourtEventOut(Schema):
    id: int
    kind: str
    starts_at: dt.datetime
    place: str
    victim_testimony_expected: bool
    note: str
    cancelled_at: dt.datetime | None


class CaseVictimIn(Schema):
    victim_id: int = Field(..., description="A victim identified in the case's investigation.")


class CaseVictimOut(Schema):
    id: int
    victim_id: int
    given_name: str
    family_name: str
    is_minor: bool


class StatuteIn(Schema):
    citation: str
    title: str
    jurisdiction: str = Field(..., json_schema_extra=one_of(StatuteJurisdiction.values))
    state: str = ""
    category: str = Field(..., json_schema_extra=one_of(StatuteCategory.values))


class StatutePatch(Schema):
    title: str | None = None
    category: str | None = None
    is_active: bool | None = None


class StatuteOut(StatuteBrief):
    state: str
    source: str
    is_active: bool
