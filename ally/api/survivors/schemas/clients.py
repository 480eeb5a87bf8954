"""Schemas of the client operations. The client schemas are built from CLIENT_FIELDS, one per
field group, so the OpenAPI document shows exactly which fields each group opens."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import models
from ninja import Schema
from pydantic import Field, create_model

from ally.api.survivors.schemas.common import PersonBrief, each_of, one_of
from ally.survivors import vocabularies
from ally.survivors.actions import VOCABULARY_OF
from ally.survivors.fieldgroups import CLIENT_FIELDS, FieldGroup
from ally.survivors.models import Client

# The groups that hold fields of the client record (case notes are read through the care API).
RECORD_GROUPS: list[FieldGroup] = [g for g in FieldGroup if g in set(CLIENT_FIELDS.values())]


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


def _listed_as_owner(client: Client) -> bool:
    """Set by the list's query; a client without the mark is shown as a shared one."""
    return getattr(client, "listed_as_owner", False) is True


class ClientListItem(Schema):
    """A client in the list. Clients shared by other organizations appear by number and owner
    only: opening one (GET /clients/{id}) is a logged disclosure."""

    id: int
    organization_id: int
    organization: str
    is_owner: bool
    name: str | None = Field(description="Preferred or legal name; null for shared clients")
    trafficking_type: str | None
    case_status: str | None
    intake_date: dt.date | None

    @staticmethod
    def resolve_organization(client: Client) -> str:
        return client.organization.name

    @staticmethod
    def resolve_is_owner(client: Client) -> bool:
        return _listed_as_owner(client)

    # SECURITY: a shared client's fields stay null here, whatever groups the share grants.
    @staticmethod
    def resolve_name(client: Client) -> str | None:
        return (client.preferred_name or client.legal_name) if _listed_as_owner(client) else None

    @staticmethod
    def resolve_trafficking_type(client: Client) -> str | None:
        return client.trafficking_type if _listed_as_owner(client) else None

    @staticmethod
    def resolve_case_status(client: Client) -> str | None:
        return client.case_status if _listed_as_owner(client) else None

    @staticmethod
    def resolve_intake_date(client: Client) -> dt.date | None:
        return client.intake_date if _listed_as_owner(client) else None


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
