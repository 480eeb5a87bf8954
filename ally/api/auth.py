"""Personal API tokens: `Authorization: Bearer ally_…`. Read-only tokens may only read."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from ally.accounts.models import ApiToken, User, hash_token
from ally.core.errors import NotPermitted

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class ReadOnlyToken(NotPermitted):
    pass


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        found = (
            ApiToken.objects.select_related("user")
            .filter(token_hash=hash_token(token))
            .first()
        )
        now = timezone.now()
        if found is None or not found.is_usable(now) or not found.user.is_active:
            return None
        if found.read_only and request.method not in SAFE_METHODS:
            raise ReadOnlyToken("this token is read-only")
        if found.last_used_at is None or now - found.last_used_at > timedelta(minutes=5):
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        user = found.user
        # SECURITY: the token's task force, not whichever one its owner last opened.
        user.active_task_force_id = found.task_force_id
        request.user = user
        return user


def acting_user(request: Any) -> User:
    user: User = request.auth
    return user
