"""OpenID Connect single sign-on, configured per task force.

Each task force may name one identity provider. Its allauth SocialApp is keyed `tf-<slug>`; the
client secret is never stored in the database: it is read from the environment variable
ALLY_OIDC_SECRET_<SLUG> (slug upper-cased, dashes as underscores) when a sign-in starts.
"""

from __future__ import annotations

import os
import re
from typing import Any

from allauth.socialaccount.models import SocialApp
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from ally.accounts.models import User
from ally.audit.chain import record
from ally.audit.events import EventType
from ally.core.errors import InvalidInput, NotPermitted
from ally.tenancy.models import Membership, TaskForce, TaskForceRole

PROVIDER = "openid_connect"


def provider_id_for(task_force: TaskForce) -> str:
    return f"tf-{task_force.slug}"


def secret_variable_for(provider_id: str) -> str:
    return "ALLY_OIDC_SECRET_" + re.sub(r"[^A-Z0-9]", "_", provider_id.removeprefix("tf-").upper())


def task_force_for_app(provider_id: str) -> TaskForce | None:
    if not provider_id.startswith("tf-"):
        return None
    return TaskForce.objects.filter(slug=provider_id.removeprefix("tf-")).first()


def user_may_use_sso(user: User, task_force: TaskForce, email: str) -> bool:
    """An SSO sign-in must match an active member who already has two-factor sign-in.

    SECURITY: the identity provider vouches for an email address. It may speak only for its own
    task force's members, only for addresses in its allowed domains (when any are set), and
    never for someone who has not yet enrolled two-factor sign-in (else whoever controls the
    provider could enrol their own authenticator for them).
    """
    from allauth.mfa.models import Authenticator

    domains = allowed_email_domains(task_force)
    if domains and email.rsplit("@", 1)[-1].lower() not in domains:
        return False
    return (
        user.is_active
        and Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        and (
            Membership.objects.filter(
                user=user, task_force=task_force, is_active=True, organization__is_active=True
            ).exists()
            or TaskForceRole.objects.filter(user=user, task_force=task_force).exists()
        )
    )


def allowed_email_domains(task_force: TaskForce) -> list[str]:
    app = SocialApp.objects.filter(provider=PROVIDER, provider_id=provider_id_for(task_force)).first()
    return list(app.settings.get("email_domains", [])) if app is not None else []


def with_secrets(apps: list[Any]) -> list[Any]:
    for app in apps:
        if app.provider == PROVIDER and app.provider_id.startswith("tf-"):
            app.secret = os.environ.get(secret_variable_for(app.provider_id), "")
    return apps


def configure_sso(
    task_force: TaskForce,
    *,
    issuer: str,
    client_id: str,
    label: str = "",
    email_domains: list[str] | None = None,
    acting_user: User | None,
) -> SocialApp:
    """Point a task force's single sign-on at an OpenID Connect issuer (the command line does this)."""
    if acting_user is not None and not acting_user.is_superuser:
        raise NotPermitted()
    issuer = issuer.strip().rstrip("/")
    try:
        URLValidator(schemes=["https"])(issuer)
    except Exception:
        raise InvalidInput(_("The issuer must be an https:// URL.")) from None
    if not client_id.strip():
        raise InvalidInput(_("The client id is required."))
    domains = sorted({d.strip().lower().lstrip("@") for d in email_domains or [] if d.strip()})
    if any("." not in d or "/" in d for d in domains):
        raise InvalidInput(_("Email domains look like example.org."))
    provider_id = provider_id_for(task_force)
    with transaction.atomic():
        app, _created = SocialApp.objects.update_or_create(
            provider=PROVIDER,
            provider_id=provider_id,
            defaults={
                "name": (label or task_force.name)[:40],
                "client_id": client_id.strip(),
                "secret": "",
                "settings": {"server_url": issuer, "email_domains": domains},
            },
        )
        record(
            EventType.SSO_CONFIGURED,
            actor=acting_user,
            task_force=task_force,
            changes={"issuer": issuer, "client_id": client_id.strip(), "email_domains": domains},
        )
    return app
