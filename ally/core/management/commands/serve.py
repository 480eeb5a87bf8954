"""ally serve: gunicorn serving Ally (static files by whitenoise) plus the background worker."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


class Command(BaseCommand):
    help = "Serve Ally on HOST:PORT with gunicorn and run the background worker beside it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2, help="web worker processes")
        parser.add_argument("--no-worker", action="store_true", help="do not start the task worker")

    def handle(self, *args: Any, **options: Any) -> None:
        if not 0 < options["port"] < 65536:
            raise CommandError("--port must be between 1 and 65535")
        if options["workers"] < 1:
            raise CommandError("--workers must be at least 1")
        if not (settings.DEMO or settings.DEBUG or settings.HTTPS):
            raise CommandError(
                "production needs HTTPS: set ALLY_SITE_URL to an https:// address behind a TLS "
                "proxy (or ALLY_DEMO=true for a demo on this machine)"
            )
        connection.ensure_connection()
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise CommandError("the database needs migrating: run `ally migrate` first")
        call_command("collectstatic", interactive=False, verbosity=0)
        worker = None
        if not options["no_worker"]:
            worker = subprocess.Popen([sys.executable, "-m", "ally.cli", "worker"])  # noqa: S603
        from gunicorn.app.base import BaseApplication

        from ally.wsgi import application

        class Server(BaseApplication):  # type: ignore[misc]
            def load_config(self) -> None:
                self.cfg.set("bind", f"{options['host']}:{options['port']}")
                self.cfg.set("workers", options["workers"])
                self.cfg.set("accesslog", None)  # our middleware writes one JSON line per request
                self.cfg.set("timeout", 60)

            def load(self) -> Any:
                return application

        mode = " (demo mode)" if settings.DEMO else ""
        self.stdout.write(f"Ally{mode} on http://{options['host']}:{options['port']}/ — Ctrl-C stops.")
        try:
            Server().run()
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=10)
