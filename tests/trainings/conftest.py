"""A task force with two regions, a shelter (South), a police department (North), leadership,
supervisors, members, an auditor and an outsider; helpers to record sessions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from ally.access.survivors import today_in
from ally.trainings import actions
from tests import factories


@pytest.fixture
def today(tf):
    return today_in(tf.pk)


@pytest.fixture
def south(tf):
    return factories.region(tf, "South", counties=["Dane"])


@pytest.fixture
def north(tf):
    return factories.region(tf, "North", counties=["Ashland"])


@pytest.fixture
def shelter(tf, south):
    return factories.organization(tf, "Harbor House", discipline="victim_services", regions_served=[south])


@pytest.fixture
def pd(tf, north):
    return factories.organization(tf, "Northtown Police", discipline="law_enforcement", regions_served=[north])


@pytest.fixture
def co_lead(tf, pd):
    user = factories.member(pd, "member", full_name="Leo Colead")
    return factories.role(tf, "co_lead", user)


@pytest.fixture
def shelter_admin(shelter):
    return factories.member(shelter, "org_admin", full_name="Ada Admin")


@pytest.fixture
def shelter_supervisor(shelter):
    return factories.member(shelter, "supervisor", full_name="Sam Supervisor")


@pytest.fixture
def shelter_advocate(shelter):
    return factories.member(shelter, "member", full_name="Avery Advocate")


@pytest.fixture
def officer(pd):
    return factories.member(pd, "member", full_name="Olga Officer")


@pytest.fixture
def pd_supervisor(pd):
    return factories.member(pd, "supervisor", full_name="Pete Sergeant")


@pytest.fixture
def auditor(tf):
    return factories.role(tf, "auditor", factories.person("Aldo Auditor"))


def session(tf, *, held_on: dt.date, topics=("trauma_informed_practice",), disciplines=("victim_services",), **values: Any):
    values.setdefault("title", "Trauma-informed practice 101")
    values.setdefault("trainer_name", "Dr. Trainer")
    values.setdefault("hours", Decimal("2"))
    return actions.record_training(
        tf, acting_user=None, held_on=held_on, topics=list(topics), disciplines=list(disciplines), **values
    )
