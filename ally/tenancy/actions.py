"""Every change to the task force's shape: task forces, regions, organizations, roles, members.

Each action takes a keyword-only `acting_user` (None only for the command line and the demo
generator, which act as the system), checks the policy, runs atomically and writes its audit event.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ally.access.policy import Permission, forget_grants, require
from ally.accounts.models import User
from ally.audit.chain import diff, record
from ally.audit.events import EventType
from ally.core.errors import Conflict, InvalidInput, NotPermitted
from ally.tenancy.models import (
    Invitation,
    Membership,
    Organization,
    Region,
    TaskForce,
    TaskForceRole,
)
from ally.tenancy.vocab import (
    US_STATES,
    AgencyType,
    Discipline,
    Jurisdiction,
    MembershipRole,
    TaskForceKind,
    TaskForceRoleKind,
)

ORGANIZATION_FIELDS = (
    "name",
    "discipline",
    "agency_type",
    "jurisdiction",
    "street",
    "city",
    "state",
    "zip_code",
    "phone",
    "email",
    "website",
)


def _snapshot(obj: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    return {field: getattr(obj, field) for field in fields}


def _require_system_or(acting_user: User | None, permission: Permission, org: Any = None) -> None:
    if acting_user is not None:
        require(acting_user, permission, org)


def _check_choice(value: str, choices: type[Any], label: str) -> None:
    if value not in choices.values:
        raise InvalidInput(_("%(label)s must be one of: %(choices)s")
                           % {"label": label, "choices": ", ".join(choices.values)})


def _clean_states(states: list[str]) -> list[str]:
    cleaned = [s.strip().upper() for s in states if s.strip()]
    unknown = [s for s in cleaned if s not in US_STATES]
    if unknown:
        raise InvalidInput(_("Unknown state code: %(codes)s") % {"codes": ", ".join(unknown)})
    if not cleaned:
        raise InvalidInput(_("A task force covers at least one state."))
    return sorted(set(cleaned))


def _clean_time_zone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(_("Unknown time zone: %(name)s") % {"name": name}) from None
    return name


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


def update_task_force(
    task_force: TaskForce,
    *,
    acting_user: User | None,
    name: str | None = None,
    kind: str | None = None,
    states: list[str] | None = None,
    time_zone: str | None = None,
    co_lead_organizations: list[Organization] | None = None,
) -> TaskForce:
    """Change the task force's name, type, states, time zone or co-lead organizations."""
    _require_system_or(acting_user, Permission.MANAGE_TASK_FORCE)
    with transaction.atomic():
        task_force = TaskForce.objects.select_for_update().get(pk=task_force.pk)
        before = _snapshot(task_force, ("name", "kind", "states", "time_zone"))
        before["co_lead_organizations"] = list(
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
        task_force.save()
        after = _snapshot(task_force, ("name", "kind", "states", "time_zone"))
        after["co_lead_organizations"] = before["co_lead_organizations"]
        if co_lead_organizations is not None:
            if any(o.task_force_id != task_force.pk for o in co_lead_organizations):
                raise InvalidInput(_("Co-leads must be organizations of this task force."))
            task_force.co_lead_organizations.set(co_lead_organizations)
            after["co_lead_organizations"] = [o.pk for o in co_lead_organizations]
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
    _require_system_or(acting_user, Permission.MANAGE_TASK_FORCE)
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
    _require_system_or(acting_user, Permission.MANAGE_TASK_FORCE)
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
    _require_system_or(acting_user, Permission.MANAGE_TASK_FORCE)
    unknown = set(values) - set(ORGANIZATION_FIELDS)
    if unknown:
        raise InvalidInput(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    values = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}
    values.setdefault("agency_type", "")
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


def _check_regions(task_force: TaskForce, regions: list[Region]) -> None:
    if any(region.task_force_id != task_force.pk for region in regions):
        raise InvalidInput(_("Regions must belong to this task force."))


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
        before["regions_served"] = list(organization.regions_served.values_list("pk", flat=True))
        merged = {**before, **{k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}}
        _validate_organization(merged)
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
            after["regions_served"] = [r.pk for r in regions_served]
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


# --- Task-force roles ------------------------------------------------------------------------


def grant_task_force_role(
    task_force: TaskForce,
    *,
    user: User,
    role: str,
    regions: list[Region] | None = None,
    acting_user: User | None,
) -> TaskForceRole:
    """Make someone coordinator, co-lead, navigator (for regions), survivor-leader advisor or auditor."""
    _require_system_or(acting_user, Permission.MANAGE_TASK_FORCE)
    _check_choice(role, TaskForceRoleKind, _("Role"))
    regions = regions or []
    _check_regions(task_force, regions)
    if role == TaskForceRoleKind.NAVIGATOR and not regions:
        raise InvalidInput(_("A navigator works for at least one region."))
    if role != TaskForceRoleKind.NAVIGATOR and regions:
        raise InvalidInput(_("Only navigators are assigned regions."))
    with transaction.atomic():
        grant, created = TaskForceRole.objects.get_or_create(
            task_force=task_force, user=user, role=role
        )
        before = sorted(grant.regions.values_list("pk", flat=True)) if not created else []
        grant.regions.set(regions)
        if created or before != sorted(r.pk for r in regions):
            record(
                EventType.TASK_FORCE_ROLE_GRANTED,
                actor=acting_user,
                task_force=task_force,
                target=grant,
                changes={"user": user.pk, "role": role, "regions": [r.pk for r in regions]},
            )
        if user.active_task_force_id is None:
            User.objects.filter(pk=user.pk).update(active_task_force=task_force)
            user.active_task_force = task_force
    forget_grants(user)
    return grant


def revoke_task_force_role(grant: TaskForceRole, *, acting_user: User | None) -> None:
    """Take a task-force role away."""
    _require_system_or(acting_user, Permission.MANAGE_TASK_FORCE)
    with transaction.atomic():
        record(
            EventType.TASK_FORCE_ROLE_REVOKED,
            actor=acting_user,
            task_force=grant.task_force,
            target=grant,
            changes={"user": grant.user_id, "role": grant.role},
        )
        grant.delete()
    forget_grants(grant.user)


# --- Members ---------------------------------------------------------------------------------


def add_member(
    organization: Organization,
    *,
    user: User,
    role: str = MembershipRole.MEMBER,
    acting_user: User | None,
) -> Membership:
    """Put a person in an organization (or bring back one who left)."""
    _require_system_or(acting_user, Permission.MANAGE_MEMBERS, organization)
    _check_choice(role, MembershipRole, _("Role"))
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(
            user=user,
            organization=organization,
            defaults={"role": role, "task_force_id": organization.task_force_id},
        )
        if not created and membership.is_active:
            raise Conflict(_("%(name)s is already a member.") % {"name": user.full_name})
        membership.role, membership.is_active, membership.ended_at = role, True, None
        membership.save()
        record(
            EventType.MEMBER_ADDED,
            actor=acting_user,
            task_force=organization.task_force,
            organization=organization,
            target=membership,
            changes={"user": user.pk, "role": role},
        )
        if user.active_task_force_id is None:
            User.objects.filter(pk=user.pk).update(active_task_force=organization.task_force)
            user.active_task_force = organization.task_force
    forget_grants(user)
    return membership


def change_member_role(
    membership: Membership, *, role: str, acting_user: User | None
) -> Membership:
    """Make a member a supervisor or organization administrator, or back."""
    _require_system_or(acting_user, Permission.MANAGE_MEMBERS, membership.organization)
    _check_choice(role, MembershipRole, _("Role"))
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if not membership.is_active:
            raise InvalidInput(_("This person is no longer a member."))
        if membership.role == role:
            return membership
        _keep_one_admin(membership, leaving=role != MembershipRole.ORG_ADMIN)
        before = membership.role
        membership.role = role
        membership.save(update_fields=["role"])
        record(
            EventType.MEMBER_ROLE_CHANGED,
            actor=acting_user,
            task_force=membership.organization.task_force,
            organization=membership.organization,
            target=membership,
            changes={"user": membership.user_id, "role": [before, role]},
        )
    forget_grants(membership.user)
    return membership


def _keep_one_admin(membership: Membership, *, leaving: bool) -> None:
    if not leaving or membership.role != MembershipRole.ORG_ADMIN:
        return
    others = Membership.objects.filter(
        organization=membership.organization, role=MembershipRole.ORG_ADMIN, is_active=True
    ).exclude(pk=membership.pk)
    if not others.exists():
        raise InvalidInput(_("An organization keeps at least one administrator."))


def remove_member(membership: Membership, *, acting_user: User | None) -> Membership:
    """End a membership. The row stays (with its end date) so the audit trail still reads."""
    _require_system_or(acting_user, Permission.MANAGE_MEMBERS, membership.organization)
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if not membership.is_active:
            raise InvalidInput(_("This person is no longer a member."))
        _keep_one_admin(membership, leaving=True)
        membership.is_active, membership.ended_at = False, timezone.now()
        membership.save(update_fields=["is_active", "ended_at"])
        record(
            EventType.MEMBER_REMOVED,
            actor=acting_user,
            task_force=membership.organization.task_force,
            organization=membership.organization,
            target=membership,
            changes={"user": membership.user_id, "role": membership.role},
        )
    forget_grants(membership.user)
    return membership


# --- Invitations -----------------------------------------------------------------------------


def hash_invitation_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def invite_member(
    organization: Organization,
    *,
    email: str,
    full_name: str = "",
    role: str = MembershipRole.MEMBER,
    acting_user: User | None,
) -> tuple[Invitation, str]:
    """Email a sign-up link that expires; returns the invitation and the link's secret."""
    _require_system_or(acting_user, Permission.MANAGE_MEMBERS, organization)
    _check_choice(role, MembershipRole, _("Role"))
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise InvalidInput(_("Enter a valid email address.")) from None
    if Membership.objects.filter(
        organization=organization, user__email__iexact=email, is_active=True
    ).exists():
        raise Conflict(_("That person is already a member of this organization."))
    raw = secrets.token_urlsafe(32)
    with transaction.atomic():
        # A new invitation replaces any pending one for the same address.
        Invitation.objects.filter(
            organization=organization, email=email, accepted_at=None, revoked_at=None
        ).update(revoked_at=timezone.now())
        invitation = Invitation.objects.create(
            organization=organization,
            task_force_id=organization.task_force_id,
            email=email,
            full_name=full_name.strip(),
            role=role,
            invited_by=acting_user,
            token_hash=hash_invitation_token(raw),
            expires_at=timezone.now() + timedelta(days=settings.INVITATION_DAYS),
        )
        record(
            EventType.INVITATION_SENT,
            actor=acting_user,
            task_force=organization.task_force,
            organization=organization,
            target=invitation,
            changes={"email": email, "role": role},
        )
        transaction.on_commit(lambda: _send_invitation(invitation, raw))
    return invitation, raw


def invitation_url(raw: str) -> str:
    return settings.SITE_URL + reverse("invitation_accept", args=[raw])


def _send_invitation(invitation: Invitation, raw: str) -> None:
    context = {
        "organization": invitation.organization.name,
        "task_force": invitation.organization.task_force.name,
        "url": invitation_url(raw),
        "days": settings.INVITATION_DAYS,
    }
    send_mail(
        subject=_("[Ally] You are invited to join %(organization)s") % context,
        message=render_to_string("tenancy/email/invitation.txt", context),
        from_email=None,
        recipient_list=[invitation.email],
    )


def find_invitation(raw: str) -> Invitation:
    """The pending invitation behind a link, or InvalidInput saying why it cannot be used."""
    invitation = (
        Invitation.objects.select_related("organization__task_force")
        .filter(token_hash=hash_invitation_token(raw))
        .first()
    )
    if invitation is None:
        raise InvalidInput(_("This invitation link is not valid. Ask for a new one."))
    if invitation.status != "pending":
        messages = {
            "accepted": _("This invitation has already been used. Sign in instead."),
            "revoked": _("This invitation was withdrawn. Ask for a new one."),
            "expired": _("This invitation has expired. Ask for a new one."),
        }
        raise InvalidInput(messages[invitation.status])
    return invitation


def accept_invitation(
    raw: str, *, full_name: str, password: str | None, existing_user: User | None = None
) -> Membership:
    """Turn an invitation into a membership: for a new account (with a password) or a signed-in one."""
    from django.contrib.auth.password_validation import validate_password

    with transaction.atomic():
        invitation = find_invitation(raw)
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if existing_user is not None:
            if existing_user.email.lower() != invitation.email:
                raise InvalidInput(_("This invitation was sent to a different email address."))
            user = existing_user
        else:
            if User.objects.filter(email__iexact=invitation.email).exists():
                raise InvalidInput(
                    _("An account with this email exists. Sign in, then open the link again.")
                )
            if not full_name.strip():
                raise InvalidInput(_("Enter your full name."))
            candidate = User(email=invitation.email, full_name=full_name.strip())
            try:
                validate_password(password or "", candidate)
            except ValidationError as error:
                raise InvalidInput(" ".join(error.messages)) from None
            try:
                user = User.objects.create_user(
                    invitation.email, password, full_name=full_name.strip()
                )
            except IntegrityError:
                raise Conflict(_("An account with this email exists.")) from None
        membership = add_member(
            invitation.organization, user=user, role=invitation.role, acting_user=None
        )
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
        record(
            EventType.INVITATION_ACCEPTED,
            actor=user,
            task_force=invitation.organization.task_force,
            organization=invitation.organization,
            target=invitation,
            changes={"user": user.pk},
        )
    return membership


def revoke_invitation(invitation: Invitation, *, acting_user: User | None) -> Invitation:
    """Withdraw a pending invitation; its link stops working at once."""
    _require_system_or(acting_user, Permission.MANAGE_MEMBERS, invitation.organization)
    with transaction.atomic():
        if invitation.status != "pending":
            raise InvalidInput(_("Only a pending invitation can be withdrawn."))
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        record(
            EventType.INVITATION_REVOKED,
            actor=acting_user,
            task_force=invitation.organization.task_force,
            organization=invitation.organization,
            target=invitation,
        )
    return invitation
