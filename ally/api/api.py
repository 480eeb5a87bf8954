"""The HTTP API under /api/v1/ (OpenAPI at /api/v1/openapi.json)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from ally.api.auth import TokenAuth
from ally.api.routers import router
from ally.core.errors import Conflict, InvalidInput, NotPermitted, NotVisible

api = NinjaAPI(
    title="Ally API",
    version="1",
    description="Task-force data, through the same access policy as the web pages.",
    auth=TokenAuth(),
    docs_url=None,  # the interactive docs page loads scripts from a CDN; the schema is enough
    urls_namespace="api",
)
api.add_router("/", router)
api.add_router("/", "ally.api.care.router")
api.add_router("/", "ally.api.survivors.router")


@api.exception_handler(NotVisible)
def _not_visible(request: HttpRequest, exc: NotVisible) -> HttpResponse:
    return api.create_response(request, {"detail": "Not found."}, status=404)


@api.exception_handler(NotPermitted)
def _not_permitted(request: HttpRequest, exc: NotPermitted) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "Not permitted."}, status=403)


@api.exception_handler(InvalidInput)
def _invalid(request: HttpRequest, exc: InvalidInput) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=400)


@api.exception_handler(Conflict)
def _conflict(request: HttpRequest, exc: Conflict) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=409)
