"""Allauth adapters: nobody signs up on their own; single sign-on only for existing members."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.contrib import messages
from django.http import HttpRequest
from django.shortcuts import redirect
from django.utils.translation import gettext as _


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Accounts come only from an organization administrator's invitation.
        return False


class SocialAccountAdapter(DefaultSocialAccountAdapter):  # type: ignore[misc]
    def is_open_for_signup(self, request: HttpRequest, sociallogin: Any) -> bool:
        return False

    def pre_social_login(self, request: HttpRequest, sociallogin: Any) -> None:
        """Single sign-on lets in only an existing member of the task force that set it up."""
        from ally.tenancy.sso import task_force_for_app, user_may_use_sso

        task_force = task_force_for_app(sociallogin.account.provider)
        user = sociallogin.user if sociallogin.is_existing else None
        if user is None or user.pk is None:
            from ally.accounts.models import User

            email = (sociallogin.user.email or "").lower()
            user = User.objects.filter(email__iexact=email).first() if email else None
        email = (sociallogin.user.email or (user.email if user else "") or "").lower()
        if task_force is None or user is None or not user_may_use_sso(user, task_force, email):
            messages.error(
                request,
                _(
                    "Single sign-on did not match a member of this task force who has "
                    "two-factor sign-in. Sign in with your password first."
                ),
            )
            raise ImmediateHttpResponse(redirect("account_login"))
        if user.active_task_force_id != task_force.pk:
            # Signing in through a task force's provider opens that task force.
            from ally.accounts.actions import switch_task_force

            switch_task_force(user, task_force.pk, acting_user=user)

    def list_apps(self, request: HttpRequest, provider: Any = None, client_id: Any = None) -> Any:
        from ally.tenancy.sso import with_secrets

        return with_secrets(super().list_apps(request, provider=provider, client_id=client_id))
