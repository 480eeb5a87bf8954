"""ally worker: run background tasks (emails and the like) from the database queue, and the
periodic jobs (escalations, daily digests) when they are due."""

from __future__ import annotations

import logging
import threading
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db import DatabaseBackend

from ally.core import schedule

logger = logging.getLogger(__name__)

# Periodic jobs are scheduled by the minute at the finest: looking a few times a minute is enough.
SCHEDULE_POLL_SECONDS = 20.0


class Command(BaseCommand):
    help = "Run the background task worker and the periodic jobs."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--interval", type=float, default=1.0, help="seconds between polls")
        parser.add_argument("--max-tasks", type=int, default=None, help="stop after this many tasks")
        parser.add_argument(
            "--batch",
            action="store_true",
            help="run the periodic jobs that are due and what is queued, then exit (for cron)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        has_queue = isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend)
        arguments = ["--interval", str(options["interval"]), "--no-startup-delay"]
        if options["max_tasks"]:
            arguments += ["--max-tasks", str(options["max_tasks"])]
        if options["batch"]:
            schedule.run_due_jobs()
            if has_queue:  # then the tasks the jobs queued, and any others
                call_command("db_worker", *arguments, "--batch")
            return
        if not has_queue:
            raise CommandError("TASKS must use the database backend for a long-running worker")
        stop = threading.Event()
        scheduler = threading.Thread(
            target=run_schedule, args=(stop,), name="ally-schedule", daemon=True
        )
        scheduler.start()
        try:
            call_command("db_worker", *arguments)
        finally:
            stop.set()


def run_schedule(stop: threading.Event, poll_seconds: float = SCHEDULE_POLL_SECONDS) -> None:
    """Beside the task worker: run the periodic jobs that are due, until `stop` is set."""
    while not stop.is_set():
        try:
            schedule.run_due_jobs()
        except Exception as error:  # the database is away or busy: look again next time
            logger.error("periodic jobs could not run", extra={"error": type(error).__name__})
        finally:
            close_old_connections()
        stop.wait(poll_seconds)
