"""A person's own profile, API tokens and active task force."""

from __future__ import annotations

from datetime import datetime, time

from allauth.account.internal.flows.reauthentication import raise_if_reauthentication_required
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ally.access import access_api_token, visible_to
from ally.accounts import actions
from ally.accounts.forms import ApiTokenForm, ProfileForm
from ally.accounts.middleware import has_mfa
from ally.accounts.models import ApiToken, User
from ally.audit.models import AuditEvent
from ally.core.errors import InvalidInput
from ally.core.http import AuthenticatedRequest


@login_required
def profile(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    profile_form = ProfileForm(instance=user, prefix="profile")
    token_form = ApiTokenForm(prefix="token")
    new_token = None
    if request.method == "POST" and "profile-full_name" in request.POST:
        profile_form = ProfileForm(request.POST, instance=User.objects.get(pk=user.pk), prefix="profile")
        if profile_form.is_valid():
            try:
                actions.update_profile(user, acting_user=user, **profile_form.cleaned_data)
            except InvalidInput as error:
                profile_form.add_error(None, str(error))
            else:
                translation.activate(user.preferred_language)
                messages.success(request, _("Profile saved."))
                response = redirect("profile")
                # The profile's language replaces any earlier pick from the language switch.
                response.delete_cookie(settings.LANGUAGE_COOKIE_NAME)
                return response
    elif request.method == "POST":
        # A token outlives the session: ask for the password (or a code) again first.
        raise_if_reauthentication_required(request, app="ally.accounts")
        token_form = ApiTokenForm(request.POST, prefix="token")
        if token_form.is_valid():
            expires_on = token_form.cleaned_data["expires_on"]
            expires_at = (
                timezone.make_aware(datetime.combine(expires_on, time.max))
                if expires_on
                else None
            )
            try:
                _token, new_token = actions.create_api_token(
                    user,
                    name=token_form.cleaned_data["name"],
                    read_only=token_form.cleaned_data["read_only"],
                    expires_at=expires_at,
                    acting_user=user,
                )
            except InvalidInput as error:
                token_form.add_error(None, str(error))
            else:
                token_form = ApiTokenForm(prefix="token")
    own_events = AuditEvent.objects.filter(actor=user, event_type__startswith="account.")[:10]
    return render(
        request,
        "accounts/profile.html",
        {
            "profile_form": profile_form,
            "token_form": token_form,
            "tokens": visible_to(user, ApiToken),
            "new_token": new_token,
            "task_forces": actions.task_forces_of(user),
            "has_mfa": has_mfa(user),
            "own_events": own_events,
        },
    )


@login_required
@require_POST
def token_revoke(request: AuthenticatedRequest, token_id: int) -> HttpResponse:
    token = access_api_token(request.user, token_id, for_change=True)
    actions.revoke_api_token(token, acting_user=request.user)
    messages.success(request, _("Token revoked. It no longer works."))
    return redirect("profile")


@login_required
@require_POST
def switch_task_force(request: AuthenticatedRequest) -> HttpResponse:
    try:
        task_force_id = int(request.POST.get("task_force", ""))
    except ValueError:
        task_force_id = 0
    actions.switch_task_force(request.user, task_force_id, acting_user=request.user)
    return redirect("home")
