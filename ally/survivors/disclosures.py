"""Compelled disclosures, the survivor's notification task, and the disclosure report.

The report is the survivor's answer to "who has seen my information?": every read of the record
by someone outside the provider (through a share resting on the survivor's consent) and every
disclosure the law compelled, with the shares in force today. Only the owning organization
produces it; the labels follow the active language so it can be printed in English or Spanish.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ally.access.policy import grants_for
from ally.access.survivors import access_client, own_clients, today_in
from ally.accounts.models import User
from ally.audit.chain import record
from ally.audit.events import EventType
from ally.audit.models import DisclosureLog
from ally.core.errors import Conflict, InvalidInput, NotPermitted
from ally.survivors import vocabularies
from ally.survivors.fieldgroups import FieldGroup, clean_groups
from ally.survivors.models import (
    Client,
    CompelledDisclosure,
    LegalBasis,
    NotifySurvivorTask,
    Share,
)
from ally.tenancy.models import Membership, TaskForce
from ally.tenancy.vocab import MembershipRole

NOTIFY_WITHIN_DAYS = 3
RECORDS_COMPELLED = frozenset({MembershipRole.ORG_ADMIN, MembershipRole.SUPERVISOR})
_CONSENT_IN_BASIS = re.compile(r"consent #(\d+)")


def _supervising(acting_user: User, client: Client) -> None:
    """Org admins and supervisors of the client's organization; 404 or 403 for anyone else."""
    if not records_compelled(acting_user, client):
        access_client(acting_user, client.pk, for_change=True)  # 404 or 403, never a logged read
        raise NotPermitted()


def _purpose(value: str) -> str:
    """A purpose's label from the consent_purpose vocabulary, in the active language."""
    if vocabularies.is_valid("consent_purpose", value):
        return vocabularies.label("consent_purpose", value)
    return value


def records_compelled(user: User, client: Client) -> bool:
    """Whether this person may record a compelled disclosure of the client's information."""
    return grants_for(user).memberships.get(client.organization_id) in RECORDS_COMPELLED


def notification_tasks_for(user: User) -> QuerySet[NotifySurvivorTask]:
    """The tasks to tell a survivor of a compelled disclosure that this person may see and close:
    those assigned to them, and every task of organizations they administer or supervise — only
    for clients they may see as the owning organization."""
    grants = grants_for(user)
    supervised = [org for org, role in grants.memberships.items() if role in RECORDS_COMPELLED]
    owned = Client.objects.filter(own_clients(grants), task_force_id=grants.task_force_id, deleted_at=None)
    return (
        NotifySurvivorTask.objects.filter(
            Q(assigned_to=user) | Q(organization_id__in=supervised),
            task_force_id=grants.task_force_id,
            organization_id__in=grants.organization_ids(),
            client__in=owned,
        )
        .distinct()
        .select_related("client", "compelled_disclosure", "done_by", "organization")
        .order_by("done_at", "due_on", "id")
    )


def _notify_assignees(client: Client) -> list[User]:
    """The client's advocates still in the organization; failing them, its administrators."""
    active = Membership.objects.filter(organization_id=client.organization_id, is_active=True)
    advocates = list(client.advocates.filter(memberships__in=active).distinct())
    if advocates:
        return advocates
    return list(
        User.objects.filter(memberships__in=active.filter(role=MembershipRole.ORG_ADMIN)).distinct()
    )


def record_compelled_disclosure(
    client: Client,
    *,
    legal_basis: str,
    citation: str,
    field_groups: list[str],
    recipient: str,
    disclosed_on: dt.date,
    description: str = "",
    notify_within_days: int = NOTIFY_WITHIN_DAYS,
    acting_user: User,
) -> CompelledDisclosure:
    """Record client data disclosed because the law required it (statute, court order, subpoena).

    Only an administrator or supervisor of the client's organization may. It is written to the
    disclosure log (basis "compelled: <legal basis>") and creates a task for the client's
    advocates — or, if none, the organization's administrators — to tell the survivor.
    """
    _supervising(acting_user, client)
    if legal_basis not in LegalBasis.values:
        raise InvalidInput(_("Legal basis is statute, court order, subpoena or other."))
    if not citation.strip():
        raise InvalidInput(_("Cite the statute, order or subpoena that compelled the disclosure."))
    try:
        groups = clean_groups(field_groups)
    except ValueError as error:
        raise InvalidInput(_("Unknown field groups: %(groups)s") % {"groups": error}) from None
    if not groups:
        raise InvalidInput(_("Name the kinds of information that were disclosed."))
    if not recipient.strip():
        raise InvalidInput(_("Say to whom the information was disclosed."))
    today = today_in(client.task_force_id)
    if disclosed_on > today:
        raise InvalidInput(_("The disclosure date cannot be in the future."))
    if notify_within_days < 0:
        raise InvalidInput(_("The notification is due today or later."))
    assignees = _notify_assignees(client) or [acting_user]
    with transaction.atomic():
        log = DisclosureLog.objects.create(
            task_force_id=client.task_force_id,
            owner_organization_id=client.organization_id,
            recipient_organization=None,
            reader=acting_user,
            object_type="survivors.client",
            object_id=str(client.pk),
            field_groups=groups,
            purpose="compelled disclosure",
            basis=f"compelled: {legal_basis}",
        )
        disclosure = CompelledDisclosure.objects.create(
            task_force_id=client.task_force_id,
            organization_id=client.organization_id,
            client=client,
            legal_basis=legal_basis,
            citation=citation.strip()[:300],
            field_groups=groups,
            description=description.strip(),
            recipient=recipient.strip()[:200],
            disclosed_on=disclosed_on,
            disclosure_log=log,
            recorded_by=acting_user,
        )
        task = NotifySurvivorTask.objects.create(
            task_force_id=client.task_force_id,
            organization_id=client.organization_id,
            client=client,
            compelled_disclosure=disclosure,
            due_on=today + dt.timedelta(days=notify_within_days),
        )
        task.assigned_to.set(assignees)
        record(
            EventType.COMPELLED_DISCLOSURE_RECORDED,
            actor=acting_user,
            task_force=client.organization.task_force,
            organization=client.organization,
            target=disclosure,
            changes={
                "client": client.pk,
                "legal_basis": legal_basis,
                "field_groups": groups,
                "notify_task": task.pk,
                "assigned_to": [u.pk for u in assignees],
            },
        )
    return disclosure


def complete_notification_task(
    task: NotifySurvivorTask, *, outcome: str, acting_user: User
) -> NotifySurvivorTask:
    """Close the task to tell the survivor of a compelled disclosure, saying how it went.

    Done by one of the people assigned, or an administrator or supervisor of the organization.
    """
    access_client(acting_user, task.client_id, for_change=True)
    role = grants_for(acting_user).memberships.get(task.organization_id)
    if role not in RECORDS_COMPELLED and not task.assigned_to.filter(pk=acting_user.pk).exists():
        raise NotPermitted()
    if not outcome.strip():
        raise InvalidInput(
            _("Say how the notification went (e.g. told in person, or why it was not safe to).")
        )
    with transaction.atomic():
        current = NotifySurvivorTask.objects.select_for_update().get(pk=task.pk)
        if current.done_at is not None:
            raise Conflict(_("This task was already completed."))
        current.done_at = timezone.now()
        current.done_by = acting_user
        current.outcome = outcome.strip()
        current.save(update_fields=["done_at", "done_by", "outcome"])
        record(
            EventType.SURVIVOR_NOTIFIED,
            actor=acting_user,
            task_force=current.organization.task_force,
            organization=current.organization,
            target=current,
            changes={"client": current.client_id, "fields": ["outcome"]},
        )
    return current


@dataclass(frozen=True)
class ReportRow:
    """One disclosure of the client's information, as the survivor's report shows it."""

    kind: str  # "read" (through a share) or "compelled"
    organization: str
    person: str
    field_groups: tuple[str, ...]  # labels in the report's language
    when: dt.datetime  # in the task force's time zone
    basis: str
    purpose: str
    consent_id: int | None = None
    disclosed_on: dt.date | None = None  # compelled disclosures: the day it happened


@dataclass(frozen=True)
class ShareRow:
    """A share open today: who may read what, until when, under which consent."""

    organization: str
    field_groups: tuple[str, ...]
    purpose: str
    expires_on: dt.date
    consent_id: int


@dataclass(frozen=True)
class DisclosureReport:
    client: Client
    rows: list[ReportRow]
    shares: list[ShareRow]
    time_zone: str
    language: str


def _labels(groups: list[str]) -> tuple[str, ...]:
    return tuple(str(FieldGroup(g).label) if g in FieldGroup.values else g for g in groups)


def disclosure_report(
    user: User, client: Client, *, language: str | None = None
) -> DisclosureReport:
    """Every disclosure of the client's record, newest first, and the shares in force today.

    Only the owning organization (those who may change the client) gets it: a share recipient
    gets 403, anyone else 404. ``language`` ("en", "es") sets the labels; default: the active one.
    """
    client = access_client(user, client.pk, for_change=True).client
    zone_name = TaskForce.objects.values_list("time_zone", flat=True).get(pk=client.task_force_id)
    zone = ZoneInfo(zone_name)
    with translation.override(language or translation.get_language()):
        logs = (
            DisclosureLog.objects.filter(
                task_force_id=client.task_force_id,
                owner_organization_id=client.organization_id,
                object_type="survivors.client",
                object_id=str(client.pk),
            )
            .select_related("reader", "recipient_organization")
            .order_by("-created_at", "-id")
        )
        compelled = {
            d.disclosure_log_id: d
            for d in CompelledDisclosure.objects.filter(client=client, disclosure_log__isnull=False)
        }
        rows = [_row(log, compelled.get(log.pk), zone) for log in logs]
        today = today_in(client.task_force_id)
        shares = [
            ShareRow(
                organization=share.recipient.name,
                field_groups=_labels(sorted(share.granted_groups(today))),
                purpose=_purpose(share.purpose),
                expires_on=share.expires_on,
                consent_id=share.consent_id,
            )
            for share in Share.objects.filter(
                client=client, revoked_at=None, expires_on__gte=today
            ).select_related("consent", "recipient")
            if share.granted_groups(today)
        ]
        return DisclosureReport(client, rows, shares, zone_name, translation.get_language())


def _row(log: DisclosureLog, compelled: CompelledDisclosure | None, zone: ZoneInfo) -> ReportRow:
    when = timezone.localtime(log.created_at, zone)
    if compelled is not None:
        return ReportRow(
            kind="compelled",
            organization=compelled.recipient,
            person=compelled.recipient,
            field_groups=_labels(log.field_groups),
            when=when,
            basis=_("Compelled: %(basis)s (%(citation)s)")
            % {"basis": LegalBasis(compelled.legal_basis).label, "citation": compelled.citation},
            purpose=compelled.description,
            disclosed_on=compelled.disclosed_on,
        )
    found = _CONSENT_IN_BASIS.search(log.basis)
    consent_id = int(found[1]) if found else None
    organization = log.recipient_organization
    return ReportRow(
        kind="read",
        organization=organization.name if organization is not None else "",
        person=log.reader.full_name or log.reader.email,
        field_groups=_labels(log.field_groups),
        when=when,
        basis=_("Consent #%(id)s") % {"id": consent_id} if consent_id else log.basis,
        purpose=_purpose(log.purpose),
        consent_id=consent_id,
    )
