"""Task forces (the tenant) and their regions."""


from __future__ import annotations

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ally.access.policy import Permission
from ally.accounts.models import User
from ally.audit.chain import diff, record
from ally.audit.events import EventType
from ally.core.errors import Conflict, InvalidInput, NotPermitted
from ally.tenancy.actions._common import (
    _check_choice,
    _clean_states,
    _clean_time_zone,
    _require_system_or,
    _snapshot,
)
from ally.tenancy.models import (
    Organization,
    Region,
    TaskForce,
)
from ally.tenancy.vocab import (
    TaskForceKind,
)

# --- Task forces -----------------------------------------------------------------------------


def create_task_force(
    *,
    name: str,
    kind: str,
    states: list[str],
    time_zone: str = "America/Chicago",
    slug: str = "",
    acting_user: User | None,
) -> TaskForce:
    """Create a task force (the tenant). Only the command line creates task forces."""
    if acting_user is not None and not acting_user.is_superuser:
        raise NotPermitted()
    name = name.strip()
    if not name:
        raise InvalidInput(_("A task force needs a name."))
    _check_choice(kind, TaskForceKind, _("Type"))
    slug = slugify(slug or name)[:80]
    with transaction.atomic():
        if TaskForce.objects.filter(name__iexact=name).exists():
            raise Conflict(_("A task force named %(name)s already exists.") % {"name": name})
        if TaskForce.objects.filter(slug=slug).exists():
            raise Conflict(_("The short name %(slug)s is taken.") % {"slug": slug})
        task_force = TaskForce.objects.create(
            name=name,
            slug=slug,
            kind=kind,
            states=_clean_states(states),
            time_zone=_clean_time_zone(time_zone),
        )
        record(
            EventType.TASK_FORCE_CREATED,
            actor=acting_user,
            task_force=task_force,
            target=task_force,
            changes={"name": name, "kind": kind, "states": task_force.states},
        )
    return task_force


# Each limit a task force sets, with the values it may take.
LIMITS: dict[str, tuple[int, int]] = {
    "consent_default_days": (1, 730),
    "consent_max_days": (1, 730),
    "ack_emergency_minutes": (5, 1440),
    "ack_urgent_business_days": (1, 10),
    "ack_routine_business_days": (1, 30),
    "small_cell_threshold": (1, 20),
}


def _set_limits(task_force: TaskForce, limits: dict[str, int]) -> None:
    unknown = sorted(set(limits) - set(LIMITS))
    if unknown:
        raise InvalidInput(_("Unknown settings: %(names)s") % {"names": ", ".join(unknown)})
    for name, value in limits.items():
        low, high = LIMITS[name]
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            label = getattr(TaskForce._meta.get_field(name), "verbose_name", name)
            raise InvalidInput(_("%(setting)s: a whole number from %(low)d to %(high)d.") % {"setting": str(label).capitalize(), "low": low, "high": high})
        setattr(task_force, name, value)
    if task_force.consent_default_days > task_force.consent_max_days:
        raise InvalidInput(_("The default consent length cannot be longer than the longest consent."))
    if task_force.small_cell_threshold == 2:
        raise InvalidInput(_("Hide counts below 3 or more (or 1 for none): with 2, a hidden count could only be 1."))
    if task_force.ack_urgent_business_days > task_force.ack_routine_business_days:
        raise InvalidInput(_("Urgent referrals cannot be given longer than routine ones."))


def update_task_force(
    task_force: TaskForce,
    *,
    acting_user: User | None,
    name: str | None = None,
    kind: str | None = None,
    states: list[str] | None = None,
    time_zone: str | None = None,
    co_lead_organizations: list[Organization] | None = None,
    limits: dict[str, int] | None = None,
) -> TaskForce:
    """Change the task force's name, type, states, time zone, co-lead organizations, or its
    limits: how long consents last by default and at most, and the referral acknowledgement
    targets (see ``LIMITS`` for each one's range)."""
    _require_system_or(acting_user, Permission.MANAGE_TASK_FORCE, task_force=task_force)
    with transaction.atomic():
        task_force = TaskForce.objects.select_for_update().get(pk=task_force.pk)
        before = _snapshot(task_force, ("name", "kind", "states", "time_zone", *LIMITS))
        before["co_lead_organizations"] = sorted(
            task_force.co_lead_organizations.values_list("pk", flat=True)
        )
        if name is not None:
            name = name.strip()
            if not name:
                raise InvalidInput(_("A task force needs a name."))
            if TaskForce.objects.filter(name__iexact=name).exclude(pk=task_force.pk).exists():
                raise Conflict(_("A task force named %(name)s already exists.") % {"name": name})
            task_force.name = name
        if kind is not None:
            _check_choice(kind, TaskForceKind, _("Type"))
            task_force.kind = kind
        if states is not None:
            task_force.states = _clean_states(states)
        if time_zone is not None:
            task_force.time_zone = _clean_time_zone(time_zone)
        if limits:
            _set_limits(task_force, limits)
        task_force.save()
        after = _snapshot(task_force, ("name", "kind", "states", "time_zone", *LIMITS))
        after["co_lead_organizations"] = before["co_lead_organizations"]
        if co_lead_organizations is not None:
            if any(o.task_force_id != task_force.pk for o in co_lead_organizations):
                raise InvalidInput(_("Co-leads must be organizations of this task force."))
            task_force.co_lead_organizations.set(co_lead_organizations)
            after["co_lead_organizations"] = sorted(o.pk for o in co_lead_organizations)
        changes = diff(before, after)
        if changes:
            record(
                EventType.TASK_FORCE_UPDATED,
                actor=acting_user,
                task_force=task_force,
                target=task_force,
                changes=changes,
            )
    return task_force


# --- Regions ---------------------------------------------------------------------------------


def _clean_zip_codes(zip_codes: list[str]) -> list[str]:
    cleaned = sorted({z.strip() for z in zip_codes if z.strip()})
    bad = [z for z in cleaned if not (len(z) == 5 and z.isdigit())]
    if bad:
        raise InvalidInput(_("ZIP codes are five digits: %(bad)s") % {"bad": ", ".join(bad[:5])})
    return cleaned


def create_region(
    task_force: TaskForce,
    *,
    name: str,
    counties: list[str],
    zip_codes: list[str] | None = None,
    acting_user: User | None,
) -> Region:
    """Add a region (the counties and ZIP codes it covers) to the task force."""
    _require_system_or(acting_user, Permission.MANAGE_TASK_FORCE, task_force=task_force)
    name = name.strip()
    if not name:
        raise InvalidInput(_("A region needs a name."))
    with transaction.atomic():
        if task_force.regions.filter(name__iexact=name).exists():
            raise Conflict(_("A region named %(name)s already exists.") % {"name": name})
        region = Region.objects.create(
            task_force=task_force,
            name=name,
            counties=sorted({c.strip() for c in counties if c.strip()}),
            zip_codes=_clean_zip_codes(zip_codes or []),
        )
        record(
            EventType.REGION_CREATED,
            actor=acting_user,
            task_force=task_force,
            target=region,
            changes={"name": name, "counties": region.counties},
        )
    return region


def update_region(
    region: Region,
    *,
    acting_user: User | None,
    name: str | None = None,
    counties: list[str] | None = None,
    zip_codes: list[str] | None = None,
) -> Region:
    """Rename a region or change the counties and ZIP codes it covers."""
    _require_system_or(acting_user, Permission.MANAGE_TASK_FORCE, task_force=region.task_force)
    fields = ("name", "counties", "zip_codes")
    with transaction.atomic():
        region = Region.objects.select_for_update().get(pk=region.pk)
        before = _snapshot(region, fields)
        if name is not None:
            name = name.strip()
            duplicate = region.task_force.regions.filter(name__iexact=name).exclude(pk=region.pk)
            if not name or duplicate.exists():
                raise Conflict(_("A region named %(name)s already exists.") % {"name": name})
            region.name = name
        if counties is not None:
            region.counties = sorted({c.strip() for c in counties if c.strip()})
        if zip_codes is not None:
            region.zip_codes = _clean_zip_codes(zip_codes)
        region.save()
        changes = diff(before, _snapshot(region, fields))
        if changes:
            record(
                EventType.REGION_UPDATED,
                actor=acting_user,
                task_force=region.task_force,
                target=region,
                changes=changes,
            )
    return region
