"""Read helpers for client pages, built on ally.access: only granted field groups are shown."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.formats import date_format

from ally.access.survivors import ClientAccess
from ally.survivors import vocabularies
from ally.survivors.actions import VOCABULARY_OF
from ally.survivors.fieldgroups import CLIENT_FIELDS, FieldGroup
from ally.survivors.models import Client


@dataclass(frozen=True)
class Section:
    group: FieldGroup
    rows: list[tuple[str, str]]  # (label, value as text)


def _text(field: str, value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    vocabulary_id = VOCABULARY_OF.get(field)
    values = value if isinstance(value, list) else [value]
    if vocabulary_id:
        return ", ".join(
            vocabularies.label(vocabulary_id, v) if vocabularies.is_valid(vocabulary_id, v) else str(v)
            for v in values
        )
    if isinstance(value, bool):
        return "✓" if value else "—"
    if isinstance(value, dt.date):
        return date_format(value, "DATE_FORMAT")
    return ", ".join(str(v) for v in values)


def field_label(name: str) -> str:
    field = Client._meta.get_field(name)
    return str(getattr(field, "verbose_name", name)).capitalize()


def client_sections(access: ClientAccess) -> list[Section]:
    """The client's fields grouped for display, leaving out every group the reader lacks."""
    client = access.client
    sections = []
    for group in FieldGroup:
        if group not in access.groups:
            continue
        rows = [
            (field_label(name), _text(name, getattr(client, name)))
            for name, field_group in CLIENT_FIELDS.items()
            if field_group == group
        ]
        if rows:
            sections.append(Section(group, rows))
    return sections


def display_name(access: ClientAccess) -> str:
    """What to call the client on a page: their preferred name if the reader may see identity."""
    if "identity" not in access.groups:
        return f"#{access.client.pk}"
    return access.client.preferred_name or access.client.legal_name
