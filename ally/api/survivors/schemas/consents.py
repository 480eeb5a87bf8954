"""Schemas of consents and shares."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import Field

from ally.api.survivors.schemas.common import (
    OrganizationBrief,
    PersonBrief,
    each_of,
    groups_field,
    one_of,
)
from ally.survivors.actions import CONSENT_PURPOSES
from ally.survivors.models import SignatureMethod


class ConsentIn(Schema):
    recipient_ids: list[int] = Field(..., description="Organizations the information may go to")
    field_groups: list[str] = groups_field("The kinds of information the client agrees to share")
    purposes: list[str] = Field(
        ..., json_schema_extra=each_of(CONSENT_PURPOSES)
    )
    signed_on: dt.date
    expires_on: dt.date | None = Field(
        None, description="Required: consent is always time-limited (at most the task force's limit)"
    )
    signature_method: str = Field(..., json_schema_extra=one_of(SignatureMethod.values))
    signed_by_client: bool = True
    guardian_name: str = Field("", max_length=200)
    guardian_relationship: str = Field("", max_length=100)
    guardian_suspected_abuser: bool = False
    minor_consents_alone_basis: str = Field(
        "", max_length=300, description="For a minor consenting alone: the rule that allows it"
    )
    language: str = Field("en", max_length=40)
    interpreter: str = Field("", max_length=200)


class ConsentOut(Schema):
    id: int
    client_id: int
    recipients: list[OrganizationBrief]
    field_groups: list[str]
    purposes: list[str]
    signed_on: dt.date
    expires_on: dt.date
    in_force: bool = Field(description="Signed, not expired and not revoked today")
    has_signed_form: bool = Field(
        description="The signed form is attached: GET /consents/{id}/signed-form (owner only)"
    )
    signed_by_client: bool
    guardian_name: str
    guardian_relationship: str
    minor_consents_alone_basis: str
    language: str
    interpreter: str
    signature_method: str
    recorded_at: dt.datetime
    revoked_at: dt.datetime | None
    revocation_note: str


class RevokeConsentIn(Schema):
    note: str = Field("", max_length=300)


class ShareIn(Schema):
    recipient_id: int
    field_groups: list[str] = groups_field("What to share: covered by a consent in force")
    purpose: str = Field(..., json_schema_extra=one_of(CONSENT_PURPOSES))
    expires_on: dt.date | None = Field(None, description="Default: the day the consent ends")
    recipient_user_ids: list[int] = Field(
        [], description="Only these members of the recipient may read; empty: all of them"
    )


class ShareOut(Schema):
    id: int
    client_id: int
    consent_id: int
    recipient: OrganizationBrief
    recipient_users: list[PersonBrief]
    field_groups: list[str]
    granted_groups: list[str] = Field(description="What the share opens today (none once it or its consent lapses)")
    purpose: str
    expires_on: dt.date
    created_at: dt.datetime
    revoked_at: dt.datetime | None
