"""The report as a PDF (WeasyPrint): a cover, each section's tables and charts, the definitions.

Nothing is fetched while rendering: the charts are inline SVG, the fonts come from the system
(DejaVu, Debian's fonts-dejavu-core) and every URL is refused.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from ally.reports.formats.cells import scope_text, suppression_note, unknown_note
from ally.reports.formats.layout import arrange
from ally.reports.model import Report


class RefuseEverything(URLFetcher):  # type: ignore[misc]
    """A report PDF reads nothing from anywhere: no host, no file."""

    def fetch(self, url: str, headers: Any = None) -> NoReturn:
        raise ValueError("report PDFs fetch no URL")


def report_html(report: Report) -> str:
    return render_to_string(
        "reports/report_pdf.html",
        {
            "report": report,
            "sections": arrange(report),
            "scope": scope_text(report),
            "suppression_note": suppression_note(report),
            "unknown_note": unknown_note(),
        },
    )


def write_pdf(report: Report) -> bytes:
    pdf = HTML(string=report_html(report), base_url=None, url_fetcher=RefuseEverything()).write_pdf()
    assert pdf is not None
    return bytes(pdf)
