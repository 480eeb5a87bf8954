"""ally htcds export|import: an organization's clients in HTCDS v2.0 form (CSV or XLSX).

    ally htcds export --org SLUG --format csv|xlsx --output FILE [--force] [--task-force SLUG]
    ally htcds import --org SLUG FILE [--as EMAIL] [--task-force SLUG]

Without --as, the import runs as the system (no advocate is assigned); with it, as that person,
who must be an administrator of the organization and becomes each client's advocate.

The export file is created readable and writable by its owner only (mode 0600). An existing file
(or symbolic link) is refused unless --force is given, which replaces it with a new 0600 file.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ally.accounts.models import User
from ally.core.errors import DomainError
from ally.htcds.export import export_clients
from ally.htcds.importer import import_clients
from ally.tenancy.models import Organization


class Command(BaseCommand):
    help = "Export or import an organization's clients in HTCDS v2.0 form (CSV or XLSX)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        out = actions.add_parser("export", help="write the organization's clients to a file")
        out.add_argument("--org", required=True, help="the organization's slug")
        out.add_argument("--task-force", help="the task force's slug, when several share the slug")
        out.add_argument("--format", choices=["csv", "xlsx"], required=True)
        out.add_argument("--output", required=True, help="the file to write (created with mode 0600)")
        out.add_argument("--force", action="store_true", help="replace the output file if it exists")
        into = actions.add_parser("import", help="create the clients of an HTCDS file, all or none")
        into.add_argument("--org", required=True, help="the organization's slug")
        into.add_argument("--task-force", help="the task force's slug, when several share the slug")
        into.add_argument("--as", dest="as_email", help="the administrator importing (becomes the advocate)")
        into.add_argument("file", help="a CSV or XLSX file")

    def handle(self, *args: Any, **options: Any) -> None:
        organization = _organization(options["org"], options.get("task_force"))
        if options["action"] == "export":
            self._export(organization, options)
        else:
            self._import(organization, options)

    def _export(self, organization: Organization, options: dict[str, Any]) -> None:
        path = options["output"]
        try:
            if options.get("force"):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(path)
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            raise CommandError(f"{path} already exists: choose another file or add --force to replace it") from None
        except OSError as error:
            raise CommandError(f"cannot write {path}: {error.strerror}") from None
        written = False
        try:
            with os.fdopen(descriptor, "wb") as out:
                file = export_clients(organization, fmt=options["format"], acting_user=None)
                out.write(file.content)
            written = True
        except OSError as error:
            raise CommandError(f"cannot write {path}: {error.strerror}") from None
        finally:
            if not written:
                with contextlib.suppress(OSError):
                    os.unlink(path)
        self.stdout.write(f"{file.count} clients of {organization.slug} written to {path} ({options['format']})")

    def _import(self, organization: Organization, options: dict[str, Any]) -> None:
        acting_user = None
        if options.get("as_email"):
            acting_user = User.objects.filter(email__iexact=options["as_email"], is_active=True).first()
            if acting_user is None:
                raise CommandError(f"no active user has the email {options['as_email']}")
        try:
            content = Path(options["file"]).read_bytes()
        except OSError as error:
            raise CommandError(f"cannot read {options['file']}: {error.strerror}") from None
        try:
            result = import_clients(organization, content, acting_user=acting_user)
        except DomainError as error:
            raise CommandError(str(error) or f"{options['as_email']} may not import into {organization.slug}") from None
        if result.problems:
            self.stderr.write("row\tcolumn\tproblem")
            for problem in result.problems:
                self.stderr.write(f"{problem.row or 'file'}\t{problem.column or '-'}\t{problem.reason}")
            raise CommandError(f"nothing imported: {len(result.problems)} problem(s) in {options['file']}")
        if result.ignored_columns:
            self.stdout.write(f"ignored columns: {', '.join(result.ignored_columns)}")
        self.stdout.write(f"{len(result.created)} clients imported into {organization.slug}")


def _organization(slug: str, task_force: str | None) -> Organization:
    found = Organization.objects.filter(slug=slug).select_related("task_force")
    if task_force:
        found = found.filter(task_force__slug=task_force)
    matches = list(found[:2])
    if not matches:
        raise CommandError(f"no organization has the slug {slug!r}")
    if len(matches) > 1:
        raise CommandError(f"several task forces have an organization {slug!r}: add --task-force SLUG")
    return matches[0]
