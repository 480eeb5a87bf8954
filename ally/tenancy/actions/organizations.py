"""Member organizations of a task force."""


from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ally.access.policy import Permission, can
from ally.accounts.models import User
from ally.audit.chain import diff, record
from ally.audit.events import EventType
from ally.core.errors import Conflict, InvalidInput, NotPermitted
from ally.tenancy.actions._common import (
    CLASSIFICATION_FIELDS,
    ORGANIZATION_FIELDS,
    _check_choice,
    _check_regions,
    _require_system_or,
    _snapshot,
)
from ally.tenancy.models import (
    Organization,
    Region,
    TaskForce,
)
from ally.tenancy.vocab import (
    US_STATES,
    AgencyType,
    Discipline,
    Jurisdiction,
)

# --- Organizations ---------------------------------------------------------------------------


def _validate_organization(values: dict[str, Any]) -> None:
    if not str(values.get("name", "")).strip():
        raise InvalidInput(_("An organization needs a name."))
    _check_choice(values["discipline"], Discipline, _("Discipline"))
    _check_choice(values["jurisdiction"], Jurisdiction, _("Jurisdiction"))
    _check_choice(values.get("agency_type", ""), AgencyType, _("Agency type"))
    if values.get("agency_type") and values["discipline"] != Discipline.GOVERNMENT_OTHER:
        raise InvalidInput(_("Only other-government organizations have an agency type."))
    state = values.get("state", "")
    if state and state.upper() not in US_STATES:
        raise InvalidInput(_("Unknown state code: %(codes)s") % {"codes": state})
    if values.get("email"):
        try:
            validate_email(values["email"])
        except ValidationError:
            raise InvalidInput(_("Enter a valid email address.")) from None


def _unique_slug(task_force: TaskForce, name: str, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:70] or "organization"
    slug, n = base, 2
    taken = Organization.objects.filter(task_force=task_force)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    while taken.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def create_organization(
    task_force: TaskForce,
    *,
    acting_user: User | None,
    regions_served: list[Region] | None = None,
    **values: Any,
) -> Organization:
    """Add a member organization. Names are unique in a task force, ignoring case."""
    _require_system_or(acting_user, Permission.MANAGE_TASK_FORCE, task_force=task_force)
    unknown = set(values) - set(ORGANIZATION_FIELDS)
    if unknown:
        raise InvalidInput(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    values = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}
    values.setdefault("agency_type", "")
    # Victim-service providers keep their street confidential unless they say otherwise.
    values.setdefault("confidential_address", values.get("discipline") == Discipline.VICTIM_SERVICES)
    _validate_organization(values)
    if values.get("state"):
        values["state"] = values["state"].upper()
    with transaction.atomic():
        if task_force.organizations.filter(name__iexact=values["name"]).exists():
            raise Conflict(
                _("An organization named %(name)s already exists in this task force.")
                % {"name": values["name"]}
            )
        organization = Organization.objects.create(
            task_force=task_force, slug=_unique_slug(task_force, values["name"]), **values
        )
        if regions_served:
            _check_regions(task_force, regions_served)
            organization.regions_served.set(regions_served)
        record(
            EventType.ORGANIZATION_CREATED,
            actor=acting_user,
            task_force=task_force,
            organization=organization,
            target=organization,
            changes={
                **{k: v for k, v in values.items() if v},
                "regions_served": [r.pk for r in regions_served or []],
            },
        )
    return organization




def update_organization(
    organization: Organization,
    *,
    acting_user: User | None,
    regions_served: list[Region] | None = None,
    **values: Any,
) -> Organization:
    """Change an organization's profile: name, discipline, address, contacts, regions served."""
    _require_system_or(acting_user, Permission.EDIT_ORGANIZATION, organization)
    unknown = set(values) - set(ORGANIZATION_FIELDS)
    if unknown:
        raise InvalidInput(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    with transaction.atomic():
        organization = Organization.objects.select_for_update().get(pk=organization.pk)
        before = _snapshot(organization, ORGANIZATION_FIELDS)
        before["regions_served"] = sorted(organization.regions_served.values_list("pk", flat=True))
        merged = {**before, **{k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}}
        _validate_organization(merged)
        reclassified = [f for f in CLASSIFICATION_FIELDS if merged[f] != before[f]]
        if reclassified and acting_user is not None and not can(
            acting_user, Permission.MANAGE_TASK_FORCE, task_force=organization.task_force
        ):
            # SECURITY: what an organization *is* decides what it may see; it does not decide
            # that for itself.
            raise NotPermitted(
                _("Only the coordinator changes an organization's %(fields)s.")
                % {"fields": ", ".join(f.replace("_", " ") for f in reclassified)}
            )
        if (
            Organization.objects.filter(task_force_id=organization.task_force_id)
            .annotate(lower=Lower("name"))
            .filter(lower=merged["name"].lower())
            .exclude(pk=organization.pk)
            .exists()
        ):
            raise Conflict(
                _("An organization named %(name)s already exists in this task force.")
                % {"name": merged["name"]}
            )
        for field in ORGANIZATION_FIELDS:
            setattr(organization, field, merged[field])
        organization.state = organization.state.upper()
        if merged["name"] != before["name"]:
            organization.slug = _unique_slug(
                organization.task_force, merged["name"], exclude_pk=organization.pk
            )
        organization.save()
        after = _snapshot(organization, ORGANIZATION_FIELDS)
        after["regions_served"] = before["regions_served"]
        if regions_served is not None:
            _check_regions(organization.task_force, regions_served)
            organization.regions_served.set(regions_served)
            after["regions_served"] = sorted(r.pk for r in regions_served)
        changes = diff(before, after)
        if changes:
            record(
                EventType.ORGANIZATION_UPDATED,
                actor=acting_user,
                task_force=organization.task_force,
                organization=organization,
                target=organization,
                changes=changes,
            )
    return organization
