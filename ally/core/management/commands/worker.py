"""ally worker: run background tasks (reminders, escalations, emails) from the database queue."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Run the background task worker."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--interval", type=float, default=1.0, help="seconds between polls")
        parser.add_argument("--max-tasks", type=int, default=None, help="stop after this many tasks")
        parser.add_argument("--batch", action="store_true", help="run what is queued, then exit")

    def handle(self, *args: Any, **options: Any) -> None:
        arguments = ["--interval", str(options["interval"]), "--no-startup-delay"]
        if options["max_tasks"]:
            arguments += ["--max-tasks", str(options["max_tasks"])]
        if options["batch"]:
            arguments.append("--batch")
        call_command("db_worker", *arguments)
