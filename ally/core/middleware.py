"""Request id, client address and one structured access-log line per request."""

from __future__ import annotations

import ipaddress
import logging
import re
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

from ally.core import requestcontext

log = logging.getLogger("ally.request")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9-]{8,64}$")


def client_ip(request: HttpRequest) -> str | None:
    """The client's address in canonical form: from our one trusted proxy, or the socket.

    Lockout (axes), rate limits (allauth) and the audit log all use this one answer. A value that
    is not an address (`unknown`, `1.2.3.4:5678`) counts as none rather than failing a request.
    """
    raw = request.META.get("REMOTE_ADDR", "")
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            raw = forwarded.split(",")[-1]
    try:
        return str(ipaddress.ip_address(raw.strip()))
    except ValueError:
        return None


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        # Only a proxy we trust may name the request (so its logs and ours line up).
        trusted = settings.BEHIND_PROXY and _REQUEST_ID.match(incoming)
        request_id = incoming if trusted else uuid.uuid4().hex
        context = requestcontext.RequestContext(request_id, client_ip(request))
        token = requestcontext.set_current(context)
        started = time.monotonic()
        try:
            response = self.get_response(request)
        finally:
            requestcontext.reset(token)
        response["X-Request-ID"] = request_id
        user = getattr(request, "user", None)
        # SECURITY: log ids and the route only: never query strings, emails or names.
        log.info(
            "request",
            extra={
                "request_id": request_id,
                "method": request.method,
                "route": request.resolver_match.route if request.resolver_match else None,
                "status": response.status_code,
                "duration_ms": round((time.monotonic() - started) * 1000, 1),
                "user_id": user.pk if user is not None and user.is_authenticated else None,
            },
        )
        return response


class PrivateResponsesMiddleware:
    """Nothing shown to a signed-in person, and no API answer, is kept in a browser or proxy cache."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if (signed_in or request.path.startswith("/api/")) and not request.path.startswith("/static/"):
            add_never_cache_headers(response)
        return response
