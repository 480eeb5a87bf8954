"""Sign-in and account-security events from Django, allauth and axes, into the audit log."""

from __future__ import annotations

from typing import Any

from allauth.account.signals import password_changed, password_reset
from allauth.mfa.signals import (
    authentication_failed,
    authenticator_added,
    authenticator_removed,
    authenticator_reset,
)
from allauth.socialaccount.signals import social_account_added, social_account_removed
from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from ally.accounts.actions import revoke_all_api_tokens
from ally.audit.chain import record
from ally.audit.events import EventType


def _task_force(user: Any) -> Any:
    return getattr(user, "active_task_force", None) if user is not None else None


@receiver(user_logged_in)
def _signed_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    record(EventType.SIGNED_IN, actor=user, task_force=_task_force(user), target=user)


@receiver(user_logged_out)
def _signed_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        record(EventType.SIGNED_OUT, actor=user, task_force=_task_force(user), target=user)


@receiver(user_login_failed)
def _sign_in_failed(sender: Any, credentials: dict[str, Any], **kwargs: Any) -> None:
    # SECURITY: the attempted email is personal data: record only that a failure happened.
    record(EventType.SIGN_IN_FAILED)


@receiver(user_locked_out)
def _locked_out(sender: Any, request: Any = None, **kwargs: Any) -> None:
    record(EventType.LOCKED_OUT)


@receiver(password_changed)
def _password_changed(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    record(EventType.PASSWORD_CHANGED, actor=user, task_force=_task_force(user), target=user)
    revoke_all_api_tokens(user, reason="password changed")


@receiver(password_reset)
def _password_reset(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    record(EventType.PASSWORD_RESET, actor=user, task_force=_task_force(user), target=user)
    revoke_all_api_tokens(user, reason="password reset")


@receiver(authenticator_added)
def _mfa_added(sender: Any, request: Any, user: Any, authenticator: Any, **kwargs: Any) -> None:
    event = (
        EventType.RECOVERY_CODES_GENERATED
        if authenticator.type == "recovery_codes"
        else EventType.MFA_ENABLED
    )
    record(event, actor=user, task_force=_task_force(user), target=user)


@receiver(authenticator_removed)
def _mfa_removed(sender: Any, request: Any, user: Any, authenticator: Any, **kwargs: Any) -> None:
    record(EventType.MFA_DISABLED, actor=user, task_force=_task_force(user), target=user)
    if authenticator.type == "totp":
        revoke_all_api_tokens(user, reason="two-factor sign-in removed")


@receiver(authenticator_reset)
def _mfa_reset(sender: Any, request: Any, user: Any, authenticator: Any, **kwargs: Any) -> None:
    record(EventType.RECOVERY_CODES_GENERATED, actor=user, task_force=_task_force(user), target=user)


@receiver(authentication_failed)
def _mfa_failed(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    record(EventType.MFA_FAILED, actor=user, task_force=_task_force(user), target=user)


@receiver(social_account_added)
def _sso_linked(sender: Any, request: Any, sociallogin: Any, **kwargs: Any) -> None:
    user = sociallogin.user
    record(
        EventType.SSO_LINKED,
        actor=user,
        task_force=_task_force(user),
        target=user,
        changes={"provider": sociallogin.account.provider},
    )


@receiver(social_account_removed)
def _sso_unlinked(sender: Any, request: Any, socialaccount: Any, **kwargs: Any) -> None:
    user = socialaccount.user
    record(
        EventType.SSO_UNLINKED,
        actor=user,
        task_force=_task_force(user),
        target=user,
        changes={"provider": socialaccount.provider},
    )
