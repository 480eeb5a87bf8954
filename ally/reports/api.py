"""Quarterly reports through the API: the catalogues, and a report as JSON (``Report.as_dict()``).

The same rules as the pages: the task force's report for any participant (small counts hidden),
``organization_id`` for an organization's own exact report (its supervisors and administrators;
403 for its other members, 404 elsewhere). A bad quarter or catalogue is 400. Every report
answered is recorded as an export (``REPORT_EXPORTED``, format json).
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from ally.access.reports import access_reporting_organization, require_aggregate_reader
from ally.api.auth import acting_user
from ally.api.common import E400, E403, E404, paginated
from ally.core.errors import InvalidInput
from ally.reports.catalogue import catalogue_ids, load_catalogue, text, versions
from ally.reports.formats import export_report
from ally.reports.formats.requests import ReportRequest, make_report
from ally.reports.views.reports import active_task_force

router = Router(tags=["reports"])


class CatalogueOut(Schema):
    id: str
    title: str
    versions: list[str]  # the fiscal years the catalogue's versions start, oldest first: ["FY2026"]


@router.get("/reports/catalogues", response=list[CatalogueOut])
@paginated
def list_catalogues(request: HttpRequest) -> list[dict[str, Any]]:
    """The report catalogues (measures kept as data), with their versions."""
    require_aggregate_reader(acting_user(request))
    out = []
    for catalogue_id in catalogue_ids():
        years = versions(catalogue_id)
        latest = load_catalogue(catalogue_id, years[-1])
        out.append({"id": catalogue_id, "title": text(latest.title), "versions": [f"FY{y}" for y in years]})
    return out


@router.get("/reports/{catalogue}/{quarter}", response={200: dict[str, Any], **E400, **E403, **E404})
def get_report(request: HttpRequest, catalogue: str, quarter: str, organization_id: int | None = None) -> dict[str, Any]:
    """One quarter's report (``quarter`` like FY2026Q1): the task force's, suppressed, or with
    ``organization_id`` that organization's own exact counts."""
    user = acting_user(request)
    require_aggregate_reader(user)
    organization = access_reporting_organization(user, organization_id) if organization_id is not None else None
    task_force = active_task_force(user)
    try:
        report = make_report(catalogue, quarter, task_force, organization)
    except ReportRequest as error:
        raise InvalidInput(str(error)) from error
    rendered = export_report(report, "json", acting_user=user, task_force=task_force, organization=organization)
    answer: dict[str, Any] = json.loads(rendered.content)
    return answer
