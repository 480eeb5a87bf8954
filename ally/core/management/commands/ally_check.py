"""ally check: the configuration, the database, and Django's deployment checks."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection


class Command(BaseCommand):
    help = "Check the configuration, the database connection and Django's deployment checks."

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        # People type `ally check`; the usage line should say so, not `ally ally_check`.
        return super().create_parser(prog_name, "check", **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-deploy", action="store_true", help="skip `check --deploy`")

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"database: {connection.vendor} ({settings.DATABASES['default']['NAME']})")
        connection.ensure_connection()
        self.stdout.write("database: reachable")
        self.stdout.write(f"mode: {'demo' if settings.DEMO else 'debug' if settings.DEBUG else 'production'}")
        self.stdout.write(f"two-factor sign-in required: {'yes' if settings.MFA_REQUIRED else 'no'}")
        self.stdout.write(f"site: {settings.SITE_URL} (HTTPS: {'yes' if settings.HTTPS else 'no'})")
        if not settings.HTTPS and not (settings.DEMO or settings.DEBUG):
            raise CommandError("production without HTTPS: set ALLY_SITE_URL to an https:// address")
        if settings.HTTPS and not settings.BEHIND_PROXY:
            # `ally serve` speaks plain HTTP: with HTTPS on, every request would be redirected to
            # https:// and, with no TLS proxy in front, loop.
            self.stdout.write(
                "warning: ALLY_SITE_URL is https but ALLY_BEHIND_PROXY is off; put a TLS proxy "
                "in front of `ally serve` and set ALLY_BEHIND_PROXY=true"
            )
        call_command("check", deploy=not options["no_deploy"] and not (settings.DEMO or settings.DEBUG))
        if not options["no_deploy"] and (settings.DEMO or settings.DEBUG):
            self.stdout.write("deployment checks skipped in demo/debug mode")
