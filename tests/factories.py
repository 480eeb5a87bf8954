"""Small builders for tests: a person, a task force, an organization, a membership."""

from __future__ import annotations

import itertools
from typing import Any

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from ally.accounts.models import User
from ally.tenancy import actions
from ally.tenancy.models import Organization, Region, TaskForce

_n = itertools.count(1)
PASSWORD = "correct-horse-battery-staple-42"


def person(full_name: str = "", *, email: str = "", mfa: bool = True, **fields: Any) -> User:
    n = next(_n)
    user = User.objects.create_user(
        email or f"person{n}@example.org", PASSWORD, full_name=full_name or f"Person {n}", **fields
    )
    if mfa:
        TOTP.activate(user, generate_totp_secret())
    return user


def task_force(name: str = "", **fields: Any) -> TaskForce:
    n = next(_n)
    fields.setdefault("kind", "statewide")
    fields.setdefault("states", ["WI"])
    return actions.create_task_force(name=name or f"Task Force {n}", acting_user=None, **fields)


def region(tf: TaskForce, name: str = "", **fields: Any) -> Region:
    fields.setdefault("counties", ["Dane"])
    return actions.create_region(tf, name=name or f"Region {next(_n)}", acting_user=None, **fields)


def organization(tf: TaskForce, name: str = "", **fields: Any) -> Organization:
    fields.setdefault("discipline", "victim_services")
    fields.setdefault("jurisdiction", "local")
    return actions.create_organization(
        tf, name=name or f"Organization {next(_n)}", acting_user=None, **fields
    )


def member(org: Organization, role: str = "member", user: User | None = None, **fields: Any) -> User:
    user = user or person(**fields)
    actions.add_member(org, user=user, role=role, acting_user=None)
    user.refresh_from_db()
    return user


def role(tf: TaskForce, kind: str, user: User | None = None, regions: list[Region] | None = None) -> User:
    user = user or person()
    actions.grant_task_force_role(tf, user=user, role=kind, regions=regions, acting_user=None)
    user.refresh_from_db()
    return user
