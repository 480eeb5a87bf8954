from __future__ import annotations

import pytest
from django.test import Client

from tests import factories


@pytest.fixture
def tf(db):
    return factories.task_force("Lakeshore Task Force")


@pytest.fixture
def vsp(tf):
    return factories.organization(tf, "Harbor Survivor Services", discipline="victim_services")


@pytest.fixture
def police(tf):
    return factories.organization(
        tf, "Lakeshore Police Department", discipline="law_enforcement", jurisdiction="local"
    )


@pytest.fixture
def coordinator(tf):
    return factories.role(tf, "coordinator", factories.person("Cora Coordinator"))


@pytest.fixture
def vsp_admin(vsp):
    return factories.member(vsp, "org_admin", full_name="Ada Admin")


@pytest.fixture
def advocate(vsp):
    return factories.member(vsp, "member", full_name="Avery Advocate")


@pytest.fixture
def detective(police):
    return factories.member(police, "member", full_name="Dana Detective")


@pytest.fixture
def outsider(db):
    return factories.person("Olive Outsider")


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client
