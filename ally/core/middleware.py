"""Request id, client address and one structured access-log line per request."""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from ally.core import requestcontext

log = logging.getLogger("ally.request")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9-]{8,64}$")


def _client_ip(request: HttpRequest) -> str | None:
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip() or None
    return request.META.get("REMOTE_ADDR") or None


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        context = requestcontext.RequestContext(request_id, _client_ip(request))
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
