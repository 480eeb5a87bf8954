"""Victims law enforcement identified, their link to a victim-service client (only through that
client's consented share), and arrests or charges — of subjects, and of victims, which the task
force counts so it can see and reduce the criminalization of survivors."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ally.access.survivors import access_client, share_is_in_force, today_in
from ally.accounts.models import User
from ally.audit.events import EventType
from ally.core.errors import Conflict, InvalidInput, NotVisible
from ally.investigations.actions import _common as c
from ally.investigations.actions.cases import _tell_legal_status
from ally.investigations.models import Arrest, ArrestKind, IdentifiedVictim, Investigation, Subject
from ally.survivors.models import Share
from ally.tenancy.models import Organization

VICTIM_FIELDS = ("given_name", "family_name", "date_of_birth", "is_minor", "gender", "citizenship",
                 "trafficking_type", "languages", "identified_on", "notes")
LINK_PURPOSE = "law_enforcement_coordination"


def _victim_values(investigation: Investigation, values: dict[str, Any]) -> dict[str, Any]:
    today = today_in(investigation.task_force_id)
    dob = c.date(values.get("date_of_birth"), _("Date of birth"))
    if dob is not None and (dob > today or dob.year < 1900):
        raise InvalidInput(_("Date of birth: a past date after 1900."))
    identified = c.date(values.get("identified_on"), _("Identified on"), default=today)
    assert identified is not None
    if identified > today:
        raise InvalidInput(_("Identified on: not in the future."))
    if not isinstance(values.get("is_minor", False), bool):
        raise InvalidInput(_("Minor: yes or no."))
    return {
        "given_name": c.text(values.get("given_name"), 100, _("Given name")),
        "family_name": c.text(values.get("family_name"), 100, _("Family name")),
        "date_of_birth": dob,
        "is_minor": bool(values.get("is_minor", False)),
        "gender": c.vocabulary_value("prs_Gender", values.get("gender"), _("Gender")),
        "citizenship": c.vocabulary_value("citizenship_status", values.get("citizenship"), _("Citizenship")),
        "trafficking_type": c.vocabulary_value("trafficking_type", values.get("trafficking_type"), _("Trafficking type")),
        "languages": c.text(values.get("languages"), 200, _("Languages")),
        "identified_on": identified,
        "notes": c.text(values.get("notes"), 5000, _("Notes")),
    }


def identify_victim(investigation: Investigation, *, acting_user: User | None, **values: Any) -> IdentifiedVictim:
    unknown = sorted(set(values) - set(VICTIM_FIELDS))
    if unknown:
        raise InvalidInput(_("Unknown fields: %(f)s") % {"f": ", ".join(unknown)})
    c.check_works(acting_user, investigation)
    cleaned = _victim_values(investigation, values)
    with transaction.atomic():
        current = c.locked(investigation)
        victim = IdentifiedVictim.objects.create(investigation=current, added_by=acting_user, **cleaned)
        c.audit(EventType.VICTIM_IDENTIFIED, current, acting_user, target=victim,
                fields=sorted(k for k, v in cleaned.items() if v))
    return victim


def update_victim(victim: IdentifiedVictim, *, acting_user: User | None, **changes: Any) -> IdentifiedVictim:
    unknown = sorted(set(changes) - set(VICTIM_FIELDS))
    if unknown:
        raise InvalidInput(_("Unknown fields: %(f)s") % {"f": ", ".join(unknown)})
    investigation = c.check_works(acting_user, victim.investigation)
    if victim.removed_at is not None:
        raise Conflict(_("This victim record was removed."))
    cleaned = _victim_values(investigation, {**{f: getattr(victim, f) for f in VICTIM_FIELDS}, **changes})
    with transaction.atomic():
        diff = sorted(f for f, v in cleaned.items() if getattr(victim, f) != v)
        if diff:
            for field, value in cleaned.items():
                setattr(victim, field, value)
            victim.save()
            c.audit(EventType.VICTIM_UPDATED, investigation, acting_user, target=victim, fields=diff)
    return victim


def remove_victim(victim: IdentifiedVictim, *, acting_user: User | None, reason: str) -> IdentifiedVictim:
    investigation = c.check_works(acting_user, victim.investigation)
    reason = c.text(reason, 500, _("Reason"), required=True)
    with transaction.atomic():
        if victim.removed_at is not None:
            raise Conflict(_("This victim record was already removed."))
        victim.removed_at, victim.removed_reason = timezone.now(), reason
        victim.save(update_fields=["removed_at", "removed_reason"])
        c.audit(EventType.VICTIM_REMOVED, investigation, acting_user, target=victim)
    return victim


def link_victim(victim: IdentifiedVictim, client_pk: Any, *, acting_user: User | None,
                share: Share | None = None) -> IdentifiedVictim:
    """Link the agency's victim record to a victim-service client. Only a client this agency
    reads through a share in force can be linked (the survivor's consent); the link lasts as long
    as that share does."""
    investigation = c.check_works(acting_user, victim.investigation)
    if victim.removed_at is not None:
        raise Conflict(_("This victim record was removed."))
    working = set(c.working_organization_ids(investigation))
    if acting_user is not None:
        try:
            read = access_client(acting_user, client_pk, purpose=LINK_PURPOSE)
        except NotVisible:
            raise InvalidInput(_("No client with that number is shared with your agency.")) from None
        if read.share is None or read.share.recipient_id not in working:
            raise InvalidInput(_("Link only a client the survivor's provider shared with an agency working this investigation."))
        share = read.share
    elif share is None or str(share.client_id) != str(client_pk) or share.recipient_id not in working or not share_is_in_force(share):
        raise InvalidInput(_("Link only a client the survivor's provider shared with an agency working this investigation."))
    with transaction.atomic():
        victim.client_id, victim.link_share = share.client_id, share
        victim.linked_by, victim.linked_at = acting_user, timezone.now()
        victim.save(update_fields=["client", "link_share", "linked_by", "linked_at"])
        c.audit(EventType.VICTIM_LINKED, investigation, acting_user, target=victim, share=share.pk)
    return victim


def unlink_victim(victim: IdentifiedVictim, *, acting_user: User | None, reason: str) -> IdentifiedVictim:
    investigation = c.check_works(acting_user, victim.investigation)
    reason = c.text(reason, 500, _("Reason"), required=True)
    with transaction.atomic():
        if victim.client_id is None:
            raise Conflict(_("This victim record is not linked to a client."))
        victim.client, victim.link_share, victim.linked_by, victim.linked_at = None, None, None, None
        victim.save(update_fields=["client", "link_share", "linked_by", "linked_at"])
        c.audit(EventType.VICTIM_UNLINKED, investigation, acting_user, target=victim)
    return victim


def record_arrest(investigation: Investigation, *, acting_user: User | None, on: dt.date | str, offense: str,
                  subject: Subject | None = None, victim: IdentifiedVictim | None = None, kind: str = ArrestKind.ARREST,
                  agency: Organization | None = None, reason: str = "") -> Arrest:
    """Record an arrest or charge of a subject or of an identified victim. For a victim the stated
    reason is required: the task force reviews every one."""
    c.check_works(acting_user, investigation)
    if (subject is None) == (victim is None):
        raise InvalidInput(_("Record the arrest of one subject or one identified victim."))
    person = subject or victim
    assert person is not None
    if person.investigation_id != investigation.pk or person.removed_at is not None:
        raise InvalidInput(_("Choose a person of this investigation."))
    if kind not in ArrestKind.values:
        raise InvalidInput(_("Choose arrest or charge."))
    agency = agency or investigation.organization
    if agency.task_force_id != investigation.task_force_id:
        raise InvalidInput(_("Choose an agency of this task force."))
    day = c.date(on, _("Date"), required=True)
    assert day is not None
    if day > today_in(investigation.task_force_id):
        raise InvalidInput(_("Date: not in the future."))
    offense = c.text(offense, 300, _("Offense"), required=True)
    reason = c.text(reason, 5000, _("Stated reason"), required=victim is not None)
    with transaction.atomic():
        arrest = Arrest.objects.create(investigation=investigation, subject=subject, victim=victim, kind=kind, on=day,
                                       agency=agency, offense=offense, reason=reason, added_by=acting_user)
        c.audit(EventType.ARREST_RECORDED, investigation, acting_user, target=arrest, kind=kind,
                of="victim" if victim else "subject")
        if victim is not None and victim.client_id is not None:
            _tell_legal_status(investigation, _("An arrest or charge was recorded for your client in a law-enforcement case"), [victim])
    return arrest


def remove_arrest(arrest: Arrest, *, acting_user: User | None, reason: str) -> Arrest:
    investigation = c.check_works(acting_user, arrest.investigation)
    reason = c.text(reason, 500, _("Reason"), required=True)
    with transaction.atomic():
        if arrest.removed_at is not None:
            raise Conflict(_("This record was already removed."))
        arrest.removed_at, arrest.removed_reason = timezone.now(), reason
        arrest.save(update_fields=["removed_at", "removed_reason"])
        c.audit(EventType.ARREST_REMOVED, investigation, acting_user, target=arrest)
    return arrest
