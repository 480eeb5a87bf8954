"""ally evaluation-extract [--task-force SLUG] [--k 5] [--from FY2025 --to FY2026] --output FILE.zip

Writes the de-identified evaluation extract (extract.csv, dictionary.csv, README.txt) as the
system, recording EVALUATION_EXTRACT_EXPORTED like the page does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ally.core.errors import InvalidInput
from ally.evaluation import extract
from ally.tenancy.models import TaskForce


class Command(BaseCommand):
    help = "Write the de-identified evaluation extract of a task force as a ZIP file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--task-force", dest="task_force", help="the task force's slug (needed when there are several)")
        parser.add_argument("--k", dest="k", default=None, help="smallest group released (default 5, at least 2)")
        parser.add_argument("--from", dest="first_year", default=None, help="first intake fiscal year, like FY2025")
        parser.add_argument("--to", dest="last_year", default=None, help="last intake fiscal year, like FY2026")
        parser.add_argument("--output", required=True, help="the ZIP file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            opts = extract.options(options["k"], options["first_year"], options["last_year"])
        except InvalidInput as error:
            raise CommandError(str(error)) from None
        task_force = self._task_force(options["task_force"])
        output = Path(options["output"])
        if output.suffix.lower() != ".zip":
            raise CommandError("--output must name a .zip file")
        if not output.parent.exists():
            raise CommandError(f"the folder {output.parent} does not exist")
        made, content = extract.export(task_force, opts, acting_user=None)
        output.write_bytes(content)
        counts = made.shown_counts(english=True)
        self.stdout.write(
            f"wrote {output}: {counts['rows']} rows (k={opts.k}; {counts['included']} client records included, "
            f"{counts['suppressed_rows']} with suppressed values, {counts['dropped_rows']} dropped)"
        )

    def _task_force(self, slug: str | None) -> TaskForce:
        if slug:
            found = TaskForce.objects.filter(slug=slug).first()
            if found is None:
                raise CommandError(f"no task force with the slug {slug!r}")
            return found
        task_forces = list(TaskForce.objects.order_by("slug")[:2])
        if len(task_forces) != 1:
            raise CommandError("name the task force with --task-force SLUG" if task_forces else "there is no task force yet")
        return task_forces[0]
