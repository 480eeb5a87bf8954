"""An investigation's life: open, change, close, partner agencies, the dissemination log, and
28 CFR Part 23 review (validate or purge)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ally.access.investigations import investigating_organization_ids
from ally.access.policy import grants_for
from ally.access.survivors import SEES_ALL_CLIENTS, today_in
from ally.accounts.models import User
from ally.audit.events import EventType
from ally.core.errors import Conflict, InvalidInput, NotPermitted
from ally.investigations.actions import _common as c
from ally.investigations.models import (
    PART_23_REVIEW_YEARS,
    Arrest,
    Dissemination,
    IdentifiedVictim,
    Identifier,
    Investigation,
    InvestigationPartner,
    InvestigationStatus,
    InvestigationType,
    Operation,
    Subject,
    Tip,
    TipStatus,
)
from ally.notifications.kinds import NotificationKind
from ally.prosecutions.models import ProsecutionReferral
from ally.tenancy.models import Membership, Organization
from ally.tenancy.vocab import AgencyType, Discipline

UPDATABLE = ("title", "trafficking_type", "industry", "lead_investigator")


def review_date(start: dt.date) -> dt.date:
    """Five years on (28 CFR 23.20(h)); 29 February becomes 28 February."""
    try:
        return start.replace(year=start.year + PART_23_REVIEW_YEARS)
    except ValueError:
        return start.replace(year=start.year + PART_23_REVIEW_YEARS, day=28)


def _next_number(organization: Organization, year: int) -> str:
    prefix = f"{organization.slug.upper()[:12]}-{year}-"
    taken = Investigation.objects.filter(organization=organization, number__startswith=prefix).count()
    return f"{prefix}{taken + 1:04d}"


def _lead(organization: Organization, lead: User | None) -> User | None:
    if lead is None:
        return None
    if not Membership.objects.filter(user=lead, organization=organization, is_active=True).exists():
        raise InvalidInput(_("The lead investigator must be a member of the agency."))
    return lead


def _type(value: Any) -> str:
    if value not in InvestigationType.values:
        raise InvalidInput(_("Type: sex, labor, or both."))
    return str(value)


def open_investigation(
    organization: Organization, *, acting_user: User | None, title: str, trafficking_type: str,
    suspicion_basis: str, industry: str = "", opened_on: dt.date | str | None = None,
    lead_investigator: User | None = None, number: str = "", tip: Tip | None = None,
) -> Investigation:
    """Open an investigation: a criminal intelligence record needs a stated reasonable suspicion
    and is due for review five years on."""
    c.check_investigator(acting_user, organization)
    if acting_user is None and organization.discipline not in (Discipline.LAW_ENFORCEMENT, Discipline.GOVERNMENT_OTHER):
        raise InvalidInput(_("Only law-enforcement and labor agencies open investigations."))
    today = today_in(organization.task_force_id)
    opened = c.date(opened_on, _("Opened on"), default=today)
    assert opened is not None
    if opened > today:
        raise InvalidInput(_("Opened on: not in the future."))
    values = {
        "title": c.text(title, 200, _("Case name"), required=True),
        "trafficking_type": _type(trafficking_type),
        "industry": c.vocabulary_value("trafficking_industry", industry, _("Industry")),
        "suspicion_basis": c.text(suspicion_basis, 5000, _("Basis for reasonable suspicion"), required=True),
        "lead_investigator": _lead(organization, lead_investigator or acting_user),
    }
    number = c.text(number, 40, _("Case number"))
    with transaction.atomic():
        if number and Investigation.objects.filter(organization=organization, number=number).exists():
            raise Conflict(_("Your agency already has an investigation numbered %(n)s.") % {"n": number})
        investigation = Investigation.objects.create(
            task_force=organization.task_force, organization=organization,
            number=number or _next_number(organization, opened.year), opened_on=opened,
            review_by=review_date(opened), created_by=acting_user, **values,
        )
        c.audit(EventType.INVESTIGATION_OPENED, investigation, acting_user,
                fields=sorted(k for k, v in values.items() if v), tip=tip.pk if tip else None)
        if tip is not None:
            _attach_tip(tip, investigation, TipStatus.OPENED)
    return investigation


def _attach_tip(tip: Tip, investigation: Investigation, status: str) -> None:
    if tip.organization_id != investigation.organization_id and tip.organization_id not in c.working_organization_ids(investigation):
        raise InvalidInput(_("A tip joins an investigation its agency works."))
    if tip.investigation_id is not None:
        raise Conflict(_("This tip already belongs to investigation %(n)s.") % {"n": tip.investigation})
    Tip.objects.filter(pk=tip.pk).update(investigation=investigation, status=status, version=tip.version + 1)
    tip.investigation, tip.status, tip.version = investigation, status, tip.version + 1


def update_investigation(investigation: Investigation, *, acting_user: User | None, version: int | None = None,
                         **changes: Any) -> Investigation:
    """Change the case name, type, industry or lead investigator (optimistic locking on version)."""
    unknown = sorted(set(changes) - set(UPDATABLE))
    if unknown:
        raise InvalidInput(_("Unknown fields: %(f)s") % {"f": ", ".join(unknown)})
    c.check_works(acting_user, investigation)
    with transaction.atomic():
        current = c.locked(investigation)
        if version is not None and current.version != version:
            raise Conflict(_("Someone changed this investigation meanwhile; reload and try again."))
        diff = {}
        for field, value in changes.items():
            if field == "title":
                value = c.text(value, 200, _("Case name"), required=True)
            elif field == "trafficking_type":
                value = _type(value)
            elif field == "industry":
                value = c.vocabulary_value("trafficking_industry", value, _("Industry"))
            elif field == "lead_investigator":
                value = _lead(current.organization, value)
            if getattr(current, field) != value:
                diff[field] = value
                setattr(current, field, value)
        if diff:
            current.version += 1
            current.save()
            # Field names only: a case name may name a target, and the log outlives a purge.
            c.audit(EventType.INVESTIGATION_UPDATED, current, acting_user, fields=sorted(diff))
    return current


def set_status(investigation: Investigation, status: str, *, acting_user: User | None, reason: str = "",
               on: dt.date | str | None = None) -> Investigation:
    """Move the investigation to ``status``; closing takes a reason; a closed case may reopen.
    Advocates of victims linked by consent hear of it (the legal-status feed)."""
    if status not in InvestigationStatus.values:
        raise InvalidInput(_("Choose a status from the list."))
    c.check_works(acting_user, investigation)
    with transaction.atomic():
        current = c.locked(investigation)
        if current.status == status:
            return current
        today = today_in(current.task_force_id)
        before = current.status
        if status == InvestigationStatus.CLOSED:
            current.closed_reason = c.text(reason, 500, _("Reason for closing"), required=True)
            closed = c.date(on, _("Closed on"), default=today)
            assert closed is not None
            if closed < current.opened_on or closed > today:
                raise InvalidInput(_("Closed on: between the opening date and today."))
            current.closed_on = closed
        else:
            current.closed_on, current.closed_reason = None, ""
        current.status = status
        current.version += 1
        current.save()
        c.audit(EventType.INVESTIGATION_CLOSED if status == InvestigationStatus.CLOSED else EventType.INVESTIGATION_UPDATED,
                current, acting_user, status=[before, status])
        _tell_legal_status(current, _("A law-enforcement case of your client is now: %(s)s") % {"s": current.get_status_display().lower()})
    return current


def close_investigation(investigation: Investigation, *, acting_user: User | None, reason: str,
                        closed_on: dt.date | str | None = None) -> Investigation:
    return set_status(investigation, InvestigationStatus.CLOSED, acting_user=acting_user, reason=reason, on=closed_on)


def _tell_legal_status(investigation: Investigation, title: str, victims: list[IdentifiedVictim] | None = None) -> None:
    """Tell the advocates of the victims (by default all of the investigation's) linked by consent."""
    if victims is None:
        victims = list(IdentifiedVictim.objects.filter(investigation=investigation, removed_at=None, client__isnull=False))
    if not victims:
        return
    from ally.prosecutions.feed import tell_advocates

    tell_advocates(victims, task_force=investigation.task_force, title=title,
                   link_for=lambda victim: f"/clients/{victim.client_id}/legal-status/")


def record_dissemination(investigation: Investigation, *, acting_user: User | None, what: str, reason: str,
                         to_organization: Organization | None = None, to_person: str = "") -> Dissemination:
    """28 CFR 23.20(g): write down who received intelligence, why, and when."""
    if to_organization is None and not (to_person or "").strip():
        raise InvalidInput(_("Name the agency or the person who received the information."))
    if to_organization is not None and to_organization.task_force_id != investigation.task_force_id:
        raise InvalidInput(_("Release only to an agency of this task force."))
    with transaction.atomic():
        entry = Dissemination.objects.create(
            task_force=investigation.task_force, investigation=investigation,
            from_organization=investigation.organization, to_organization=to_organization,
            to_person=c.text(to_person, 200, _("Recipient")),
            what=c.text(what, 300, _("What was released"), required=True),
            reason=c.text(reason, 500, _("Right to know and need to know"), required=True),
            by=acting_user,
        )
        c.audit(EventType.INTELLIGENCE_DISSEMINATED, investigation, acting_user, target=entry,
                to_organization=to_organization.pk if to_organization else None)
    return entry


def add_partner(investigation: Investigation, organization: Organization, *, acting_user: User | None,
                reason: str) -> InvestigationPartner:
    """Make this a joint investigation with another investigating agency (a dissemination)."""
    c.check_works(acting_user, investigation, supervise=True)
    if organization.task_force_id != investigation.task_force_id or not organization.is_active:
        raise InvalidInput(_("Choose an agency of this task force."))
    investigating = organization.discipline == Discipline.LAW_ENFORCEMENT or (
        organization.discipline == Discipline.GOVERNMENT_OTHER and organization.agency_type == AgencyType.LABOR
    )
    if not investigating:
        raise InvalidInput(_("Partner agencies are law-enforcement or labor agencies."))
    if organization.pk == investigation.organization_id:
        raise InvalidInput(_("Your own agency already works this investigation."))
    with transaction.atomic():
        current = c.locked(investigation)
        if InvestigationPartner.objects.filter(investigation=current, organization=organization, removed_at=None).exists():
            raise Conflict(_("%(org)s already works this investigation.") % {"org": organization.name})
        partner = InvestigationPartner.objects.create(investigation=current, organization=organization, added_by=acting_user)
        record_dissemination(current, acting_user=acting_user, to_organization=organization,
                             what=_("The whole investigation record (joint investigation)"), reason=reason)
        c.audit(EventType.INVESTIGATION_PARTNER_ADDED, current, acting_user, organization=organization.pk)
        c.tell(c.agency_members([organization.pk]), current,
               _("Your agency joined investigation %(n)s") % {"n": current.number},
               kind=NotificationKind.INVESTIGATION_SHARED)
    return partner


def remove_partner(partner: InvestigationPartner, *, acting_user: User | None) -> InvestigationPartner:
    c.check_works(acting_user, partner.investigation, supervise=True)
    with transaction.atomic():
        if partner.removed_at is not None:
            raise Conflict(_("This agency no longer works the investigation."))
        partner.removed_at = timezone.now()
        partner.save(update_fields=["removed_at"])
        c.audit(EventType.INVESTIGATION_PARTNER_REMOVED, partner.investigation, acting_user,
                organization=partner.organization_id)
    return partner


def validate_record(investigation: Investigation, *, acting_user: User | None, note: str) -> Investigation:
    """A supervisor confirms the record still meets the reasonable-suspicion standard: the next
    review falls five years on."""
    c.check_works(acting_user, investigation, supervise=True)
    with transaction.atomic():
        current = c.locked(investigation)
        today = today_in(current.task_force_id)
        current.validation_note = c.text(note, 500, _("Validation note"), required=True)
        current.validated_on, current.review_by = today, review_date(today)
        current.version += 1
        current.save()
        c.audit(EventType.INTELLIGENCE_VALIDATED, current, acting_user, review_by=current.review_by.isoformat())
    return current


PURGED_TITLE = "—"


def purge_record(investigation: Investigation, *, acting_user: User | None, reason: str) -> Investigation:
    """Purge the intelligence of a closed investigation: the basis, subjects and identifiers are
    blanked and leave the deconfliction index; the row, its victims, arrests and audit trail stay.
    A record still under investigation is refused."""
    c.check_works(acting_user, investigation, supervise=True)
    reason = c.text(reason, 500, _("Reason for purging"), required=True)
    from ally.deconfliction.targets import retire_investigation

    with transaction.atomic():
        current = c.locked(investigation)
        if current.is_open:
            raise Conflict(_("This investigation is still open: close it before purging its intelligence."))
        now = timezone.now()
        Subject.objects.filter(investigation=current).update(
            given_name="", family_name="", aliases=[], date_of_birth=None, gender="", roles=[], notes="",
            removed_at=now, removed_reason=_("Purged"),
        )
        # What was said about the subjects elsewhere: their arrests' reasons, the summary for a
        # prosecutor, the operations' names and places. Victims and their arrests stay (they are
        # not intelligence on suspects, and the task force counts them).
        Arrest.objects.filter(investigation=current, subject__isnull=False).update(reason="")
        ProsecutionReferral.objects.filter(investigation=current).update(summary="")
        Operation.objects.filter(investigation=current).update(name=PURGED_TITLE, location="")
        Identifier.objects.filter(investigation=current).update(
            value=PURGED_TITLE, details={}, key="", removed_at=now, removed_reason=_("Purged"),
        )
        retire_investigation(current)
        Tip.objects.filter(investigation=current).update(narrative=PURGED_TITLE, location="", county="")
        current.title, current.suspicion_basis, current.validation_note = PURGED_TITLE, "", ""
        current.closed_reason = ""
        current.purged_at, current.purge_reason = now, reason
        current.version += 1
        current.save()
        c.audit(EventType.INTELLIGENCE_PURGED, current, acting_user)
    return current


def reviewers(investigation: Investigation) -> list[User]:
    """Who validates or purges: the owning agency's supervisors and administrators, and the lead."""
    people = list(User.objects.filter(
        memberships__organization_id=investigation.organization_id, memberships__is_active=True,
        memberships__role__in=list(SEES_ALL_CLIENTS), is_active=True,
    ).distinct())
    lead = investigation.lead_investigator
    if lead is not None and lead not in people and Membership.objects.filter(
        user=lead, organization_id=investigation.organization_id, is_active=True
    ).exists():
        people.append(lead)
    return people


def may_open(user: User) -> bool:
    """Whether the user acts for any agency that investigates."""
    return bool(investigating_organization_ids(grants_for(user)))


def check_may_open(user: User) -> None:
    if not may_open(user):
        raise NotPermitted()
