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
from ally.tenancy.models import (
    Invitation,
    Membership,
    Organization,
)
from ally.tenancy.vocab import (
    MembershipRole,
)

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


def find_invitation(raw: str, *, lock: bool = False) -> Invitation:
    """The pending invitation behind a link, or InvalidInput saying why it cannot be used.

    With lock=True (inside a transaction) the row stays locked, so a withdrawal and an
    acceptance cannot both succeed.
    """
    rows = Invitation.objects.select_related("organization__task_force")
    if lock:
        rows = rows.select_for_update(of=("self",))
    invitation = rows.filter(token_hash=hash_invitation_token(raw)).first()
    if invitation is None:
        raise InvalidInput(_("This invitation link is not valid. Ask for a new one."))
    if not invitation.organization.is_active:
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
) -> Membership:
    """Turn an invitation into a membership: for a new account (with a password) or a signed-in one."""
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
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
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
