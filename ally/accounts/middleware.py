"""Outside demo mode, nobody uses Ally until their account has two-factor sign-in."""

from __future__ import annotations

from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import translation

# Paths a signed-in person without MFA may still reach: enrolling, signing out, static files.
_OPEN_PREFIXES = (
    "/accounts/2fa/totp/activate/",
    "/accounts/2fa/recovery-codes/",
    "/accounts/2fa/reauthenticate/",
    "/accounts/reauthenticate/",
    "/accounts/logout/",
    "/static/",
    "/healthz",
    "/i18n/",
    "/api/",
)


def has_mfa(user: object) -> bool:
    return bool(Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists())


class PreferredLanguageMiddleware:
    """Show a signed-in person their profile's language, unless they chose one with the switch."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and user.preferred_language in dict(settings.LANGUAGES)
        ):
            translation.activate(user.preferred_language)
            request.LANGUAGE_CODE = user.preferred_language
        return self.get_response(request)


class MfaRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Checked on every request (one indexed query), so removing the authenticator on one
        # device takes effect on every session at once.
        if (
            settings.MFA_REQUIRED
            and request.user.is_authenticated
            and not request.path.startswith(_OPEN_PREFIXES)
            and not has_mfa(request.user)
        ):
            return redirect("mfa_activate_totp")
        return self.get_response(request)
