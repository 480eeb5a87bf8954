"""A computed report written out as a file: CSV, XLSX, PDF or JSON.

Writers only lay out the cells of a ``Report`` (counts already exact or suppressed); they never
count. ``export_report`` is the one way a report leaves Ally (pages, API, command line): it
writes the file and records a ``REPORT_EXPORTED`` audit event naming the catalogue, quarter,
scope, organization and format — never a name or a count.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

from ally.audit.chain import record
from ally.audit.events import EventType
from ally.reports.model import Report

FORMATS = ("json", "csv", "xlsx", "pdf")
CONTENT_TYPES = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


@dataclass(frozen=True)
class Rendered:
    content: bytes
    content_type: str
    filename: str


def render(report: Report, fmt: str) -> bytes:
    """The report as the bytes of one format (ValueError for a format Ally does not write)."""
    if fmt == "json":
        return json.dumps(report.as_dict(), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()
    if fmt == "csv":
        from ally.reports.formats.csvfile import write_csv

        return write_csv(report)
    if fmt == "xlsx":
        from ally.reports.formats.xlsx import write_xlsx

        return write_xlsx(report)
    if fmt == "pdf":
        from ally.reports.formats.pdf import write_pdf

        return write_pdf(report)
    raise ValueError(f"no report format {fmt!r}: choose one of {', '.join(FORMATS)}")


def file_name(report: Report, fmt: str, scope_slug: str) -> str:
    return f"{report.catalogue_id}-{report.quarter}-{scope_slug}.{fmt}"


def export_report(
    report: Report, fmt: str, *, acting_user: Any, task_force: Any, organization: Any = None
) -> Rendered:
    """Write the report in ``fmt`` and record who took it away (``acting_user`` None: the
    command line)."""
    content = render(report, fmt)
    record(
        EventType.REPORT_EXPORTED,
        actor=acting_user,
        task_force=task_force,
        organization=organization,
        changes={
            "catalogue": report.catalogue_id,
            "catalogue_version": report.catalogue_version,
            "quarter": str(report.quarter),
            "scope": report.scope,
            "organization_id": organization.pk if organization is not None else None,
            "format": fmt,
        },
    )
    slug = organization.slug if organization is not None else task_force.slug
    return Rendered(content, CONTENT_TYPES[fmt], file_name(report, fmt, slug))
