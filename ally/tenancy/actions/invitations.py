"""Invitations: emailed links that expire, and turn into memberships."""


from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ally.access.policy import Permission
from ally.accounts.models import User
from ally.audit.chain import record
from ally.audit.events import EventType
from ally.core.errors import Conflict, InvalidInput
from ally.tenancy.actions._common import (
    _check_choice,
    _require_system_or,
)
from ally.tenancy.actions.members import add_member
from ally.tenancy.actions.roles import grant_task_force_role
from ally.tenancy.models import Invitation, Membership, Organization, TaskForce, TaskForceRole
from ally.tenancy.vocab import MembershipRole, TaskForceRoleKind

# --- Invitations -----------------------------------------------------------------------------


def hash_invitation_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


# Roles given by invitation to people outside the member organizations. Navigators work for
# regions from inside an organization: they join one first, then the coordinator names them.
INVITABLE_TASK_FORCE_ROLES = tuple(
    r for r in TaskForceRoleKind.values if r != TaskForceRoleKind.NAVIGATOR
)


def _clean_email(email: str) -> str:
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise InvalidInput(_("Enter a valid email address.")) from None
    return email


def _create_invitation(
    task_force: TaskForce,
    *,
    organization: Organization | None,
    email: str,
    full_name: str,
    role: str,
    task_force_role: str,
    acting_user: User | None,
) -> tuple[Invitation, str]:
    raw = secrets.token_urlsafe(32)
    with transaction.atomic():
        # A new invitation replaces any pending one for the same address and place.
        Invitation.objects.filter(
            task_force=task_force,
            organization=organization,
            task_force_role=task_force_role,
            email=email,
            accepted_at=None,
            revoked_at=None,
        ).update(revoked_at=timezone.now())
        invitation = Invitation.objects.create(
            organization=organization,
            task_force=task_force,
            email=email,
            full_name=full_name.strip(),
            role=role,
            task_force_role=task_force_role,
            invited_by=acting_user,
            token_hash=hash_invitation_token(raw),
            expires_at=timezone.now() + timedelta(days=settings.INVITATION_DAYS),
        )
        record(
            EventType.INVITATION_SENT,
            actor=acting_user,
            task_force=task_force,
            organization=organization,
            target=invitation,
            changes={"email": email, "role": task_force_role or role},
        )
        transaction.on_commit(lambda: _send_invitation(invitation, raw))
    return invitation, raw


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
    email = _clean_email(email)
    if Membership.objects.filter(
        organization=organization, user__email__iexact=email, is_active=True
    ).exists():
        raise Conflict(_("That person is already a member of this organization."))
    return _create_invitation(
        organization.task_force,
        organization=organization,
        email=email,
        full_name=full_name,
        role=role,
        task_force_role="",
        acting_user=acting_user,
    )


def invite_to_task_force_role(
    task_force: TaskForce,
    *,
    email: str,
    full_name: str = "",
    role: str,
    acting_user: User | None,
) -> tuple[Invitation, str]:
    """Invite someone outside the member organizations to a task-force role (e.g. an auditor)."""
    _require_system_or(acting_user, Permission.MANAGE_TASK_FORCE, task_force=task_force)
    if role not in INVITABLE_TASK_FORCE_ROLES:
        raise InvalidInput(
            _("Navigators are named from among the members, for their regions.")
            if role == TaskForceRoleKind.NAVIGATOR
            else _("Role must be one of: %(choices)s") % {"choices": ", ".join(INVITABLE_TASK_FORCE_ROLES)}
        )
    email = _clean_email(email)
    if TaskForceRole.objects.filter(task_force=task_force, role=role, user__email__iexact=email).exists():
        raise Conflict(_("That person already holds this role."))
    return _create_invitation(
        task_force,
        organization=None,
        email=email,
        full_name=full_name,
        role=MembershipRole.MEMBER,
        task_force_role=role,
        acting_user=acting_user,
    )


def invitation_url(raw: str) -> str:
    return settings.SITE_URL + reverse("invitation_accept", args=[raw])


def _send_invitation(invitation: Invitation, raw: str) -> None:
    context = {
        "organization": invitation.organization.name if invitation.organization else "",
        "role": invitation.get_task_force_role_display() if invitation.task_force_role else "",
        "task_force": invitation.task_force.name,
        "url": invitation_url(raw),
        "days": settings.INVITATION_DAYS,
    }
    subject = (
        _("[Ally] You are invited to join %(organization)s") % context
        if invitation.organization
        else _("[Ally] You are invited to %(task_force)s") % context
    )
    send_mail(
        subject=subject,
        message=render_to_string("tenancy/email/invitation.txt", context),
        from_email=None,
        recipient_list=[invitation.email],
    )


def find_invitation(raw: str, *, lock: bool = False) -> Invitation:
    """The pending invitation behind a link, or InvalidInput saying why it cannot be used.

    With lock=True (inside a transaction) the row stays locked, so a withdrawal and an
    acceptance cannot both succeed.
    """
    rows = Invitation.objects.select_related("organization", "task_force")
    if lock:
        rows = rows.select_for_update(of=("self",))
    invitation = rows.filter(token_hash=hash_invitation_token(raw)).first()
    if invitation is None:
        raise InvalidInput(_("This invitation link is not valid. Ask for a new one."))
    if invitation.organization is not None and not invitation.organization.is_active:
        raise InvalidInput(_("This organization no longer uses Ally. Ask the task force's coordinator."))
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
) -> User:
    """Turn an invitation into a membership or a task-force role, for a new account (with a
    password) or for the signed-in person it was sent to. Returns that person."""
    from django.contrib.auth.password_validation import validate_password

    with transaction.atomic():
        invitation = find_invitation(raw, lock=True)
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
        # The invitation carries the inviter's permission, checked when it was sent.
        if invitation.organization is not None:
            add_member(invitation.organization, user=user, role=invitation.role, acting_user=None)
        else:
            grant_task_force_role(
                invitation.task_force, user=user, role=invitation.task_force_role, acting_user=None
            )
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
        record(
            EventType.INVITATION_ACCEPTED,
            actor=user,
            task_force=invitation.task_force,
            organization=invitation.organization,
            target=invitation,
            changes={"user": user.pk},
        )
    return user


def revoke_invitation(invitation: Invitation, *, acting_user: User | None) -> Invitation:
    """Withdraw a pending invitation; its link stops working at once."""
    if invitation.organization is not None:
        _require_system_or(acting_user, Permission.MANAGE_MEMBERS, invitation.organization)
    else:
        _require_system_or(acting_user, Permission.MANAGE_TASK_FORCE, task_force=invitation.task_force)
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.status != "pending":
            raise InvalidInput(_("Only a pending invitation can be withdrawn."))
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        record(
            EventType.INVITATION_REVOKED,
            actor=acting_user,
            task_force=invitation.task_force,
            organization=invitation.organization,
            target=invitation,
        )
    return invitation
