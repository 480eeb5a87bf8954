"""Request types for views behind @login_required, so `request.user` is an Ally User."""

from __future__ import annotations

from django.http import HttpRequest

from ally.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    user: User
