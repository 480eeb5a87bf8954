"""Every change to prosecutions: referring an investigation to a prosecutor's office (and the
office's answer), opening and updating a case, its defendants, charges, dispositions, court events
and victims. Each is checked, atomic and audited (fields and ids, never names); bad input is
refused before anything changes.

When a victim of the case is linked by consent to a victim-service client, court events and
status changes reach that client's advocate (``ally.prosecutions.feed``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ally.access.investigations import access_investigation
from ally.access.policy import grants_for
from ally.access.prosecutions import access_case, access_prosecution_referral
from ally.access.survivors import today_in
from ally.accounts.models import User
from ally.audit.chain import record
from ally.audit.events import EventType
from ally.core.errors import Conflict, InvalidInput, NotPermitted, NotVisible
from ally.investigations.models import IdentifiedVictim, Investigation, Subject
from ally.notifications import notify
from ally.notifications.kinds import NotificationKind
from ally.prosecutions import feed
from ally.prosecutions.models import (
    CONVICTIONS,
    CaseStatus,
    CaseVictim,
    Charge,
    CourtEvent,
    CourtEventKind,
    DeclineReason,
    Defendant,
    Disposition,
    ProsecutionCase,
    ProsecutionReferral,
    ReferralStatus,
    Statute,
    StatuteJurisdiction,
)
from ally.prosecutions.statutes import find_statute
from ally.tenancy.models import Organization
from ally.tenancy.vocab import Discipline

_UNSET: Any = object()


# --- small helpers -----------------------------------------------------------------------------

def _text(value: Any, limit: int, what: str, *, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InvalidInput(_("%(what)s: expected text.") % {"what": what})
    cleaned = str(value).strip()
    if required and not cleaned:
        raise InvalidInput(_("%(what)s is required.") % {"what": what})
    if len(cleaned) > limit:
        raise InvalidInput(_("%(what)s: at most %(n)d characters.") % {"what": what, "n": limit})
    return cleaned


def _date(value: Any, what: str, *, default: dt.date | None = None) -> dt.date:
    if value in (None, ""):
        if default is None:
            raise InvalidInput(_("%(what)s is required.") % {"what": what})
        return default
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InvalidInput(_("%(what)s: a date written YYYY-MM-DD.") % {"what": what}) from None


def _moment(value: Any, task_force_id: int, what: str) -> dt.datetime:
    """An aware datetime; a naive one (or ISO text) is read in the task force's own zone."""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            raise InvalidInput(_("%(what)s: a date and time.") % {"what": what}) from None
    if not isinstance(value, dt.datetime):
        raise InvalidInput(_("%(what)s: a date and time.") % {"what": what})
    if timezone.is_naive(value):
        value = value.replace(tzinfo=_zone(task_force_id))
    moment: dt.datetime = value
    return moment


def _zone(task_force_id: int) -> ZoneInfo:
    from ally.tenancy.models import TaskForce

    name = TaskForce.objects.filter(pk=task_force_id).values_list("time_zone", flat=True).first()
    return ZoneInfo(name or "UTC")


def _members(organization_ids: Iterable[int]) -> list[User]:
    ids = [pk for pk in organization_ids if pk is not None]
    if not ids:
        return []
    return list(User.objects.filter(
        memberships__organization_id__in=ids, memberships__is_active=True, is_active=True
    ).distinct())


def _tell(users: Iterable[User | None], task_force: Any, title: str, link: str, *, kind: NotificationKind,
          besides: User | None = None) -> None:
    people = list({u.pk: u for u in users if u is not None and (besides is None or u.pk != besides.pk)}.values())
    if people:
        notify(people, task_force=task_force, kind=kind, title=title, link=link)


def case_link(case: ProsecutionCase) -> str:
    return f"/prosecutions/cases/{case.pk}/"


def referral_link(referral: ProsecutionReferral) -> str:
    return f"/prosecutions/referrals/{referral.pk}/"


def _is_office(organization: Organization) -> bool:
    return organization.is_active and organization.discipline == Discipline.PROSECUTION


def _check_member(acting_user: User | None, organization: Organization) -> None:
    if acting_user is None:
        return
    grants = grants_for(acting_user)
    if organization.task_force_id != grants.task_force_id:
        raise NotVisible()
    if organization.pk not in grants.memberships:
        raise NotPermitted()


def _check_case(acting_user: User | None, case: ProsecutionCase) -> None:
    if acting_user is not None:
        access_case(acting_user, case.pk, for_change=True)


def _locked_case(case: ProsecutionCase) -> ProsecutionCase:
    return ProsecutionCase.objects.select_for_update(of=("self",)).select_related(
        "task_force", "organization"
    ).get(pk=case.pk)


def _refuse_closed(case: ProsecutionCase) -> None:
    if case.status == CaseStatus.CLOSED:
        raise Conflict(_("Case %(n)s is closed; reopen it first.") % {"n": case.number})


def _audit(event: EventType, case: ProsecutionCase, acting_user: User | None, target: Any = None, **changes: Any) -> None:
    record(event, actor=acting_user, task_force=case.task_force, organization=case.organization,
           target=target if target is not None else case, changes={"case": case.pk, **changes})


def _tell_victims(case: ProsecutionCase, title: str) -> None:
    """The legal-status feed: the advocates of the case's victims linked by consent."""
    victims = [link.victim for link in CaseVictim.objects.filter(case=case).select_related("victim")]
    if victims:
        feed.tell_advocates(victims, task_force=case.task_force, title=title)


def _prosecutor(organization: Organization, prosecutor: Any) -> User | None:
    if prosecutor in (None, ""):
        return None
    if not isinstance(prosecutor, User) or not prosecutor.memberships.filter(
        organization=organization, is_active=True
    ).exists():
        raise InvalidInput(_("The assigned prosecutor must be a member of the office."))
    return prosecutor


# --- referrals ---------------------------------------------------------------------------------

def refer_for_prosecution(investigation: Investigation, to_organization: Organization, *, acting_user: User | None,
                          summary: str = "") -> ProsecutionReferral:
    """The owning agency refers its investigation to a prosecutor's office of the task force. The
    release is written to the investigation's dissemination log; the office is notified."""
    if acting_user is not None:
        investigation = access_investigation(acting_user, investigation.pk, for_change=True)
        if investigation.organization_id not in grants_for(acting_user).memberships:
            raise NotPermitted(_("Only the agency that owns the investigation refers it for prosecution."))
    elif investigation.is_purged:
        raise Conflict(_("This intelligence record was purged."))
    if to_organization.task_force_id != investigation.task_force_id or not _is_office(to_organization):
        raise InvalidInput(_("Refer to a prosecutor's office of this task force."))
    summary = _text(summary, 5000, _("Summary for the prosecutor"))
    from ally.investigations.actions import record_dissemination

    with transaction.atomic():
        Investigation.objects.select_for_update().filter(pk=investigation.pk).first()
        if ProsecutionReferral.objects.filter(
            investigation=investigation, to_organization=to_organization, status=ReferralStatus.PENDING
        ).exists():
            raise Conflict(_("This investigation is already waiting for a decision of %(org)s.") % {"org": to_organization.name})
        referral = ProsecutionReferral.objects.create(
            task_force_id=investigation.task_force_id, investigation=investigation,
            from_organization_id=investigation.organization_id, to_organization=to_organization,
            summary=summary, sent_by=acting_user,
        )
        record_dissemination(
            investigation, acting_user=acting_user, to_organization=to_organization,
            what=_("Referral for prosecution: the case record, its subjects and its victims"),
            reason=_("Prosecution referral #%(n)s") % {"n": referral.pk},
        )
        record(EventType.PROSECUTION_REFERRED, actor=acting_user, task_force=referral.task_force,
               organization=investigation.organization, target=referral,
               changes={"investigation": investigation.pk, "to_organization": to_organization.pk,
                        "summary": bool(summary)})
        _tell(_members([to_organization.pk]), referral.task_force,
              _("Investigation %(n)s was referred to your office for prosecution") % {"n": investigation.number},
              referral_link(referral), kind=NotificationKind.PROSECUTION_REFERRAL)
    return referral


def _locked_referral(referral: ProsecutionReferral, acting_user: User | None, *, decide: bool) -> ProsecutionReferral:
    if acting_user is not None:
        access_prosecution_referral(acting_user, referral.pk, decide=decide)
    current = ProsecutionReferral.objects.select_for_update(of=("self",)).select_related(
        "task_force", "investigation", "from_organization", "to_organization"
    ).get(pk=referral.pk)
    if current.status != ReferralStatus.PENDING:
        raise Conflict(_("This referral is %(s)s; it can no longer change.") % {"s": current.get_status_display().lower()})
    return current


def withdraw_referral(referral: ProsecutionReferral, *, acting_user: User | None, note: str = "") -> ProsecutionReferral:
    """The referring agency takes back a referral still waiting for a decision."""
    if acting_user is not None:
        access_prosecution_referral(acting_user, referral.pk)
        if referral.from_organization_id not in grants_for(acting_user).memberships:
            raise NotPermitted()
    note = _text(note, 500, _("Note"))
    with transaction.atomic():
        current = _locked_referral(referral, None, decide=False)
        current.status, current.decided_by, current.decided_at = ReferralStatus.WITHDRAWN, acting_user, timezone.now()
        if note:
            current.decline_note = note
        current.save()
        record(EventType.PROSECUTION_WITHDRAWN, actor=acting_user, task_force=current.task_force,
               organization=current.from_organization, target=current,
               changes={"status": current.status, "note": bool(note)})
        _tell(_members([current.to_organization_id]), current.task_force,
              _("Prosecution referral #%(n)s was withdrawn") % {"n": current.pk}, referral_link(current),
              kind=NotificationKind.PROSECUTION_DECISION)
    return current


def _new_case(organization: Organization, acting_user: User | None, *, number: Any, jurisdiction: Any, court: Any,
              prosecutor: Any, opened_on: Any, investigation: Investigation | None,
              referral: ProsecutionReferral | None) -> ProsecutionCase:
    number = _text(number, 60, _("Docket or case number"), required=True)
    if jurisdiction not in StatuteJurisdiction.values:
        raise InvalidInput(_("Jurisdiction is state or federal."))
    court = _text(court, 200, _("Court"))
    chosen = _prosecutor(organization, prosecutor)
    today = today_in(organization.task_force_id)
    opened = _date(opened_on, _("Opened on"), default=today)
    if opened > today:
        raise InvalidInput(_("Opened on: not after today."))
    if ProsecutionCase.objects.filter(organization=organization, number__iexact=number).exists():
        raise Conflict(_("Your office already has a case %(n)s.") % {"n": number})
    try:
        with transaction.atomic():
            case = ProsecutionCase.objects.create(
                task_force_id=organization.task_force_id, organization=organization, investigation=investigation,
                referral=referral, number=number, jurisdiction=jurisdiction, court=court, prosecutor=chosen,
                opened_on=opened, created_by=acting_user,
            )
    except IntegrityError:
        raise Conflict(_("Your office already has a case %(n)s.") % {"n": number}) from None
    return case


def accept_referral(referral: ProsecutionReferral, *, acting_user: User | None, number: str, jurisdiction: str,
                    court: str = "", prosecutor: User | None = None, opened_on: dt.date | str | None = None) -> ProsecutionCase:
    """The office accepts: a case opens with the investigation's victims; the investigation is
    marked referred; the referring agency and the lead investigator hear of it."""
    with transaction.atomic():
        current = _locked_referral(referral, acting_user, decide=True)
        office = current.to_organization
        investigation = current.investigation
        case = _new_case(office, acting_user, number=number, jurisdiction=jurisdiction, court=court,
                         prosecutor=prosecutor, opened_on=opened_on, investigation=investigation, referral=current)
        current.status, current.decided_by, current.decided_at = ReferralStatus.ACCEPTED, acting_user, timezone.now()
        current.save()
        victims = list(IdentifiedVictim.objects.filter(investigation=investigation, removed_at=None))
        CaseVictim.objects.bulk_create([CaseVictim(case=case, victim=v) for v in victims])
        from ally.investigations.actions import set_status

        set_status(investigation, "referred", acting_user=None)
        record(EventType.PROSECUTION_ACCEPTED, actor=acting_user, task_force=current.task_force,
               organization=office, target=current, changes={"status": current.status, "case": case.pk})
        _audit(EventType.PROSECUTION_OPENED, case, acting_user, referral=current.pk, investigation=investigation.pk,
               jurisdiction=case.jurisdiction, victims=[v.pk for v in victims])
        _tell([*_members([current.from_organization_id]), investigation.lead_investigator], current.task_force,
              _("Investigation %(n)s: the prosecution referral was accepted") % {"n": investigation.number},
              referral_link(current), kind=NotificationKind.PROSECUTION_DECISION)
        _tell_victims(case, _("A prosecution case was opened"))
    return case


def decline_referral(referral: ProsecutionReferral, *, acting_user: User | None, reason: str, note: str = "") -> ProsecutionReferral:
    """The office declines, with a reason from the list ("other" needs a note)."""
    if reason not in DeclineReason.values:
        raise InvalidInput(_("Choose the reason for declining from the list."))
    note = _text(note, 500, _("Note"))
    if reason == DeclineReason.OTHER and not note:
        raise InvalidInput(_("Say why in the note when the reason is \"other\"."))
    with transaction.atomic():
        current = _locked_referral(referral, acting_user, decide=True)
        current.status, current.decided_by, current.decided_at = ReferralStatus.DECLINED, acting_user, timezone.now()
        current.decline_reason, current.decline_note = reason, note
        current.save()
        record(EventType.PROSECUTION_DECLINED, actor=acting_user, task_force=current.task_force,
               organization=current.to_organization, target=current,
               changes={"status": current.status, "reason": reason, "note": bool(note)})
        _tell([*_members([current.from_organization_id]), current.investigation.lead_investigator], current.task_force,
              _("Investigation %(n)s: the prosecution referral was declined") % {"n": current.investigation.number},
              referral_link(current), kind=NotificationKind.PROSECUTION_DECISION)
    return current


# --- cases -------------------------------------------------------------------------------------

def open_case(organization: Organization, *, acting_user: User | None, number: str, jurisdiction: str, court: str = "",
              prosecutor: User | None = None, opened_on: dt.date | str | None = None,
              investigation: Investigation | None = None) -> ProsecutionCase:
    """A prosecutor's office opens a case of its own (without a referral). With an
    ``investigation``, the office must have accepted a referral of it."""
    _check_member(acting_user, organization)
    if not _is_office(organization):
        raise InvalidInput(_("Prosecution cases belong to prosecutors' offices."))
    if investigation is not None and (
        investigation.task_force_id != organization.task_force_id
        or (acting_user is not None and not ProsecutionReferral.objects.filter(
            investigation=investigation, to_organization=organization, status=ReferralStatus.ACCEPTED).exists())
    ):
        raise InvalidInput(_("A case from an investigation is opened by accepting its referral."))
    with transaction.atomic():
        case = _new_case(organization, acting_user, number=number, jurisdiction=jurisdiction, court=court,
                         prosecutor=prosecutor, opened_on=opened_on, investigation=investigation, referral=None)
        _audit(EventType.PROSECUTION_OPENED, case, acting_user, jurisdiction=case.jurisdiction,
               investigation=investigation.pk if investigation else None)
    return case


def update_case(case: ProsecutionCase, *, acting_user: User | None, version: int, status: str = _UNSET,
                court: str = _UNSET, prosecutor: User | None = _UNSET, closed_on: dt.date | str | None = _UNSET) -> ProsecutionCase:
    """Change the case's status, court, prosecutor or closing date (optimistic locking)."""
    _check_case(acting_user, case)
    with transaction.atomic():
        current = _locked_case(case)
        if current.version != version:
            raise Conflict(_("Someone changed this case meanwhile. Reload it and make your change again."))
        diff: dict[str, Any] = {}
        if court is not _UNSET:
            court = _text(court, 200, _("Court"))
            if court != current.court:
                current.court, diff["court"] = court, True
        if prosecutor is not _UNSET:
            chosen = _prosecutor(current.organization, prosecutor)
            if (chosen.pk if chosen else None) != current.prosecutor_id:
                diff["prosecutor"] = [current.prosecutor_id, chosen.pk if chosen else None]
                current.prosecutor = chosen
        new_status = current.status if status is _UNSET else status
        if new_status not in CaseStatus.values:
            raise InvalidInput(_("Choose a status from the list."))
        today = today_in(current.task_force_id)
        if new_status == CaseStatus.CLOSED:
            closed = _date(None if closed_on is _UNSET else closed_on, _("Closed on"), default=current.closed_on or today)
            if closed < current.opened_on or closed > today:
                raise InvalidInput(_("Closed on: between the opening date and today."))
            if closed != current.closed_on:
                diff["closed_on"] = closed.isoformat()
                current.closed_on = closed
        else:
            if closed_on not in (_UNSET, None, ""):
                raise InvalidInput(_("Only a closed case has a closing date."))
            if current.closed_on is not None:
                current.closed_on, diff["closed_on"] = None, None
        status_changed = new_status != current.status
        if status_changed:
            diff["status"] = [current.status, new_status]
            current.status = new_status
        if diff:
            current.version += 1
            current.save()
            _audit(EventType.PROSECUTION_UPDATED, current, acting_user, **diff)
            if status_changed:
                _tell_victims(current, _("A prosecution case of your client is now: %(s)s")
                              % {"s": current.get_status_display().lower()})
    return current


def _bump(case: ProsecutionCase) -> None:
    ProsecutionCase.objects.filter(pk=case.pk).update(version=case.version + 1)
    case.version += 1


def add_defendant(case: ProsecutionCase, *, acting_user: User | None, subject: Subject | None = None,
                  given_name: str = "", family_name: str = "", date_of_birth: dt.date | str | None = None) -> Defendant:
    """A defendant: one of the investigation's subjects (its names copied) or a person named here."""
    _check_case(acting_user, case)
    if subject is not None:
        if case.investigation_id is None or subject.investigation_id != case.investigation_id or subject.removed_at is not None:
            raise InvalidInput(_("Choose a subject of this case's investigation."))
        given, family, born = subject.given_name, subject.family_name, subject.date_of_birth
        if not family and not given:
            raise InvalidInput(_("This subject has no name on record; name the defendant instead."))
        family = family or given
        given = given if family != given else ""
    else:
        given = _text(given_name, 100, _("Given name"))
        family = _text(family_name, 100, _("Family name"), required=True)
        born = _date(date_of_birth, _("Date of birth"), default=dt.date.min) if date_of_birth not in (None, "") else None
        if born is not None and born > today_in(case.task_force_id):
            raise InvalidInput(_("Date of birth: not in the future."))
    with transaction.atomic():
        current = _locked_case(case)
        _refuse_closed(current)
        if subject is not None and Defendant.objects.filter(case=current, subject=subject, removed_at=None).exists():
            raise Conflict(_("This subject is already a defendant of the case."))
        defendant = Defendant.objects.create(case=current, subject=subject, given_name=given, family_name=family,
                                             date_of_birth=born)
        _bump(current)
        _audit(EventType.DEFENDANT_ADDED, current, acting_user, target=defendant,
               subject=subject.pk if subject else None, date_of_birth=born is not None)
    return defendant


def remove_defendant(defendant: Defendant, *, acting_user: User | None, reason: str) -> Defendant:
    case = defendant.case
    _check_case(acting_user, case)
    reason = _text(reason, 500, _("Reason"), required=True)
    with transaction.atomic():
        current_case = _locked_case(case)
        current = Defendant.objects.select_for_update().get(pk=defendant.pk)
        if current.removed_at is not None:
            raise Conflict(_("This defendant was already removed."))
        current.removed_at, current.removed_reason = timezone.now(), reason
        current.save()
        _bump(current_case)
        _audit(EventType.DEFENDANT_REMOVED, current_case, acting_user, target=current)
    return current


def file_charge(defendant: Defendant, *, acting_user: User | None, statute: Statute | str, counts: int = 1,
                filed_on: dt.date | str) -> Charge:
    """A charge under an ACTIVE statute of the task force's catalogue (else: unknown statute)."""
    case = defendant.case
    _check_case(acting_user, case)
    chosen = find_statute(case.task_force, statute)
    if isinstance(counts, bool) or not isinstance(counts, int) or not 1 <= counts <= 999:
        raise InvalidInput(_("Counts: a whole number from 1 to 999."))
    filed = _date(filed_on, _("Filed on"))
    if filed > today_in(case.task_force_id):
        raise InvalidInput(_("Filed on: not after today."))
    if filed < case.opened_on - dt.timedelta(days=3650):
        raise InvalidInput(_("Filed on: check the date."))
    with transaction.atomic():
        current_case = _locked_case(case)
        _refuse_closed(current_case)
        if Defendant.objects.filter(pk=defendant.pk, removed_at__isnull=False).exists():
            raise Conflict(_("This defendant was removed from the case."))
        charge = Charge.objects.create(defendant=defendant, statute=chosen, counts=counts, filed_on=filed,
                                       added_by=acting_user)
        before = current_case.status
        if current_case.status == CaseStatus.PRE_CHARGE:
            current_case.status = CaseStatus.CHARGED
            current_case.version += 1
            current_case.save()
        else:
            _bump(current_case)
        _audit(EventType.CHARGE_FILED, current_case, acting_user, target=charge, defendant=defendant.pk,
               statute=chosen.pk, category=chosen.category, counts=counts, filed_on=filed.isoformat(),
               **({"status": [before, current_case.status]} if before != current_case.status else {}))
        _tell_victims(current_case, _("A charge was filed in a prosecution case of your client: %(c)s")
                      % {"c": chosen.citation})
    return charge


def record_disposition(charge: Charge, *, acting_user: User | None, disposition: str, on: dt.date | str,
                       sentence_months: int | None = None, sentence_note: str = "") -> Charge:
    """How a charge ended; a sentence only after a plea or a conviction."""
    case = charge.defendant.case
    _check_case(acting_user, case)
    if disposition not in Disposition.values or disposition == Disposition.PENDING:
        raise InvalidInput(_("Choose the disposition from the list."))
    day = _date(on, _("Disposition date"))
    if day < charge.filed_on:
        raise InvalidInput(_("Disposition date: not before the charge was filed."))
    if day > today_in(case.task_force_id):
        raise InvalidInput(_("Disposition date: not after today."))
    sentence_note = _text(sentence_note, 300, _("Sentence"))
    if sentence_months is not None and (
        isinstance(sentence_months, bool) or not isinstance(sentence_months, int) or not 0 <= sentence_months <= 2000
    ):
        raise InvalidInput(_("Sentence: months of custody, a whole number."))
    if (sentence_months is not None or sentence_note) and disposition not in CONVICTIONS:
        raise InvalidInput(_("A sentence follows only a guilty plea or a conviction."))
    with transaction.atomic():
        current_case = _locked_case(case)
        current = Charge.objects.select_for_update().select_related("statute").get(pk=charge.pk)
        current.disposition, current.disposition_on = disposition, day
        current.sentence_months, current.sentence_note = sentence_months, sentence_note
        current.save()
        _bump(current_case)
        _audit(EventType.CHARGE_DISPOSED, current_case, acting_user, target=current, disposition=disposition,
               on=day.isoformat(), sentence_months=sentence_months, sentence_note=bool(sentence_note))
        _tell_victims(current_case, _("A charge in a prosecution case of your client: %(d)s")
                      % {"d": current.get_disposition_display().lower()})
    return current


# --- court events ------------------------------------------------------------------------------

def _event_title(prefix: str, event: CourtEvent, task_force_id: int) -> str:
    local = timezone.localtime(event.starts_at, _zone(task_force_id))
    return _("%(what)s: %(kind)s on %(day)s") % {
        "what": prefix, "kind": event.get_kind_display().lower(), "day": local.date().isoformat(),
    }


def schedule_court_event(case: ProsecutionCase, *, acting_user: User | None, kind: str, starts_at: dt.datetime | str,
                         place: str, victim_testimony_expected: bool = False, note: str = "") -> CourtEvent:
    _check_case(acting_user, case)
    if kind not in CourtEventKind.values:
        raise InvalidInput(_("Choose the type of court event from the list."))
    moment = _moment(starts_at, case.task_force_id, _("Date and time"))
    place = _text(place, 300, _("Place"), required=True)
    note = _text(note, 500, _("Note"))
    with transaction.atomic():
        current_case = _locked_case(case)
        _refuse_closed(current_case)
        event = CourtEvent.objects.create(case=current_case, kind=kind, starts_at=moment, place=place,
                                          victim_testimony_expected=bool(victim_testimony_expected), note=note,
                                          added_by=acting_user)
        _bump(current_case)
        _audit(EventType.COURT_EVENT_SCHEDULED, current_case, acting_user, target=event, kind=kind,
               starts_at=moment.isoformat(), victim_testimony_expected=event.victim_testimony_expected)
        _tell_victims(current_case, _event_title(_("Court event scheduled"), event, current_case.task_force_id))
    return event


def _locked_event(event: CourtEvent, acting_user: User | None) -> tuple[ProsecutionCase, CourtEvent]:
    _check_case(acting_user, event.case)
    current_case = _locked_case(event.case)
    current = CourtEvent.objects.select_for_update().get(pk=event.pk)
    if current.cancelled_at is not None:
        raise Conflict(_("This court event was cancelled."))
    return current_case, current


def change_court_event(event: CourtEvent, *, acting_user: User | None, starts_at: dt.datetime | str = _UNSET,
                       place: str = _UNSET, note: str = _UNSET, victim_testimony_expected: bool = _UNSET) -> CourtEvent:
    _check_case(acting_user, event.case)
    with transaction.atomic():
        current_case, current = _locked_event(event, None)
        diff: dict[str, Any] = {}
        if starts_at is not _UNSET:
            moment = _moment(starts_at, current_case.task_force_id, _("Date and time"))
            if moment != current.starts_at:
                diff["starts_at"] = [current.starts_at.isoformat(), moment.isoformat()]
                current.starts_at = moment
        if place is not _UNSET:
            place = _text(place, 300, _("Place"), required=True)
            if place != current.place:
                current.place, diff["place"] = place, True
        if note is not _UNSET:
            note = _text(note, 500, _("Note"))
            if note != current.note:
                current.note, diff["note"] = note, True
        if victim_testimony_expected is not _UNSET and bool(victim_testimony_expected) != current.victim_testimony_expected:
            current.victim_testimony_expected = bool(victim_testimony_expected)
            diff["victim_testimony_expected"] = current.victim_testimony_expected
        if diff:
            current.save()
            _bump(current_case)
            _audit(EventType.COURT_EVENT_CHANGED, current_case, acting_user, target=current, **diff)
            _tell_victims(current_case, _event_title(_("Court event changed"), current, current_case.task_force_id))
    return current


def cancel_court_event(event: CourtEvent, *, acting_user: User | None, reason: str) -> CourtEvent:
    _check_case(acting_user, event.case)
    reason = _text(reason, 400, _("Reason"), required=True)
    with transaction.atomic():
        current_case, current = _locked_event(event, None)
        current.cancelled_at = timezone.now()
        current.note = f"{current.note}\n{_('Cancelled')}: {reason}".strip()[:500]
        current.save()
        _bump(current_case)
        _audit(EventType.COURT_EVENT_CANCELLED, current_case, acting_user, target=current)
        _tell_victims(current_case, _event_title(_("Court event cancelled"), current, current_case.task_force_id))
    return current


# --- victims -----------------------------------------------------------------------------------

def add_case_victim(case: ProsecutionCase, victim: IdentifiedVictim, *, acting_user: User | None) -> CaseVictim:
    """A victim of the case: an identified victim of the case's investigation."""
    _check_case(acting_user, case)
    if case.investigation_id is None or victim.investigation_id != case.investigation_id or victim.removed_at is not None:
        raise InvalidInput(_("Choose a victim identified in this case's investigation."))
    with transaction.atomic():
        current_case = _locked_case(case)
        if CaseVictim.objects.filter(case=current_case, victim=victim).exists():
            raise Conflict(_("This victim is already on the case."))
        link = CaseVictim.objects.create(case=current_case, victim=victim)
        _bump(current_case)
        _audit(EventType.CASE_VICTIM_ADDED, current_case, acting_user, target=link, victim=victim.pk)
        feed.tell_advocates([victim], task_force=current_case.task_force,
                            title=_("Your client is a victim in a prosecution case"))
    return link
