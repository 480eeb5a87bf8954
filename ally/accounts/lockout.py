"""Tell django-axes which account a failed sign-in was for (allauth signs in by email)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def username_from_credentials(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    credentials = credentials or {}
    for key in ("email", "username", "login"):
        value = credentials.get(key)
        if value:
            return str(value).strip().lower()
    return str(request.POST.get("login", "")).strip().lower()
