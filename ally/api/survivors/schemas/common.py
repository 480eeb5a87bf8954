"""Pieces the survivors schemas share."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ninja import Schema
from pydantic import ConfigDict, Field

from ally.survivors.fieldgroups import FieldGroup

GROUP_VALUES = list(FieldGroup.values)


def one_of(values: Iterable[str]) -> Any:
    """OpenAPI: the values a string may take (documented here, checked by the action)."""
    return {"enum": list(values)}


def each_of(values: Iterable[str]) -> Any:
    """OpenAPI: the values each string of a list may take."""
    return {"items": {"type": "string", "enum": list(values)}}


def groups_field(description: str) -> Any:
    """A required list of field groups."""
    return Field(..., description=description, json_schema_extra=each_of(GROUP_VALUES))


class StrictIn(Schema):
    """An input that refuses unknown fields, so a misspelt field is an error rather than
    silently ignored (the care record, trafficking events and screenings)."""

    model_config = ConfigDict(extra="forbid")


class PersonBrief(Schema):
    id: int
    full_name: str
    email: str


class OrganizationBrief(Schema):
    id: int
    name: str
