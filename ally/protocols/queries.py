"""Reading protocols and agreements: who a protocol binds and who has acknowledged it, what a
person should acknowledge now, agreements near expiry and organizations without one.

Every function here answers in a fixed number of queries, whatever the number of protocols,
organizations or people (the coordinator home calls them on every visit).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q

from ally.access.policy import grants_for
from ally.access.protocols import speaks_for
from ally.accounts.models import User
from ally.protocols.models import (
    Acknowledgement,
    Agreement,
    Protocol,
    ProtocolVersion,
    current_on,
)
from ally.tenancy.models import Organization, TaskForce, TaskForceRole
from ally.tenancy.vocab import TaskForceRoleKind

# Roles a protocol may bind (funders and auditors are not bound by the task force's protocols).
BINDABLE_ROLES = tuple(r for r in TaskForceRoleKind if r != TaskForceRoleKind.AUDITOR)


@dataclass(frozen=True)
class Bound:
    """Someone a protocol binds: an organization, or a person through a task-force role."""

    organization: Organization | None = None
    user: User | None = None
    roles: tuple[str, ...] = ()

    @property
    def is_organization(self) -> bool:
        return self.organization is not None

    @property
    def key(self) -> tuple[str, int]:
        if self.organization is not None:
            return ("organization", self.organization.pk)
        assert self.user is not None
        return ("person", self.user.pk)

    @property
    def label(self) -> str:
        if self.organization is not None:
            return self.organization.name
        assert self.user is not None
        names = ", ".join(str(TaskForceRoleKind(r).label) for r in self.roles)
        return f"{self.user.full_name} ({names})" if names else self.user.full_name


@dataclass
class Status:
    """Acknowledgement of a protocol's current version: who has, who has not."""

    protocol: Protocol
    version: ProtocolVersion | None
    acknowledged: list[tuple[Bound, Acknowledgement]] = field(default_factory=list)
    outstanding: list[Bound] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.acknowledged) + len(self.outstanding)

    @property
    def complete(self) -> bool:
        return not self.outstanding


def _bindings(protocols: list[Protocol], task_force_ids: set[int]) -> dict[int, list[Bound]]:
    """Who each protocol binds (three queries for any number of protocols)."""
    disciplines = {d for p in protocols for d in p.required_disciplines}
    roles = {r for p in protocols for r in p.required_roles}
    by_discipline: dict[tuple[int, str], list[Organization]] = {}
    if disciplines:
        for organization in Organization.objects.filter(
            task_force_id__in=task_force_ids, is_active=True, discipline__in=disciplines
        ):
            by_discipline.setdefault((organization.task_force_id, organization.discipline), []).append(organization)
    holders: dict[tuple[int, str], list[User]] = {}
    if roles:
        for role in TaskForceRole.objects.filter(
            task_force_id__in=task_force_ids, role__in=roles, user__is_active=True
        ).select_related("user").order_by("user__full_name", "pk"):
            holders.setdefault((role.task_force_id, role.role), []).append(role.user)
    result: dict[int, list[Bound]] = {}
    for protocol in protocols:
        organizations: dict[int, Organization] = {
            o.pk: o for o in protocol.required_organizations.all() if o.is_active
        }
        for discipline in protocol.required_disciplines:
            for organization in by_discipline.get((protocol.task_force_id, discipline), []):
                organizations.setdefault(organization.pk, organization)
        people: dict[int, tuple[User, list[str]]] = {}
        for role in protocol.required_roles:
            for user in holders.get((protocol.task_force_id, role), []):
                people.setdefault(user.pk, (user, []))[1].append(role)
        bound = [Bound(organization=o) for o in sorted(organizations.values(), key=lambda o: o.name.casefold())]
        bound += [
            Bound(user=u, roles=tuple(r)) for u, r in sorted(people.values(), key=lambda x: x[0].full_name.casefold())
        ]
        result[protocol.pk] = bound
    return result


def binds_organization(protocol: Protocol, organization: Organization) -> bool:
    """Whether the protocol asks this organization to acknowledge it (by name or discipline)."""
    if not organization.is_active or organization.task_force_id != protocol.task_force_id:
        return False
    return organization.discipline in protocol.required_disciplines or protocol.required_organizations.filter(
        pk=organization.pk
    ).exists()


def binds_person(protocol: Protocol, user: User) -> bool:
    """Whether the protocol asks this person to acknowledge it personally (for a role)."""
    return bool(protocol.required_roles) and TaskForceRole.objects.filter(
        task_force_id=protocol.task_force_id, user=user, role__in=protocol.required_roles
    ).exists()


def with_requirements(protocols: Any) -> Any:
    """A protocol queryset loaded for ``statuses``."""
    return protocols.select_related("current_version").prefetch_related(
        Prefetch("required_organizations", queryset=Organization.objects.order_by("name"))
    )


def statuses(protocols: Iterable[Protocol], *, versions: dict[int, ProtocolVersion] | None = None) -> dict[int, Status]:
    """The acknowledgement status of each protocol's current version (or of ``versions[protocol
    id]`` when given), by protocol id. Load the protocols with ``with_requirements``."""
    protocols = list(protocols)
    chosen = {p.pk: (versions or {}).get(p.pk, p.current_version) for p in protocols}
    bindings = _bindings(protocols, {p.task_force_id for p in protocols})
    version_ids = [v.pk for v in chosen.values() if v is not None]
    acks: dict[int, dict[tuple[str, int], Acknowledgement]] = {}
    for ack in Acknowledgement.objects.filter(version_id__in=version_ids).select_related("user", "organization"):
        key = ("organization", ack.organization_id) if ack.organization_id else ("person", ack.user_id)
        acks.setdefault(ack.version_id, {})[key] = ack
    result: dict[int, Status] = {}
    for protocol in protocols:
        version = chosen[protocol.pk]
        status = Status(protocol, version)
        done = acks.get(version.pk, {}) if version is not None else {}
        for bound in bindings[protocol.pk]:
            found = done.get(bound.key)
            if found is None:
                status.outstanding.append(bound)
            else:
                status.acknowledged.append((bound, found))
        result[protocol.pk] = status
    return result


def status_of(protocol: Protocol, version: ProtocolVersion | None = None) -> Status:
    loaded = with_requirements(Protocol.objects.filter(pk=protocol.pk)).get()
    return statuses([loaded], versions={protocol.pk: version} if version is not None else None)[protocol.pk]


@dataclass(frozen=True)
class Outstanding:
    """A protocol whose current version somebody has not acknowledged yet."""

    protocol: Protocol
    version: ProtocolVersion
    missing: list[Bound]  # each with .organization or .user, and .label


def outstanding_acknowledgements(task_force: TaskForce) -> list[Outstanding]:
    """For the coordinator home: each protocol of the task force whose current version is not
    acknowledged by everybody it binds, with who has not (organizations, then people)."""
    protocols = with_requirements(Protocol.objects.filter(task_force=task_force, current_version__isnull=False))
    found = statuses(protocols)
    return [
        Outstanding(s.protocol, s.version, s.outstanding)
        for s in found.values()
        if s.version is not None and s.outstanding
    ]


def acknowledge_options(user: Any, statuses_: Iterable[Status]) -> dict[int, list[Bound]]:
    """For each status (by protocol id): what the user may still acknowledge its version as —
    organizations they speak for (supervisor or administrator), and themselves for a role."""
    grants = grants_for(user)
    if not grants.is_participant:
        return {}
    mine = speaks_for(grants)
    result: dict[int, list[Bound]] = {}
    for status in statuses_:
        options = [
            b for b in status.outstanding
            if (b.organization is not None and b.organization.pk in mine)
            or (b.user is not None and b.user.pk == grants.user_id)
        ]
        if options:
            result[status.protocol.pk] = options
    return result


def to_acknowledge(user: Any) -> list[ProtocolVersion]:
    """What this person should acknowledge now: current versions of protocols that bind them
    (through a role) or an organization they speak for, not acknowledged yet."""
    grants = grants_for(user)
    if not grants.is_participant or not grants.is_colleague:
        return []
    protocols = with_requirements(
        Protocol.objects.filter(task_force_id=grants.task_force_id, current_version__isnull=False)
    )
    found = statuses(protocols)
    options = acknowledge_options(user, found.values())
    return [found[pk].version for pk in options if found[pk].version is not None]  # type: ignore[misc]


def expiring_agreements(task_force: TaskForce, today: dt.date, within_days: int = 90) -> list[Agreement]:
    """Agreements in effect today that expire within ``within_days`` (soonest first)."""
    return list(
        Agreement.objects.filter(current_on(today), task_force=task_force, expires_on__lte=today + dt.timedelta(days=within_days))
        .prefetch_related(Prefetch("parties", queryset=Organization.objects.order_by("name")))
        .order_by("expires_on", "title")
    )


def organizations_without_agreement(task_force: TaskForce, today: dt.date) -> list[Organization]:
    """Active member organizations that are not a party to any agreement in effect today."""
    covered = Agreement.parties.through.objects.filter(
        Q(agreement__task_force=task_force)
        & Q(agreement__effective_on__lte=today)
        & (Q(agreement__expires_on__isnull=True) | Q(agreement__expires_on__gte=today))
        & (Q(agreement__ended_on__isnull=True) | Q(agreement__ended_on__gt=today))
    ).values("organization_id")
    return list(Organization.objects.filter(task_force=task_force, is_active=True).exclude(pk__in=covered).order_by("name"))

