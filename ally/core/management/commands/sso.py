"""ally sso: point a task force's single sign-on at an OpenID Connect issuer."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ally.core.errors import DomainError
from ally.tenancy.models import TaskForce
from ally.tenancy.sso import configure_sso, provider_id_for, secret_variable_for


class Command(BaseCommand):
    help = "Configure OpenID Connect single sign-on for a task force (its secret stays in the environment)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("task_force", help="the task force's short name (slug)")
        parser.add_argument("--issuer", required=True, help="the provider's https:// issuer URL")
        parser.add_argument("--client-id", required=True)
        parser.add_argument("--label", default="", help="the button's label on the sign-in page")
        parser.add_argument(
            "--email-domain",
            action="append",
            default=[],
            dest="email_domains",
            help="accept only addresses in this domain (repeat for several); recommended",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        task_force = TaskForce.objects.filter(slug=options["task_force"]).first()
        if task_force is None:
            raise CommandError(f"no task force with the short name {options['task_force']!r}")
        try:
            configure_sso(
                task_force,
                issuer=options["issuer"],
                client_id=options["client_id"],
                label=options["label"],
                email_domains=options["email_domains"],
                acting_user=None,
            )
        except DomainError as error:
            raise CommandError(str(error)) from None
        variable = secret_variable_for(provider_id_for(task_force))
        self.stdout.write(f"Single sign-on set for {task_force.name}. Put the client secret in {variable}.")
