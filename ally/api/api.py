"""The HTTP API under /api/v1/ (OpenAPI at /api/v1/openapi.json)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.operation import Operation

from ally.api.auth import TokenAuth
from ally.core.errors import Conflict, InvalidInput, NotPermitted, NotVisible

# Operation ids are "<module>_<function>", as ninja makes them, except that an operation moved to
# another module keeps the id it was published with: generated clients name methods after them.
PUBLISHED_IN = {
    "ally.api.survivors.clients": "ally.api.survivors",
    "ally.api.survivors.consents": "ally.api.survivors",
    "ally.api.survivors.disclosures": "ally.api.survivors",
    "ally.api.survivors.care": "ally.api.care",
    "ally.api.survivors.events": "ally.api.care",
    "ally.api.survivors.screenings": "ally.api.care",
    "ally.api.referrals.referrals": "ally.api.referrals",
}


class AllyApi(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        module = operation.view_func.__module__
        name = f"{PUBLISHED_IN.get(module, module)}_{operation.view_func.__name__}"
        return name.replace(".", "_")


api = AllyApi(
    title="Ally API",
    version="1",
    description="Task-force data, through the same access policy as the web pages.",
    auth=TokenAuth(),
    docs_url=None,  # the interactive docs page loads scripts from a CDN; the schema is enough
    urls_namespace="api",
)
# Every router, one a module.
api.add_router("/", "ally.api.routers.router")
api.add_router("/", "ally.api.survivors.clients.router")
api.add_router("/", "ally.api.survivors.consents.router")
api.add_router("/", "ally.api.survivors.disclosures.router")
api.add_router("/", "ally.api.survivors.care.router")
api.add_router("/", "ally.api.survivors.events.router")
api.add_router("/", "ally.api.survivors.screenings.router")
api.add_router("/", "ally.network.api.providers.router")
api.add_router("/", "ally.network.api.claims.router")
api.add_router("/", "ally.notifications.api.router")
api.add_router("/", "ally.api.referrals.referrals.router")
api.add_router("/", "ally.api.investigations.tips.router")
api.add_router("/", "ally.api.investigations.investigations.router")
api.add_router("/", "ally.api.investigations.targets.router")
api.add_router("/", "ally.api.investigations.operations.router")
api.add_router("/", "ally.api.investigations.deconfliction.router")
api.add_router("/", "ally.api.prosecutions.referrals.router")
api.add_router("/", "ally.api.prosecutions.cases.router")
api.add_router("/", "ally.api.prosecutions.statutes.router")
api.add_router("/", "ally.meetings.api.router")
api.add_router("/", "ally.protocols.api.router")
api.add_router("/", "ally.trainings.api.router")
api.add_router("/", "ally.outreach.api.router")
api.add_router("/", "ally.reports.api.router")
api.add_router("/", "ally.reports.dashboard_api.router")
api.add_router("/", "ally.htcds.api.router")
api.add_router("/", "ally.evaluation.api.router")


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
