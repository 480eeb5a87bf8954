"""Every change to a referral: send, assign (navigators), acknowledge, accept, decline, start the
service, close, withdraw, and the thread. Each is checked, atomic, audited (fields, never the
person's details), recorded as a step both sides see, and notifies the other side.

A referral about a client carries the client's details only through a share made for the
recipient, which ``share_client`` refuses unless a consent in force covers that organization, those
field groups and the purpose "referral for services". Through a navigator's queue, the share is made
when the navigator assigns a provider. Declining or withdrawing closes the share.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ally.access.policy import grants_for
from ally.access.referrals import NAVIGATOR, RECIPIENT, SENDER, sides
from ally.access.survivors import access_client
from ally.accounts.models import User
from ally.audit.chain import record
from ally.audit.events import EventType
from ally.core.errors import Conflict, InvalidInput, NotPermitted, NotVisible
from ally.notifications import notify
from ally.notifications.kinds import NotificationKind
from ally.referrals.models import (
    DeclineReason,
    Referral,
    ReferralMessage,
    ReferralStep,
    Status,
    Urgency,
)
from ally.referrals.targets import ack_due
from ally.survivors import actions as survivor_actions
from ally.survivors import vocabularies
from ally.survivors.fieldgroups import clean_groups
from ally.survivors.models import Client
from ally.tenancy.models import Organization, Region, TaskForceRole
from ally.tenancy.vocab import TaskForceRoleKind

PERSON_FIELDS = {
    "person_name": 120, "person_age": 20, "person_gender": 40, "person_languages": 200,
    "person_county": 100, "person_contact": 2000,
}
REFERRAL_PURPOSE = "referral_for_services"


def _members(organization_id: int | None) -> list[User]:
    if organization_id is None:
        return []
    return list(User.objects.filter(
        memberships__organization_id=organization_id, memberships__is_active=True, is_active=True
    ).distinct())


def _navigators(region_id: int | None) -> list[User]:
    if region_id is None:
        return []
    roles = TaskForceRole.objects.filter(role=TaskForceRoleKind.NAVIGATOR, regions__id=region_id)
    return list(User.objects.filter(task_force_roles__in=roles, is_active=True).distinct())


def recipients_of(referral: Referral) -> list[User]:
    """Who answers the referral now: the recipient's members, or the queue's navigators."""
    if referral.to_organization_id is not None:
        return _members(referral.to_organization_id)
    return _navigators(referral.to_region_id)


def _tell(users: Iterable[User | None], referral: Referral, title: str, *, kind: NotificationKind = NotificationKind.REFERRAL_UPDATED,
          urgent: bool = False, besides: User | None = None) -> None:
    people = [u for u in users if u is not None and (besides is None or u.pk != besides.pk)]
    if people:
        notify(people, task_force=referral.task_force, kind=kind, title=title,
               link=f"/referrals/{referral.pk}/", urgent=urgent)


def _audit(event: EventType, referral: Referral, acting_user: User | None, **changes: Any) -> None:
    organization = referral.to_organization or referral.from_organization
    record(event, actor=acting_user, task_force=referral.task_force, organization=organization,
           target=referral, changes={"status": referral.status, **changes})


def _step(referral: Referral, acting_user: User | None, status: str, note: str = "", organization: Organization | None = None) -> None:
    ReferralStep.objects.create(
        referral=referral, status=status, note=note, by=acting_user,
        organization=organization or (referral.to_organization if status != Status.SENT else referral.from_organization),
    )


def _services(services: Any) -> list[str]:
    if not isinstance(services, list | tuple) or not services:
        raise InvalidInput(_("Name at least one service the person needs."))
    if any(not isinstance(s, str) or not vocabularies.is_valid("service_category", s) for s in services):
        raise InvalidInput(_("Choose the services from the list."))
    return list(dict.fromkeys(services))


def _recipient_organization(organization: Organization, from_organization: Organization) -> None:
    if organization.task_force_id != from_organization.task_force_id or not organization.is_active:
        raise InvalidInput(_("Refer to an organization of this task force."))
    if organization.pk == from_organization.pk:
        raise InvalidInput(_("Refer to another organization than your own."))


def _person(person: dict[str, Any] | None) -> dict[str, str]:
    person = person or {}
    unknown = sorted(set(person) - set(PERSON_FIELDS))
    if unknown:
        raise InvalidInput(_("Unknown fields: %(f)s") % {"f": ", ".join(unknown)})
    cleaned = {}
    for name, limit in PERSON_FIELDS.items():
        value = person.get(name, "")
        if not isinstance(value, str) or len(value.strip()) > limit:
            raise InvalidInput(_("%(field)s: text of at most %(n)d characters.") % {"field": name.replace("_", " "), "n": limit})
        cleaned[name] = value.strip()
    return cleaned


def _share_for(referral: Referral, organization: Organization) -> None:
    """Open the consented groups of the referral's client to the recipient (refused without consent)."""
    if referral.client is None:
        return
    referral.share = survivor_actions.share_client(
        referral.client, recipient=organization, field_groups=referral.field_groups,
        purpose=REFERRAL_PURPOSE, acting_user=None,
    )


def _close_share(referral: Referral) -> None:
    if referral.share is not None and referral.share.revoked_at is None:
        survivor_actions.revoke_share(referral.share, acting_user=None)


def send_referral(
    from_organization: Organization, *, acting_user: User | None, services: list[str], urgency: str,
    to_organization: Organization | None = None, to_region: Region | None = None,
    client: Client | None = None, field_groups: list[str] | None = None,
    person: dict[str, Any] | None = None, note: str = "",
) -> Referral:
    """Send a referral to an organization or to a region's navigator queue."""
    if acting_user is not None:
        grants = grants_for(acting_user)
        if from_organization.task_force_id != grants.task_force_id:
            raise NotVisible()
        if from_organization.pk not in grants.memberships:
            raise NotPermitted()
    if (to_organization is None) == (to_region is None):
        raise InvalidInput(_("Send the referral to one organization or to one region's navigator."))
    if to_organization is not None:
        _recipient_organization(to_organization, from_organization)
    if to_region is not None and to_region.task_force_id != from_organization.task_force_id:
        raise InvalidInput(_("Refer to a region of this task force."))
    chosen = _services(services)
    if urgency not in Urgency.values:
        raise InvalidInput(_("Urgency is emergency, urgent or routine."))
    details = _person(person)
    groups: list[str] = []
    if client is not None:
        if client.organization_id != from_organization.pk:
            raise InvalidInput(_("Refer your own organization's clients."))
        if acting_user is not None:
            access_client(acting_user, client.pk, for_change=True)
        if any(details.values()):
            raise InvalidInput(_("A referral about a client carries the parts of the record the client consented to, not a separate description."))
        try:
            groups = clean_groups(field_groups or [])
        except ValueError as error:
            raise InvalidInput(_("Unknown field groups: %(groups)s") % {"groups": error}) from None
        if not groups:
            raise InvalidInput(_("Choose which parts of the record the referral carries."))
    now = timezone.now()
    task_force = from_organization.task_force
    with transaction.atomic():
        referral = Referral(
            task_force=task_force, from_organization=from_organization, sent_by=acting_user,
            to_organization=to_organization, to_region=to_region, client=client, field_groups=groups,
            services=chosen, urgency=urgency, note=(note or "").strip(), sent_at=now,
            ack_due_at=ack_due(task_force, urgency, now), **details,
        )
        if to_organization is not None:
            _share_for(referral, to_organization)
        referral.save()
        _step(referral, acting_user, Status.SENT, organization=from_organization)
        fields = sorted(["services", "urgency", *(k for k, v in details.items() if v)] + (["note"] if referral.note else []))
        _audit(EventType.REFERRAL_SENT, referral, acting_user, fields=fields, client=client.pk if client else None,
               field_groups=groups, to_region=to_region.pk if to_region else None)
        _tell(
            recipients_of(referral), referral,
            _("Referral #%(n)s: a new %(urgency)s referral") % {"n": referral.pk, "urgency": referral.get_urgency_display().lower()},
            kind=NotificationKind.REFERRAL_RECEIVED, urgent=urgency == Urgency.EMERGENCY,
        )
    return referral


def _locked(referral: Referral, acting_user: User | None, side: str) -> Referral:
    """The referral as it is now, locked, if the person acts on it from ``side`` (the caller's
    copy may be stale: a navigator may have assigned it meanwhile)."""
    current = Referral.objects.select_for_update(of=("self",)).select_related("task_force", "share").get(pk=referral.pk)
    if acting_user is not None and side not in sides(acting_user, current):
        from ally.access.referrals import access_referral

        access_referral(acting_user, current.pk)  # 404 for those who cannot see it
        raise NotPermitted()
    return current


def _refuse_closed(referral: Referral) -> None:
    if not referral.is_open:
        raise Conflict(_("This referral is %(status)s; it can no longer change.") % {"status": referral.get_status_display().lower()})


def assign(referral: Referral, to_organization: Organization, *, acting_user: User | None) -> Referral:
    """A navigator routes a referral from the region's queue to a provider (one action)."""
    with transaction.atomic():
        current = _locked(referral, acting_user, NAVIGATOR)
        _refuse_closed(current)
        if not current.in_queue:
            raise Conflict(_("This referral was already assigned to %(org)s.") % {"org": current.to_organization})
        _recipient_organization(to_organization, current.from_organization)
        now = timezone.now()
        _share_for(current, to_organization)
        current.to_organization, current.assigned_by, current.assigned_at = to_organization, acting_user, now
        current.status, current.ack_due_at, current.escalation_level = Status.SENT, ack_due(current.task_force, current.urgency, now), 0
        current.version += 1
        current.save()
        _step(current, acting_user, Status.SENT, note=_("Assigned by the navigator"), organization=to_organization)
        _audit(EventType.REFERRAL_ASSIGNED, current, acting_user, to_organization=to_organization.pk)
        _tell(_members(to_organization.pk), current, _("Referral #%(n)s was assigned to your organization") % {"n": current.pk},
              kind=NotificationKind.REFERRAL_RECEIVED, urgent=current.urgency == Urgency.EMERGENCY)
        _tell([current.sent_by], current, _("Referral #%(n)s: a navigator assigned a provider") % {"n": current.pk},
              kind=NotificationKind.REFERRAL_ASSIGNED)
    return current


def acknowledge(referral: Referral, *, acting_user: User | None) -> Referral:
    with transaction.atomic():
        current = _locked(referral, acting_user, RECIPIENT)
        if current.acknowledged_at is not None:
            raise Conflict(_("This referral was already acknowledged."))
        _refuse_closed(current)
        current.status, current.acknowledged_at = Status.ACKNOWLEDGED, timezone.now()
        return _save(current, acting_user, EventType.REFERRAL_ACKNOWLEDGED, _("Referral #%(n)s was acknowledged"))


def accept(referral: Referral, *, acting_user: User | None) -> Referral:
    with transaction.atomic():
        current = _locked(referral, acting_user, RECIPIENT)
        _refuse_closed(current)
        if current.status not in (Status.SENT, Status.ACKNOWLEDGED) or current.in_queue:
            raise Conflict(_("Only a referral waiting for an answer can be accepted."))
        now = timezone.now()
        current.acknowledged_at = current.acknowledged_at or now
        current.status, current.accepted_at = Status.ACCEPTED, now
        return _save(current, acting_user, EventType.REFERRAL_ACCEPTED, _("Referral #%(n)s was accepted"))


def decline(referral: Referral, *, acting_user: User | None, reason: str, note: str = "") -> Referral:
    """Decline with a reason. A referral that came through a navigator's queue goes back to it."""
    if reason not in DeclineReason.values:
        raise InvalidInput(_("Choose the reason for declining from the list."))
    with transaction.atomic():
        current = _locked(referral, acting_user, RECIPIENT)
        _refuse_closed(current)
        if current.status not in (Status.SENT, Status.ACKNOWLEDGED, Status.ACCEPTED) or current.in_queue:
            raise Conflict(_("A referral already in service is closed, not declined."))
        now = timezone.now()
        declined_by = current.to_organization
        _close_share(current)
        current.acknowledged_at = current.acknowledged_at or now
        current.decline_reason, current.declined_at = reason, now
        _step(current, acting_user, Status.DECLINED, note=(note or "").strip(), organization=declined_by)
        if current.to_region_id is not None:
            # Back to the navigator's queue to find another provider.
            current.to_organization, current.share, current.status = None, None, Status.SENT
            current.acknowledged_at = current.accepted_at = None
            current.ack_due_at, current.escalation_level = ack_due(current.task_force, current.urgency, now), 0
            title = _("Referral #%(n)s was declined and is back in the navigator's queue")
        else:
            current.status = Status.DECLINED
            title = _("Referral #%(n)s was declined")
        return _save(current, acting_user, EventType.REFERRAL_DECLINED, title, stepped=True, reason=reason)


def start_service(referral: Referral, *, acting_user: User | None) -> Referral:
    with transaction.atomic():
        current = _locked(referral, acting_user, RECIPIENT)
        if current.status != Status.ACCEPTED:
            raise Conflict(_("Accept the referral before services start."))
        current.status, current.in_service_at = Status.IN_SERVICE, timezone.now()
        return _save(current, acting_user, EventType.REFERRAL_IN_SERVICE, _("Referral #%(n)s: services started"))


def close(referral: Referral, *, acting_user: User | None, outcome: str) -> Referral:
    words = (outcome or "").strip()
    if not words:
        raise InvalidInput(_("Say how the referral ended."))
    with transaction.atomic():
        current = _locked(referral, acting_user, RECIPIENT)
        if current.status not in (Status.ACCEPTED, Status.IN_SERVICE):
            raise Conflict(_("Only an accepted referral or one in service can be closed."))
        current.status, current.closed_at, current.outcome = Status.CLOSED, timezone.now(), words
        return _save(current, acting_user, EventType.REFERRAL_CLOSED, _("Referral #%(n)s was closed"), note=words)


def withdraw(referral: Referral, *, acting_user: User | None, note: str = "") -> Referral:
    with transaction.atomic():
        current = _locked(referral, acting_user, SENDER)
        _refuse_closed(current)
        _close_share(current)
        current.status, current.withdrawn_at = Status.WITHDRAWN, timezone.now()
        return _save(current, acting_user, EventType.REFERRAL_WITHDRAWN, _("Referral #%(n)s was withdrawn by the sender"),
                     note=(note or "").strip())


def _save(current: Referral, acting_user: User | None, event: EventType, title: str, *, stepped: bool = False,
          note: str = "", **changes: Any) -> Referral:
    current.version += 1
    current.save()
    if not stepped:
        _step(current, acting_user, current.status, note=note)
    _audit(event, current, acting_user, **changes)
    others = [current.sent_by] if event != EventType.REFERRAL_WITHDRAWN else recipients_of(current)
    if event == EventType.REFERRAL_DECLINED and current.in_queue:
        others = [current.sent_by, *_navigators(current.to_region_id)]
    _tell(others, current, title % {"n": current.pk}, besides=acting_user)
    return current


def post_message(referral: Referral, *, acting_user: User, text: str) -> ReferralMessage:
    """A message in the referral's thread, from any side; the other sides are told."""
    words = (text or "").strip()
    if not words or len(words) > 5000:
        raise InvalidInput(_("Write a message of at most 5,000 characters."))
    my_sides = sides(acting_user, referral)
    if not my_sides:
        from ally.access.referrals import access_referral

        access_referral(acting_user, referral.pk)
        raise NotPermitted()
    grants = grants_for(acting_user)
    organization_id = next(
        (o for o in (referral.to_organization_id, referral.from_organization_id) if o in grants.memberships), None
    )
    with transaction.atomic():
        message = ReferralMessage.objects.create(
            referral=referral, author=acting_user, organization_id=organization_id, text=words
        )
        _audit(EventType.REFERRAL_MESSAGE, referral, acting_user, message=message.pk)
        others = {u.pk: u for u in [referral.sent_by, *recipients_of(referral)] if u is not None}
        if referral.to_region_id is not None:
            others |= {u.pk: u for u in _navigators(referral.to_region_id)}
        _tell(others.values(), referral, _("Referral #%(n)s: a new message") % {"n": referral.pk},
              kind=NotificationKind.REFERRAL_MESSAGE, besides=acting_user)
    return message

