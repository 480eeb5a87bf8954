"""ally demo: build a demo task force with an account for every persona, and print the accounts.

Only in demo or debug mode. Running it again creates nothing and prints the same table: the
people and their passwords are derived from --scale and --seed.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse

from ally.core.errors import DomainError
from ally.demo import (
    DEMO_MODE_REQUIRED,
    SCALES,
    DemoError,
    ProgressPrinter,
    build,
    format_accounts,
    in_demo_mode,
)


def _plain(text: str) -> str:
    return text


class Command(BaseCommand):
    help = (
        "Build a demo task force (demo mode only) and print its sign-in accounts. "
        "Idempotent: an existing demo is left as it is."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale",
            choices=SCALES,
            default="statewide",
            help="small: a quick subset for tests (120 clients); statewide (default): one statewide "
            "task force with about 25 organizations, 60 accounts and 1,500 clients over three fiscal "
            "years; national: ten statewide task forces (1,000 clients each)",
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="the same seed always makes the same demo"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not in_demo_mode():
            raise CommandError(DEMO_MODE_REQUIRED)
        scale, seed = options["scale"], options["seed"]
        started = time.monotonic()
        try:
            result = build(scale, seed, progress=ProgressPrinter(self.stderr))
        except (DemoError, DomainError) as error:
            raise CommandError(str(error)) from None
        elapsed = time.monotonic() - started
        if result.created:
            self.stderr.write(
                f"Built {', '.join(result.created)} in {elapsed:.1f} s.", style_func=_plain
            )
        if result.existing:
            verb = "exists" if len(result.existing) == 1 else "exist"
            self.stderr.write(
                f"{', '.join(result.existing)} already {verb}: nothing created.",
                style_func=_plain,
            )
        for warning in result.warnings:
            self.stderr.write(f"Warning: {warning}", style_func=self.style.WARNING)
        self.stdout.write(format_accounts(result.accounts))
        self.stdout.write("")
        self.stdout.write(f"Sign in at {settings.SITE_URL}{reverse('account_login')}")
