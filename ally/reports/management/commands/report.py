"""ally report <catalogue> --org SLUG|--task-force --quarter FY2026Q1 --format json|csv|xlsx|pdf [--output FILE]

Writes one quarterly report: an organization's own exact counts (--org) or the task force's,
small counts hidden (--task-force). JSON and CSV go to standard output unless --output is given;
XLSX and PDF need --output. Every report written is recorded in the audit log (actor: none).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ally.reports.formats import FORMATS, export_report
from ally.reports.formats.requests import ReportRequest, make_report
from ally.tenancy.models import Organization, TaskForce


def _task_force(slug: str | None) -> TaskForce:
    if slug:
        found = TaskForce.objects.filter(slug=slug).first()
        if found is None:
            raise CommandError(f"no task force with the slug {slug!r}")
        return found
    task_forces = list(TaskForce.objects.order_by("slug")[:20])
    if not task_forces:
        raise CommandError("there is no task force yet: run `ally init` or `ally demo` first")
    if len(task_forces) > 1:
        slugs = ", ".join(t.slug for t in task_forces)
        raise CommandError(f"several task forces exist ({slugs}): name one with --task-force-slug")
    return task_forces[0]


class Command(BaseCommand):
    help = "Write a quarterly report (an organization's exact counts, or the task force's, suppressed)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("catalogue", help="the measure catalogue, e.g. ovc or le")
        scope = parser.add_mutually_exclusive_group(required=True)
        scope.add_argument("--org", metavar="SLUG", help="an organization's own report (exact counts)")
        scope.add_argument("--task-force", action="store_true", help="the whole task force's report (small counts hidden)")
        parser.add_argument("--quarter", required=True, help="the federal fiscal quarter, e.g. FY2026Q1 (Q1 = October–December)")
        parser.add_argument("--format", dest="fmt", choices=FORMATS, default="json")
        parser.add_argument("--output", metavar="FILE", help="the file to write (required for xlsx and pdf)")
        parser.add_argument("--task-force-slug", metavar="SLUG", help="which task force, when there are several")

    def handle(self, *args: Any, **options: Any) -> None:
        fmt: str = options["fmt"]
        output: str | None = options["output"]
        if fmt in {"xlsx", "pdf"} and not output:
            raise CommandError(f"--format {fmt} writes a binary file: give it with --output FILE")
        task_force = _task_force(options["task_force_slug"])
        organization = None
        if options["org"]:
            organization = Organization.objects.filter(task_force=task_force, slug=options["org"]).first()
            if organization is None:
                raise CommandError(f"no organization with the slug {options['org']!r} in the task force {task_force.slug!r}")
        try:
            report = make_report(options["catalogue"], options["quarter"], task_force, organization)
        except ReportRequest as error:
            raise CommandError(str(error)) from error
        rendered = export_report(report, fmt, acting_user=None, task_force=task_force, organization=organization)
        if output:
            try:
                Path(output).write_bytes(rendered.content)
            except OSError as error:
                raise CommandError(f"cannot write {output}: {error.strerror}") from error
            self.stderr.write(f"wrote {output} ({len(rendered.content)} bytes)")
        else:
            self.stdout.write(rendered.content.decode("utf-8").removeprefix("\ufeff"), ending="")
