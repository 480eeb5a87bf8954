"""Subjects and identifiers. Every identifier saved is normalized (bad input refused) and checked
against other agencies' investigations at once; the caller learns "conflict" or "no conflict"."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ally.access.survivors import today_in
from ally.accounts.models import User
from ally.audit.events import EventType
from ally.core.errors import Conflict, InvalidInput
from ally.deconfliction.models import Hit
from ally.deconfliction.normalize import normalize
from ally.deconfliction.targets import index_identifier, retire_identifier
from ally.investigations.actions import _common as c
from ally.investigations.models import Identifier, IdentifierKind, Investigation, Subject

SUBJECT_FIELDS = ("given_name", "family_name", "aliases", "date_of_birth", "gender", "roles", "notes")


def _subject_values(investigation: Investigation, values: dict[str, Any]) -> dict[str, Any]:
    today = today_in(investigation.task_force_id)
    dob = c.date(values.get("date_of_birth"), _("Date of birth"))
    if dob is not None and (dob > today or dob.year < 1900):
        raise InvalidInput(_("Date of birth: a past date after 1900."))
    aliases = values.get("aliases") or []
    if not isinstance(aliases, list | tuple) or any(not isinstance(a, str) or len(a) > 100 for a in aliases):
        raise InvalidInput(_("Aliases: a list of names of at most 100 characters."))
    return {
        "given_name": c.text(values.get("given_name"), 100, _("Given name")),
        "family_name": c.text(values.get("family_name"), 100, _("Family name"), required=True),
        "aliases": [a.strip() for a in aliases if a.strip()],
        "date_of_birth": dob,
        "gender": c.vocabulary_value("prs_Gender", values.get("gender"), _("Gender")),
        "roles": c.vocabulary_values("per_RoleInProcess", values.get("roles"), _("Role in the trafficking process")),
        "notes": c.text(values.get("notes"), 5000, _("Notes")),
    }


def _person_details(subject: Subject) -> dict[str, str]:
    return {
        "given_name": subject.given_name, "family_name": subject.family_name,
        "date_of_birth": subject.date_of_birth.isoformat() if subject.date_of_birth else "",
    }


def add_subject(investigation: Investigation, *, acting_user: User | None, family_name: str, given_name: str = "",
                date_of_birth: dt.date | str | None = None, aliases: list[str] | tuple[str, ...] = (), gender: str = "",
                roles: list[str] | tuple[str, ...] = (), notes: str = "") -> tuple[Subject, list[Hit]]:
    """Add a subject; their name and date of birth go into the deconfliction index as a person."""
    c.check_works(acting_user, investigation)
    values = _subject_values(investigation, {
        "given_name": given_name, "family_name": family_name, "date_of_birth": date_of_birth,
        "aliases": list(aliases), "gender": gender, "roles": list(roles), "notes": notes,
    })
    with transaction.atomic():
        current = c.locked(investigation)
        subject = Subject.objects.create(investigation=current, added_by=acting_user, **values)
        c.audit(EventType.SUBJECT_ADDED, current, acting_user, target=subject, fields=sorted(k for k, v in values.items() if v))
        _identifier, hits = _save_identifier(current, acting_user, IdentifierKind.PERSON, "", _person_details(subject), subject)
    return subject, hits


def update_subject(subject: Subject, *, acting_user: User | None, **changes: Any) -> tuple[Subject, list[Hit]]:
    """Change a subject; a changed name or date of birth is checked again."""
    unknown = sorted(set(changes) - set(SUBJECT_FIELDS))
    if unknown:
        raise InvalidInput(_("Unknown fields: %(f)s") % {"f": ", ".join(unknown)})
    investigation = c.check_works(acting_user, subject.investigation)
    if subject.removed_at is not None:
        raise Conflict(_("This subject was removed."))
    values = _subject_values(investigation, {**{f: getattr(subject, f) for f in SUBJECT_FIELDS}, **changes})
    hits: list[Hit] = []
    with transaction.atomic():
        diff = sorted(f for f, v in values.items() if getattr(subject, f) != v)
        if not diff:
            return subject, []
        identity_changed = bool({"given_name", "family_name", "date_of_birth"} & set(diff))
        for field, value in values.items():
            setattr(subject, field, value)
        subject.save()
        c.audit(EventType.SUBJECT_UPDATED, investigation, acting_user, target=subject, fields=diff)
        if identity_changed:
            for old in subject.identifiers.filter(kind=IdentifierKind.PERSON, removed_at=None):
                _retire(old, acting_user, _("Name or date of birth changed"))
            _identifier, hits = _save_identifier(investigation, acting_user, IdentifierKind.PERSON, "", _person_details(subject), subject)
    return subject, hits


def remove_subject(subject: Subject, *, acting_user: User | None, reason: str) -> Subject:
    investigation = c.check_works(acting_user, subject.investigation)
    reason = c.text(reason, 500, _("Reason"), required=True)
    with transaction.atomic():
        if subject.removed_at is not None:
            raise Conflict(_("This subject was already removed."))
        subject.removed_at, subject.removed_reason = timezone.now(), reason
        subject.save(update_fields=["removed_at", "removed_reason"])
        for identifier in subject.identifiers.filter(removed_at=None):
            _retire(identifier, acting_user, reason)
        c.audit(EventType.SUBJECT_REMOVED, investigation, acting_user, target=subject)
    return subject


def _save_identifier(investigation: Investigation, acting_user: User | None, kind: str, value: str,
                     details: dict[str, Any] | None, subject: Subject | None) -> tuple[Identifier, list[Hit]]:
    normalized = normalize(kind, value, details)
    identifier = Identifier.objects.create(
        task_force=investigation.task_force, organization=investigation.organization, investigation=investigation,
        subject=subject, kind=kind, value=normalized.display[:300], details=normalized.details,
        key=normalized.key[:300], added_by=acting_user,
    )
    hits = index_identifier(identifier, normalized, acting_user=acting_user)
    c.audit(EventType.IDENTIFIER_ADDED, investigation, acting_user, target=identifier, kind=kind,
            subject=subject.pk if subject else None, hits=len(hits))
    return identifier, hits


def add_identifier(investigation: Investigation, *, acting_user: User | None, kind: str, value: str = "",
                   details: dict[str, Any] | None = None, subject: Subject | None = None) -> tuple[Identifier, list[Hit]]:
    """Save a phone, email, address, vehicle, online account, ad URL, business or person and
    check it against the other agencies' investigations: returns the hits (none = no conflict)."""
    if kind not in IdentifierKind.values:
        raise InvalidInput(_("Choose the kind of identifier from the list."))
    c.check_works(acting_user, investigation)
    if subject is not None and (subject.investigation_id != investigation.pk or subject.removed_at is not None):
        raise InvalidInput(_("Choose a subject of this investigation."))
    with transaction.atomic():
        current = c.locked(investigation)
        return _save_identifier(current, acting_user, kind, value, details, subject)


def _retire(identifier: Identifier, acting_user: User | None, reason: str) -> None:
    identifier.removed_at, identifier.removed_reason = timezone.now(), reason
    identifier.save(update_fields=["removed_at", "removed_reason"])
    retire_identifier(identifier)
    c.audit(EventType.IDENTIFIER_REMOVED, identifier.investigation, acting_user, target=identifier, kind=identifier.kind)


def remove_identifier(identifier: Identifier, *, acting_user: User | None, reason: str) -> Identifier:
    """Remove an identifier entered in error or no longer relevant; it leaves the index."""
    c.check_works(acting_user, identifier.investigation)
    reason = c.text(reason, 500, _("Reason"), required=True)
    with transaction.atomic():
        if identifier.removed_at is not None:
            raise Conflict(_("This identifier was already removed."))
        _retire(identifier, acting_user, reason)
    return identifier
