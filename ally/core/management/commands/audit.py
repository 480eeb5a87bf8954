"""ally audit verify: check the hash chain of every task force's audit log."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ally.audit.chain import verify
from ally.audit.models import AuditChain, AuditEvent


class Command(BaseCommand):
    help = "Audit-log tools. `ally audit verify` reports the first edited, inserted or deleted row."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args: Any, **options: Any) -> None:
        problems = verify()
        if problems:
            for problem in problems:
                self.stderr.write(f"TAMPERED {problem}")
            raise CommandError(f"the audit log has been altered ({len(problems)} chain(s) broken)")
        self.stdout.write(f"audit log intact: {AuditEvent.objects.count()} events verified")
        # Recording these heads somewhere else lets a later check prove no row was appended or
        # the whole chain rewritten since.
        for head in AuditChain.objects.order_by("key"):
            self.stdout.write(f"  {head.key}: {head.last_sequence} events, head {head.last_hash}")
