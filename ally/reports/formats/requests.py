"""A report asked for by catalogue id, quarter text and scope — from a page, the API or the
command line — checked before anything is counted: ``ReportRequest`` (a ValueError) says in one
sentence what is wrong (unknown catalogue, not a fiscal quarter, no catalogue version)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ally.access.survivors import today_in
from ally.core.fiscal import FiscalQuarter
from ally.reports.catalogue import catalogue_ids, load_catalogue, text, versions
from ally.reports.engine import build_report
from ally.reports.model import Report
from ally.tenancy.models import Organization, TaskForce


class ReportRequest(ValueError):
    """A request for a report that cannot be made (unknown catalogue, bad quarter): 400."""


def last_complete_quarter(task_force_id: int) -> FiscalQuarter:
    return FiscalQuarter.containing(today_in(task_force_id)).previous()


def parse_quarter(value: str) -> FiscalQuarter:
    try:
        return FiscalQuarter.parse(value)
    except ValueError as error:
        raise ReportRequest(_("“%(value)s” is not a fiscal quarter: write it like FY2026Q1 (Q1 is October to December).") % {"value": value}) from error


def check_catalogue(catalogue_id: str) -> None:
    if catalogue_id not in catalogue_ids():
        known = ", ".join(catalogue_ids())
        raise ReportRequest(_("There is no report catalogue “%(catalogue)s”; the catalogues are: %(known)s.") % {"catalogue": catalogue_id, "known": known})


def make_report(catalogue_id: str, quarter_text: str, task_force: TaskForce, organization: Organization | None) -> Report:
    """The report asked for, or ``ReportRequest`` saying what is wrong with the request."""
    check_catalogue(catalogue_id)
    quarter = parse_quarter(quarter_text)
    try:
        return build_report(catalogue_id, task_force=task_force, quarter=quarter, organization=organization)
    except ValueError as error:  # CatalogueError: no version for that year, a measure that does not hold
        raise ReportRequest(str(error)) from error


def catalogue_choices() -> list[tuple[str, str]]:
    choices = []
    for catalogue_id in catalogue_ids():
        latest = load_catalogue(catalogue_id, versions(catalogue_id)[-1])
        choices.append((catalogue_id, text(latest.title)))
    return choices
