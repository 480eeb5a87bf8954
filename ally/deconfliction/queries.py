"""Read helpers for the deconfliction pages: each side's half of a hit or conflict.

SECURITY: what these return is all a page shows. The other side is a contact only — the person's
name, work phone and email and their agency's name — never the other identifier's value, case
number, title, subjects, or the other operation's name, time or place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ally.access.deconfliction import (
    NEW,
    access_conflict,
    access_hit,
    conflict_side,
    hit_side,
    visible_conflicts,
    visible_hits,
)
from ally.core.errors import InvalidInput
from ally.deconfliction.models import Hit, OperationConflict, Pointer
from ally.deconfliction.normalize import normalize
from ally.investigations.models import IdentifierKind, Operation

LIST_CAP = 100


@dataclass(frozen=True)
class Contact:
    name: str
    phone: str
    email: str
    agency: str


def _contact(user: Any, agency: str) -> Contact:
    if user is None:
        return Contact("", "", "", agency)
    return Contact(user.full_name, user.phone, user.email, agency)


def _kind_label(kind: str) -> str:
    try:
        return str(IdentifierKind(kind).label)
    except ValueError:
        return kind


def display_value(pointer: Pointer) -> str:
    """The user's own identifier as entered, tidied (blank after a purge)."""
    identifier = pointer.identifier
    if pointer.investigation.is_purged:
        return ""
    try:
        return normalize(identifier.kind, identifier.value, identifier.details).display
    except InvalidInput:
        return identifier.value


@dataclass(frozen=True)
class HitRow:
    pk: int
    found_at: dt.datetime
    kind: str
    how: str
    my_case_number: str
    other_agency: str


@dataclass(frozen=True)
class HitPage:
    hit: Hit
    kind: str
    how: str
    found_at: dt.datetime
    my_case_number: str
    my_investigation_id: int
    my_value: str
    purged: bool
    other: Contact


def hit_rows(user: Any) -> list[HitRow]:
    hits = visible_hits(user).select_related(
        "new_pointer__investigation", "existing_pointer__investigation",
        "new_organization", "existing_organization",
    ).order_by("-found_at", "-pk")[:LIST_CAP]
    rows = []
    for hit in hits:
        mine_new = hit_side(user, hit) == NEW
        mine = hit.new_pointer if mine_new else hit.existing_pointer
        other_org = hit.existing_organization if mine_new else hit.new_organization
        rows.append(HitRow(hit.pk, hit.found_at, _kind_label(hit.kind), hit.how,
                           mine.investigation.number, other_org.name))
    return rows


def hit_page(user: Any, pk: Any) -> HitPage:
    hit = access_hit(user, pk)
    mine_new = hit_side(user, hit) == NEW
    mine = hit.new_pointer if mine_new else hit.existing_pointer
    other = (
        _contact(hit.existing_contact, hit.existing_organization.name)
        if mine_new else _contact(hit.new_contact, hit.new_organization.name)
    )
    return HitPage(
        hit=hit, kind=_kind_label(hit.kind), how=hit.how, found_at=hit.found_at,
        my_case_number=mine.investigation.number, my_investigation_id=mine.investigation_id,
        my_value=display_value(mine), purged=mine.investigation.is_purged, other=other,
    )


@dataclass(frozen=True)
class ConflictRow:
    pk: int
    found_at: dt.datetime
    my_operation: str
    my_starts_at: dt.datetime
    other_agency: str


@dataclass(frozen=True)
class ConflictPage:
    """No distance: several probes with known centres would locate the other operation."""

    conflict: OperationConflict
    found_at: dt.datetime
    my_operation: Operation
    other: Contact


def conflict_rows(user: Any) -> list[ConflictRow]:
    conflicts = visible_conflicts(user).select_related(
        "new_operation__organization", "existing_operation__organization",
    ).order_by("-found_at", "-pk")[:LIST_CAP]
    rows = []
    for conflict in conflicts:
        mine_new = conflict_side(user, conflict) == NEW
        mine = conflict.new_operation if mine_new else conflict.existing_operation
        theirs = conflict.existing_operation if mine_new else conflict.new_operation
        rows.append(ConflictRow(conflict.pk, conflict.found_at, mine.name, mine.starts_at,
                                theirs.organization.name))
    return rows


def conflict_page(user: Any, pk: Any) -> ConflictPage:
    conflict = access_conflict(user, pk)
    mine_new = conflict_side(user, conflict) == NEW
    mine = conflict.new_operation if mine_new else conflict.existing_operation
    theirs = conflict.existing_operation if mine_new else conflict.new_operation
    return ConflictPage(
        conflict=conflict, found_at=conflict.found_at, my_operation=mine,
        other=_contact(theirs.contact or theirs.created_by, theirs.organization.name),
    )
