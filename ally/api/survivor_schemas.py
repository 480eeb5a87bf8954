"""Schemas of the survivors API. The client schemas are built from CLIENT_FIELDS, one per field
group, so the OpenAPI document shows exactly which fields each group opens.

Input schemas type-check only (strings, lists, dates, lengths). The values themselves — vocabulary
terms, field groups, purposes, dates in the past — are checked by the actions, which answer with a
400 and a message a person can act on. The allowed values are listed in the OpenAPI document.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import models
from ninja import Schema
from pydantic import Field, create_model

from ally.survivors import vocabularies
from ally.survivors.actions import CONSENT_PURPOSES, VOCABULARY_OF
from ally.survivors.fieldgroups import CLIENT_FIELDS, FieldGroup
from ally.survivors.models import Client, LegalBasis, SignatureMethod

GROUP_VALUES = list(FieldGroup.values)
# The groups that hold fields of the client record (case notes are read through the care API).
RECORD_GROUPS: list[FieldGroup] = [g for g in FieldGroup if g in set(CLIENT_FIELDS.values())]


def one_of(values: Iterable[str]) -> Any:
    """OpenAPI: the values a string may take (documented here, checked by the action)."""
    return {"enum": list(values)}


def each_of(values: Iterable[str]) -> Any:
    """OpenAPI: the values each string of a list may take."""
    return {"items": {"type": "string", "enum": list(values)}}


# --- client fields, by group ------------------------------------------------------------------


def _model_field(name: str) -> models.Field[Any, Any]:
    field = Client._meta.get_field(name)
    assert isinstance(field, models.Field)
    return field


def _value_type(name: str) -> Any:
    """The Python type of a client field's value (None included when the column is nullable)."""
    field = _model_field(name)
    base: Any
    if isinstance(field, models.JSONField):
        base = list[str]
    elif isinstance(field, models.DateField):
        base = dt.date
    elif isinstance(field, models.BooleanField):
        base = bool
    elif isinstance(field, models.IntegerField):
        base = int
    else:
        base = str
    return base | None if field.null else base


def _describe(name: str, *, for_input: bool) -> dict[str, Any]:
    """Field() arguments: label, lengths, and (for input) the vocabulary's values."""
    field = _model_field(name)
    info: dict[str, Any] = {"description": str(field.verbose_name).capitalize()}
    if for_input:
        if isinstance(field, models.CharField) and field.max_length:
            info["max_length"] = field.max_length
        if isinstance(field, models.IntegerField) and not isinstance(field, models.BooleanField):
            info["ge"] = 0
            info["le"] = 32767
        vocabulary_id = VOCABULARY_OF.get(name)
        if vocabulary_id:
            values = sorted(vocabularies.vocabulary(vocabulary_id).value_set())
            info["description"] += f" (vocabulary {vocabulary_id})"
            if isinstance(field, models.JSONField):
                info["json_schema_extra"] = each_of(values)
            else:
                info["json_schema_extra"] = one_of(["", *values])
    return info


def _camel(group: str) -> str:
    return "".join(part.capitalize() for part in group.split("_"))


def _group_schema(group: FieldGroup) -> type[Schema]:
    fields: dict[str, Any] = {
        name: (_value_type(name), Field(..., **_describe(name, for_input=False)))
        for name, field_group in CLIENT_FIELDS.items()
        if field_group == group
    }
    schema: type[Schema] = create_model(
        f"Client{_camel(group)}",
        __base__=Schema,
        __doc__=f"The client's {group.label} fields (field group `{group.value}`).",
        **fields,
    )
    return schema


GROUP_SCHEMAS: dict[str, type[Schema]] = {group.value: _group_schema(group) for group in RECORD_GROUPS}


def _input_fields(*, required: set[str], unset_default: bool) -> dict[str, Any]:
    """Every client field as an input. `unset_default`: optional fields default to None (a PATCH
    passes only the fields sent); else to the model's default."""
    fields: dict[str, Any] = {}
    for name, group in CLIENT_FIELDS.items():
        info = _describe(name, for_input=True)
        info["description"] += f" — field group `{group.value}`"
        if name in required:
            fields[name] = (_value_type(name), Field(..., **info))
            continue
        model_field = _model_field(name)
        if unset_default:
            fields[name] = (_value_type(name), Field(None, **info))
        elif isinstance(model_field, models.JSONField):
            fields[name] = (_value_type(name), Field(default_factory=list, **info))
        elif model_field.has_default() and not callable(model_field.default):
            fields[name] = (_value_type(name), Field(model_field.default, **info))
        elif isinstance(model_field, models.CharField | models.TextField):
            fields[name] = (_value_type(name), Field("", **info))
        else:  # nullable fields, and the intake date
            if name == "intake_date":
                info["description"] += " (default: today in the task force)"
            fields[name] = (_value_type(name), Field(None, **info))
    return fields


class ClientCreateBase(Schema):
    organization_id: int | None = Field(
        None,
        description="The victim-service organization that will own the record; needed only "
        "when you work in more than one.",
    )
    confirm_new: bool = Field(
        False,
        description="Create the record even though possible duplicates were found "
        "(see POST /clients/duplicates).",
    )


class ClientPatchBase(Schema):
    version: int = Field(..., description="The `version` of the record as you read it.")


if TYPE_CHECKING:  # mypy sees the static parts; ninja the whole schema built below
    ClientCreateIn = ClientCreateBase
    ClientPatchIn = ClientPatchBase
else:
    ClientCreateIn = create_model(
        "ClientCreateIn",
        __base__=ClientCreateBase,
        __doc__="A new client record. Fields left out keep their defaults.",
        **_input_fields(required={"legal_name"}, unset_default=False),
    )
    ClientPatchIn = create_model(
        "ClientPatchIn",
        __base__=ClientPatchBase,
        __doc__="Changes to a client record: only the fields sent are changed.",
        **_input_fields(required=set(), unset_default=True),
    )


# --- clients ----------------------------------------------------------------------------------


class ClientListItem(Schema):
    """A client in the list. Clients shared by other organizations appear by number only:
    opening one (GET /clients/{id}) is a logged disclosure."""

    id: int
    organization_id: int
    organization: str
    is_owner: bool
    name: str | None = Field(description="Preferred or legal name; null for shared clients")
    trafficking_type: str | None
    case_status: str | None
    intake_date: dt.date | None


class ClientListOut(Schema):
    count: int
    items: list[ClientListItem]


class PersonBrief(Schema):
    id: int
    full_name: str
    email: str


class ShareBasis(Schema):
    """The share a record is read through (for a reader outside the owning organization)."""

    share_id: int
    consent_id: int
    purpose: str
    expires_on: dt.date


class ClientOutBase(Schema):
    id: int
    organization_id: int
    organization: str
    is_owner: bool
    display_name: str = Field(description="Preferred or legal name, or `#id` without `identity`")
    field_groups: list[str] = Field(
        description="The field groups this reader is granted (`notes`: the case notes, "
        "read at /clients/{id}/notes)"
    )
    version: int | None = Field(description="For PATCH; null for readers outside the owner")
    advocates: list[PersonBrief] | None = Field(description="Assigned advocates; owner only")
    shared_through: ShareBasis | None = Field(description="For readers outside the owner")


if TYPE_CHECKING:
    ClientOut = ClientOutBase
else:
    ClientOut = create_model(
        "ClientOut",
        __base__=ClientOutBase,
        __doc__="A client as this reader may see it: one object per field group, null when "
        "the group is not granted.",
        **{group: (schema | None, Field(...)) for group, schema in GROUP_SCHEMAS.items()},
    )


class DuplicateCheckIn(Schema):
    organization_id: int | None = None
    legal_name: str = Field(..., max_length=200)
    date_of_birth: dt.date | None = None
    phone: str = Field("", max_length=40)
    aliases: list[str] = []


class DuplicateOut(Schema):
    client_id: int | None = Field(
        description="Null when the match is a record you may not open: ask a supervisor"
    )
    score: float
    reasons: list[str]


class DuplicatesOut(Schema):
    organization_id: int
    matches: list[DuplicateOut]


class DuplicatesConflictOut(Schema):
    detail: str
    matches: list[DuplicateOut]


class AdvocateIn(Schema):
    user_id: int


# --- consents and shares ----------------------------------------------------------------------


class OrganizationBrief(Schema):
    id: int
    name: str


def _groups_field(description: str) -> Any:
    return Field(..., description=description, json_schema_extra=each_of(GROUP_VALUES))


class ConsentIn(Schema):
    recipient_ids: list[int] = Field(..., description="Organizations the information may go to")
    field_groups: list[str] = _groups_field("The kinds of information the client agrees to share")
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
    field_groups: list[str] = _groups_field("What to share: covered by a consent in force")
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


# --- disclosures ------------------------------------------------------------------------------


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
    field_groups: list[str] = _groups_field("The kinds of information that were disclosed")
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
