"""Protocols: creating one (with its first version), publishing versions, acknowledging."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ally.access.governance import require_colleague
from ally.access.protocols import ACKNOWLEDGING_ROLES, speaks_for
from ally.accounts.models import User
from ally.audit.chain import record
from ally.audit.events import EventType
from ally.core.errors import Conflict, InvalidInput, NotPermitted, NotVisible
from ally.notifications import notify
from ally.notifications.kinds import NotificationKind
from ally.protocols.actions._common import check_leadership, date_value, shown_name, text_value
from ally.protocols.models import Acknowledgement, Protocol, ProtocolTopic, ProtocolVersion
from ally.protocols.queries import (
    BINDABLE_ROLES,
    Bound,
    binds_organization,
    binds_person,
    status_of,
)
from ally.tenancy.models import Membership, Organization, TaskForce
from ally.tenancy.vocab import Discipline

MAX_BODY = 100_000


def _requirements(
    task_force: TaskForce, organizations: Iterable[Organization], disciplines: Iterable[str], roles: Iterable[str]
) -> tuple[list[Organization], list[str], list[str]]:
    organizations = list(dict.fromkeys(organizations))
    if any(o.task_force_id != task_force.pk or not o.is_active for o in organizations):
        raise InvalidInput(_("Choose active organizations of this task force."))
    disciplines = sorted(set(disciplines))
    if any(d not in Discipline.values for d in disciplines):
        raise InvalidInput(_("Choose disciplines from the list."))
    roles = sorted(set(roles))
    if any(r not in BINDABLE_ROLES for r in roles):
        raise InvalidInput(_("Choose task-force roles from the list (funders and auditors acknowledge no protocol)."))
    if not (organizations or disciplines or roles):
        raise InvalidInput(_("Say who must acknowledge the protocol: organizations, disciplines or task-force roles."))
    return organizations, disciplines, roles


def recipients_for(bound: Iterable[Bound]) -> list[User]:
    """The people told to acknowledge: supervisors and administrators of the bound
    organizations, and the bound role holders themselves."""
    bound = list(bound)
    org_ids = [b.organization.pk for b in bound if b.organization is not None]
    people = {b.user.pk: b.user for b in bound if b.user is not None}
    for membership in Membership.objects.filter(
        organization_id__in=org_ids, is_active=True, role__in=ACKNOWLEDGING_ROLES
    ).select_related("user"):
        people.setdefault(membership.user_id, membership.user)
    return list(people.values())


def _publish(
    protocol: Protocol, *, acting_user: User | None, body: str, summary: str, effective_on: dt.date, at: dt.datetime,
    tell: bool = True,
) -> ProtocolVersion:
    number = (protocol.current_version.number + 1) if protocol.current_version else 1
    version = ProtocolVersion.objects.create(
        task_force_id=protocol.task_force_id, protocol=protocol, number=number, body=body,
        summary=summary, effective_on=effective_on, published_at=at, published_by=acting_user,
    )
    protocol.current_version = version
    protocol.save(update_fields=["current_version"])
    if not tell:
        return version
    notify(
        recipients_for(status_of(protocol).outstanding), task_force=protocol.task_force, kind=NotificationKind.PROTOCOL_TO_ACKNOWLEDGE,
        title=(_("Protocol to acknowledge: %(title)s, version %(n)d")
               % {"title": shown_name(protocol.title, f"#{protocol.pk}"), "n": number})[:160],
        link=reverse("protocol_detail", args=[protocol.pk]),
    )
    return version


def create_protocol(
    task_force: TaskForce,
    *,
    acting_user: User | None,
    topic: str,
    title: str,
    body: str,
    effective_on: dt.date,
    summary: str = "",
    required_organizations: Sequence[Organization] = (),
    required_disciplines: Sequence[str] = (),
    required_roles: Sequence[str] = (),
    template_id: str = "",
    template_version: int | None = None,
    at: dt.datetime | None = None,
    tell: bool = True,
) -> Protocol:
    """Create a protocol and publish its first version; everybody it binds is told to
    acknowledge it. ``at`` backdates publication and ``tell=False`` tells nobody (the demo's
    history); None is now."""
    check_leadership(acting_user, task_force)
    if topic not in ProtocolTopic.values:
        raise InvalidInput(_("Choose the protocol's topic from the list."))
    title = text_value(title, _("Title"), 200, required=True)
    body = text_value(body, _("Text"), MAX_BODY, required=True)
    summary = text_value(summary, _("Summary of changes"), 2000)
    effective_on = date_value(effective_on, _("the effective date"))
    organizations, disciplines, roles = _requirements(
        task_force, required_organizations, required_disciplines, required_roles
    )
    at = at or timezone.now()
    with transaction.atomic():
        protocol = Protocol.objects.create(
            task_force=task_force, topic=topic, title=title, template_id=template_id,
            template_version=template_version, required_disciplines=disciplines,
            required_roles=roles, created_at=at, created_by=acting_user,
        )
        protocol.required_organizations.set(organizations)
        version = _publish(
            protocol, acting_user=acting_user, body=body, summary=summary or _("First version."),
            effective_on=effective_on, at=at, tell=tell,
        )
        record(
            EventType.PROTOCOL_CREATED, actor=acting_user, task_force=task_force, target=protocol,
            changes={
                "topic": topic, "version": version.number, "effective_on": effective_on.isoformat(),
                "template": f"{template_id} v{template_version}" if template_id else None,
                "organizations": [o.pk for o in organizations], "disciplines": disciplines, "roles": roles,
            },
        )
    return protocol


def publish_version(
    protocol: Protocol,
    *,
    acting_user: User | None,
    body: str,
    summary: str,
    effective_on: dt.date,
    based_on: int | None = None,
    required_organizations: Sequence[Organization] | None = None,
    required_disciplines: Sequence[str] | None = None,
    required_roles: Sequence[str] | None = None,
    at: dt.datetime | None = None,
    tell: bool = True,
) -> ProtocolVersion:
    """Publish a new version: it becomes the current one, the previous is superseded, and
    acknowledgements start again (they belong to versions). ``based_on`` is the version number
    the editor started from: if another version was published meanwhile, nothing changes (409).
    The requirements, when given, replace who must acknowledge."""
    check_leadership(acting_user, protocol.task_force)
    body = text_value(body, _("Text"), MAX_BODY, required=True)
    summary = text_value(summary, _("Summary of changes"), 2000, required=True)
    effective_on = date_value(effective_on, _("the effective date"))
    changing = not (required_organizations is None and required_disciplines is None and required_roles is None)
    if changing:
        organizations, disciplines, roles = _requirements(
            protocol.task_force,
            protocol.required_organizations.all() if required_organizations is None else required_organizations,
            protocol.required_disciplines if required_disciplines is None else required_disciplines,
            protocol.required_roles if required_roles is None else required_roles,
        )
    with transaction.atomic():
        current = Protocol.objects.select_for_update(of=("self",)).select_related("current_version", "task_force").get(pk=protocol.pk)
        previous = current.current_version
        if based_on is not None and (previous.number if previous else 0) != based_on:
            raise Conflict(_("Another version was published while you were editing. Start again from the current version."))
        if previous is not None and previous.body.strip() == body:
            raise InvalidInput(_("The text is the same as the current version's: change the text to publish a new version."))
        if previous is not None and effective_on < previous.effective_on:
            raise InvalidInput(_("A new version cannot take effect before the version it replaces (%(date)s).") % {
                "date": previous.effective_on.isoformat()})
        if changing:
            current.required_organizations.set(organizations)
            current.required_disciplines, current.required_roles = disciplines, roles
            current.save(update_fields=["required_disciplines", "required_roles"])
        version = _publish(current, acting_user=acting_user, body=body, summary=summary,
                           effective_on=effective_on, at=at or timezone.now(), tell=tell)
        record(
            EventType.PROTOCOL_VERSION_PUBLISHED, actor=acting_user, task_force=current.task_force, target=current,
            changes={
                "version": version.number, "supersedes": previous.number if previous else None,
                "effective_on": effective_on.isoformat(), "requirements_changed": changing,
            },
        )
    protocol.refresh_from_db()
    return version


def acknowledge_protocol(
    version: ProtocolVersion,
    *,
    acting_user: User,
    organization: Organization | None = None,
    at: dt.datetime | None = None,
) -> Acknowledgement:
    """Acknowledge one version: on behalf of ``organization`` (a supervisor or administrator of
    it; the person is recorded) or, without one, personally for a task-force role the protocol
    binds. Only the current version can be acknowledged: a superseded one is refused (409) and
    nothing changes."""
    grants = require_colleague(acting_user)
    if version.task_force_id != grants.task_force_id:
        raise NotVisible()
    with transaction.atomic():
        protocol = Protocol.objects.select_for_update().select_related("task_force").get(pk=version.protocol_id)
        if protocol.current_version_id != version.pk:
            raise Conflict(_("Version %(n)d of this protocol has been superseded: read and acknowledge the current version.")
                           % {"n": version.number})
        if organization is not None:
            if organization.pk not in speaks_for(grants):
                raise NotPermitted()
            done = Acknowledgement.objects.filter(version=version, organization=organization).first()
            bound = binds_organization(protocol, organization)
        else:
            done = Acknowledgement.objects.filter(version=version, organization=None, user=acting_user).first()
            bound = binds_person(protocol, acting_user)
        if done is not None:
            raise Conflict(_("This version was already acknowledged on %(date)s.") % {
                "date": timezone.localdate(done.acknowledged_at).isoformat()})
        if not bound:
            if organization is not None:
                raise InvalidInput(_("This protocol does not ask that organization to acknowledge it."))
            raise NotPermitted()
        try:
            with transaction.atomic():
                ack = Acknowledgement.objects.create(
                    task_force_id=version.task_force_id, version=version, organization=organization,
                    user=acting_user, acknowledged_at=at or timezone.now(),
                )
        except IntegrityError:
            # Acknowledged by somebody else at the same moment (the unique constraints).
            raise Conflict(_("This version has just been acknowledged by somebody else: reload the page.")) from None
        record(
            EventType.PROTOCOL_ACKNOWLEDGED, actor=acting_user, task_force=protocol.task_force,
            organization=organization, target=protocol,
            changes={"version": version.number, "organization": organization.pk if organization else None,
                     "personal": organization is None},
        )
    return ack

