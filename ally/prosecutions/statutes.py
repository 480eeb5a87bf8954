"""The statute catalogue: the federal 18 U.S.C. 1581–1597 set and related federal offenses, plus
the human-trafficking, related and prostitution offenses of the task force's states, shipped as
versioned JSON in ``data/statutes/`` (one file per jurisdiction) and extended by the coordinator.

A task force's catalogue is loaded lazily, the first time it is needed (``catalogue``). Loading
only ever adds missing citations: a row the coordinator changed (or retired) is never touched.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from ally.access.policy import grants_for
from ally.accounts.models import User
from ally.audit.chain import record
from ally.audit.events import EventType
from ally.core.errors import Conflict, InvalidInput, NotPermitted, NotVisible
from ally.prosecutions.models import Statute, StatuteCategory, StatuteJurisdiction
from ally.tenancy.models import TaskForce
from ally.tenancy.vocab import US_STATES

DATA_DIR = Path(__file__).parent / "data" / "statutes"
FEDERAL = "federal"


@dataclass(frozen=True)
class StatuteEntry:
    citation: str
    title: str
    category: str
    notes: str = ""


@dataclass(frozen=True)
class StatuteFile:
    id: str
    version: str
    source: str
    values: tuple[StatuteEntry, ...]


@cache
def statute_file(id: str) -> StatuteFile | None:
    """The shipped catalogue of ``federal`` or of a state (two-letter code); None if none ships."""
    id = id.lower()
    if id != FEDERAL and id.upper() not in US_STATES:
        return None
    path = DATA_DIR / f"{id}.json"
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    values = []
    for item in data["values"]:
        if item["category"] not in StatuteCategory.values:
            raise ValueError(f"{path.name}: unknown category {item['category']!r}")
        values.append(StatuteEntry(item["citation"], item["title"], item["category"], item.get("notes", "")))
    citations = [v.citation for v in values]
    if len(set(citations)) != len(citations):
        raise ValueError(f"{path.name}: a citation is listed twice")
    return StatuteFile(data["id"], data["version"], data["source"], tuple(values))


def shipped_states() -> list[str]:
    return sorted(p.stem.upper() for p in DATA_DIR.glob("*.json") if p.stem != FEDERAL)


def load_catalogue(task_force: TaskForce) -> int:
    """Add the shipped federal statutes and those of the task force's states that it lacks;
    return how many were added. Never changes an existing row (the coordinator's edits stay)."""
    files: list[tuple[str, str, StatuteFile]] = []
    federal = statute_file(FEDERAL)
    if federal is not None:
        files.append((StatuteJurisdiction.FEDERAL, "", federal))
    for state in task_force.states or []:
        shipped = statute_file(str(state))
        if shipped is not None:
            files.append((StatuteJurisdiction.STATE, str(state).upper(), shipped))
    existing = set(Statute.objects.filter(task_force=task_force).values_list("citation", flat=True))
    rows = [
        Statute(task_force=task_force, citation=entry.citation, title=entry.title, jurisdiction=jurisdiction,
                state=state, category=entry.category, source=f"{shipped.source} ({shipped.version})")
        for jurisdiction, state, shipped in files
        for entry in shipped.values
        if entry.citation not in existing
    ]
    if not rows:
        return 0
    with transaction.atomic():
        Statute.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def catalogue(task_force: TaskForce) -> QuerySet[Statute]:
    """The task force's statutes (loading the shipped ones the first time)."""
    statutes = Statute.objects.filter(task_force=task_force)
    if not statutes.exists():
        load_catalogue(task_force)
    return statutes


def find_statute(task_force: TaskForce, statute: Statute | str | Any) -> Statute:
    """An ACTIVE statute of this task force, given as a Statute or its citation (InvalidInput otherwise)."""
    catalogue(task_force)
    found: Statute | None = None
    if isinstance(statute, Statute):
        found = Statute.objects.filter(pk=statute.pk, task_force=task_force, is_active=True).first()
    elif isinstance(statute, str) and statute.strip():
        found = Statute.objects.filter(task_force=task_force, citation=statute.strip(), is_active=True).first()
    if found is None:
        raise InvalidInput(_("Unknown statute: choose an active statute of the task force's catalogue."))
    return found


def _check_coordinator(acting_user: User | None, task_force: TaskForce) -> None:
    if acting_user is None:
        return
    grants = grants_for(acting_user)
    if grants.task_force_id != task_force.pk:
        raise NotVisible()
    if not grants.is_coordinator:
        raise NotPermitted()


def _text(value: Any, limit: int, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(_("%(field)s: required.") % {"field": what})
    if len(value.strip()) > limit:
        raise InvalidInput(_("%(field)s: at most %(n)d characters.") % {"field": what, "n": limit})
    return value.strip()


def _category(value: Any) -> str:
    if value not in StatuteCategory.values:
        raise InvalidInput(_("Category is trafficking, related or other."))
    return str(value)


def add_statute(task_force: TaskForce, *, acting_user: User | None, citation: str, title: str,
                jurisdiction: str, state: str = "", category: str) -> Statute:
    """The coordinator adds a statute to the catalogue (a duplicate citation is a Conflict)."""
    _check_coordinator(acting_user, task_force)
    citation = _text(citation, 80, _("Citation"))
    title = _text(title, 300, _("Title"))
    category = _category(category)
    if jurisdiction not in StatuteJurisdiction.values:
        raise InvalidInput(_("Jurisdiction is state or federal."))
    state = (state or "").strip().upper()
    if jurisdiction == StatuteJurisdiction.STATE and state not in US_STATES:
        raise InvalidInput(_("Name the state (two-letter code) of a state statute."))
    if jurisdiction == StatuteJurisdiction.FEDERAL:
        state = ""
    catalogue(task_force)
    if Statute.objects.filter(task_force=task_force, citation__iexact=citation).exists():
        raise Conflict(_("The catalogue already has %(c)s.") % {"c": citation})
    try:
        with transaction.atomic():
            statute = Statute.objects.create(
                task_force=task_force, citation=citation, title=title, jurisdiction=jurisdiction,
                state=state, category=category, source=_("Added by the coordinator"),
            )
            record(EventType.STATUTE_ADDED, actor=acting_user, task_force=task_force, target=statute,
                   changes={"citation": citation, "jurisdiction": jurisdiction, "state": state, "category": category})
    except IntegrityError:
        raise Conflict(_("The catalogue already has %(c)s.") % {"c": citation}) from None
    return statute


_UNSET: Any = object()


def update_statute(statute: Statute, *, acting_user: User | None, title: str = _UNSET, category: str = _UNSET,
                   is_active: bool = _UNSET) -> Statute:
    """The coordinator changes a statute's title or category, or retires it (no new charges)."""
    task_force = TaskForce.objects.get(pk=statute.task_force_id)
    _check_coordinator(acting_user, task_force)
    with transaction.atomic():
        current = Statute.objects.select_for_update().get(pk=statute.pk)
        diff: dict[str, Any] = {}
        if title is not _UNSET:
            title = _text(title, 300, _("Title"))
            if title != current.title:
                current.title, diff["title"] = title, True
        if category is not _UNSET:
            category = _category(category)
            if category != current.category:
                diff["category"] = [current.category, category]
                current.category = category
        if is_active is not _UNSET and bool(is_active) != current.is_active:
            diff["is_active"] = [current.is_active, bool(is_active)]
            current.is_active = bool(is_active)
        if diff:
            current.save()
            record(EventType.STATUTE_UPDATED, actor=acting_user, task_force=task_force, target=current,
                   changes={"citation": current.citation, **diff})
    return current
