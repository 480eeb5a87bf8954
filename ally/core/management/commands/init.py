"""ally init: create the tables, the first task force and its first administrator (the coordinator)."""

from __future__ import annotations

import getpass
import os
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from ally.accounts.models import User
from ally.core.errors import DomainError
from ally.tenancy import actions
from ally.tenancy.vocab import TaskForceKind, TaskForceRoleKind


class Command(BaseCommand):
    help = "Migrate the database; create the first task force and its coordinator (flags or prompts)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--task-force", dest="name", help="the task force's name")
        parser.add_argument("--type", dest="kind", choices=TaskForceKind.values)
        parser.add_argument("--states", help="state codes, comma-separated (e.g. WI or WI,MN)")
        parser.add_argument("--time-zone", default="America/Chicago")
        parser.add_argument("--admin-email")
        parser.add_argument("--admin-name")
        parser.add_argument(
            "--admin-password-env",
            default="ALLY_ADMIN_PASSWORD",
            help="environment variable holding the administrator's password "
            "(default ALLY_ADMIN_PASSWORD; prompted for when unset and interactive)",
        )
        parser.add_argument("--no-input", action="store_true", help="never prompt")

    def _value(self, options: dict[str, Any], key: str, flag: str, prompt: str) -> str:
        value = options.get(key)
        if value:
            return str(value)
        if options["no_input"] or not sys.stdin.isatty():
            raise CommandError(f"{flag} is required (no terminal to ask on)")
        return input(f"{prompt}: ").strip()

    def handle(self, *args: Any, **options: Any) -> None:
        options["kind"] = options.get("kind") or None
        name = self._value(options, "name", "--task-force", "Task force name")
        kind = self._value(
            options, "kind", "--type", f"Type ({'/'.join(TaskForceKind.values)})"
        )
        states = self._value(options, "states", "--states", "State code(s), comma-separated")
        email = self._value(options, "admin_email", "--admin-email", "Administrator's email")
        full_name = self._value(
            options, "admin_name", "--admin-name", "Administrator's full name"
        )
        password = os.environ.get(options["admin_password_env"], "")
        if not password:
            if options["no_input"] or not sys.stdin.isatty():
                raise CommandError(f"set {options['admin_password_env']} to the administrator's password")
            password = getpass.getpass("Administrator's password: ")
        from django.contrib.auth.password_validation import validate_password
        from django.core.exceptions import ValidationError

        try:
            validate_password(password, User(email=email, full_name=full_name))
        except ValidationError as error:
            raise CommandError("password: " + " ".join(error.messages)) from None
        # Ask for everything first, so a missing answer leaves the database untouched.
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Database ready.")
        try:
            with transaction.atomic():
                task_force = actions.create_task_force(
                    name=name, kind=kind, states=states.split(","),
                    time_zone=options["time_zone"], acting_user=None,
                )
                if User.objects.filter(email__iexact=email).exists():
                    raise CommandError(f"an account with the email {email} already exists")
                admin = User.objects.create_user(email, password, full_name=full_name)
                actions.grant_task_force_role(
                    task_force, user=admin, role=TaskForceRoleKind.COORDINATOR, acting_user=None
                )
        except DomainError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(f"Created {task_force.name} with coordinator {admin.email}.")
        )
        self.stdout.write("Sign in, enroll two-factor sign-in, then add organizations and invite members.")
