"""A task force with a victim-service provider, the police, a prosecutor, a navigator, and a
protocol binding the provider, the police and the navigator role."""

from __future__ import annotations

import datetime as dt

import pytest

from ally.access.survivors import today_in
from ally.accounts.models import User
from ally.protocols import actions
from tests import factories

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def fresh(user: User) -> User:
    """The user as the next request loads them (grants are cached on the object)."""
    return User.objects.get(pk=user.pk)


@pytest.fixture
def today(tf):
    return today_in(tf.pk)


@pytest.fixture
def da(tf):
    return factories.organization(tf, "County District Attorney", discipline="prosecution")


@pytest.fixture
def vsp_supervisor(vsp):
    return factories.member(vsp, "supervisor", full_name="Sam Supervisor")


@pytest.fixture
def police_admin(police):
    return factories.member(police, "org_admin", full_name="Pat Admin")


@pytest.fixture
def navigator(tf):
    return factories.role(tf, "navigator", factories.person("Nia Navigator"), regions=[factories.region(tf, "South")])


@pytest.fixture
def co_lead(tf, police):
    return factories.role(tf, "co_lead", factories.member(police, "supervisor", full_name="Leo Colead"))


@pytest.fixture
def auditor(tf):
    return factories.role(tf, "auditor", factories.person("Aldo Auditor"))


@pytest.fixture
def protocol(tf, vsp, police, coordinator, navigator, today):
    """Binds the provider (by name), law enforcement (by discipline) and navigators (by role)."""
    return actions.create_protocol(
        tf, acting_user=fresh(coordinator), topic="information_sharing", title="Information sharing",
        body="# Purpose\nShare the least.\n\n## Steps\n1. Ask consent.\n2. Record it.\n",
        effective_on=today, required_organizations=[vsp], required_disciplines=["law_enforcement"],
        required_roles=["navigator"],
    )


def publish(protocol, coordinator, body="# Purpose\nShare the least that does the job.\n", days=0):
    return actions.publish_version(
        protocol, acting_user=fresh(coordinator), body=body, summary="Clearer purpose.",
        effective_on=protocol.current_version.effective_on + dt.timedelta(days=days),
    )
