"""Changes a person makes to their own account: profile, active task force, API tokens."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ally.access.policy import forget_grants
from ally.accounts.models import ApiToken, User, hash_token, new_token_value
from ally.audit.chain import diff, record
from ally.audit.events import EventType
from ally.core.errors import InvalidInput, NotVisible
from ally.tenancy.models import Membership, TaskForce, TaskForceRole

PROFILE_FIELDS = ("full_name", "title", "phone", "preferred_language")
TOKEN_DEFAULT_DAYS = 90
TOKEN_MAXIMUM_DAYS = 366


def update_profile(user: User, *, acting_user: User, **values: str) -> User:
    """Change one's own name, title, work phone or language."""
    if acting_user.pk != user.pk:
        raise NotVisible()
    unknown = set(values) - set(PROFILE_FIELDS)
    if unknown:
        raise InvalidInput(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    if "full_name" in values and not values["full_name"].strip():
        raise InvalidInput(_("Enter your full name."))
    if values.get("preferred_language", "en") not in {"en", "es"}:
        raise InvalidInput(_("Choose English or Spanish."))
    with transaction.atomic():
        before = {f: getattr(user, f) for f in PROFILE_FIELDS}
        for field, value in values.items():
            setattr(user, field, value.strip())
        user.save(update_fields=list(values))
        changes = diff(before, {f: getattr(user, f) for f in PROFILE_FIELDS})
        if changes:
            record(
                EventType.PROFILE_UPDATED,
                actor=acting_user,
                task_force=user.active_task_force,
                target=user,
                changes={field: "changed" for field in changes},
            )
    return user


def task_forces_of(user: User) -> list[TaskForce]:
    """The task forces a person belongs to, through a membership or a task-force role."""
    ids = set(
        Membership.objects.filter(user=user, is_active=True).values_list("task_force_id", flat=True)
    ) | set(TaskForceRole.objects.filter(user=user).values_list("task_force_id", flat=True))
    return list(TaskForce.objects.filter(pk__in=ids).order_by("name"))


def switch_task_force(user: User, task_force_id: int, *, acting_user: User) -> TaskForce:
    """Work in another task force this person belongs to; every page then shows that one only."""
    if acting_user.pk != user.pk:
        raise NotVisible()
    task_force = next((tf for tf in task_forces_of(user) if tf.pk == task_force_id), None)
    if task_force is None:
        raise NotVisible()
    with transaction.atomic():
        user.active_task_force = task_force
        user.save(update_fields=["active_task_force"])
        record(EventType.TASK_FORCE_SWITCHED, actor=acting_user, task_force=task_force, target=user)
    forget_grants(user)
    return task_force


def create_api_token(
    user: User,
    *,
    name: str,
    read_only: bool,
    expires_at: datetime | None,
    acting_user: User,
) -> tuple[ApiToken, str]:
    """Create a personal API token for the active task force; only its hash is kept.

    The secret is returned once. A token always expires: after TOKEN_DEFAULT_DAYS unless an
    earlier date is given, and never later than TOKEN_MAXIMUM_DAYS.
    """
    if acting_user.pk != user.pk:
        raise NotVisible()
    name = name.strip()
    if not name:
        raise InvalidInput(_("Give the token a name, so you can recognise it later."))
    now = timezone.now()
    if expires_at is None:
        expires_at = now + timedelta(days=TOKEN_DEFAULT_DAYS)
    if expires_at <= now:
        raise InvalidInput(_("The expiry date must be in the future."))
    if expires_at > now + timedelta(days=TOKEN_MAXIMUM_DAYS):
        raise InvalidInput(
            _("A token lasts at most %(days)d days.") % {"days": TOKEN_MAXIMUM_DAYS}
        )
    raw = new_token_value()
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            task_force_id=user.active_task_force_id,
            name=name,
            token_hash=hash_token(raw),
            hint=raw[:9],
            read_only=read_only,
            expires_at=expires_at,
        )
        record(
            EventType.API_TOKEN_CREATED,
            actor=acting_user,
            task_force=user.active_task_force,
            target=token,
            changes={"name": name, "read_only": read_only, "expires_at": expires_at},
        )
    return token, raw


def revoke_all_api_tokens(user: User, *, reason: str) -> int:
    """Revoke every live token of a person (their password changed, or they lost two-factor)."""
    with transaction.atomic():
        live = ApiToken.objects.select_for_update().filter(user=user, revoked_at=None)
        count = live.update(revoked_at=timezone.now())
        if count:
            record(
                EventType.API_TOKEN_REVOKED,
                actor=user,
                task_force=user.active_task_force,
                target=user,
                changes={"tokens": count, "reason": reason},
            )
    return count


def revoke_api_token(token: ApiToken, *, acting_user: User) -> ApiToken:
    """Revoke a token: it stops working at once."""
    if token.user_id != acting_user.pk:
        raise NotVisible()
    with transaction.atomic():
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            record(
                EventType.API_TOKEN_REVOKED,
                actor=acting_user,
                task_force=acting_user.active_task_force,
                target=token,
            )
    return token
