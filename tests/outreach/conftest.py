"""A task force with two regions, its leadership, a navigator, a survivor leader with an account
and police investigating."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ally.access.survivors import today_in
from ally.outreach import actions
from tests import factories


@pytest.fixture
def south(tf):
    return factories.region(tf, "South", counties=["Dane", "Rock"])


@pytest.fixture
def north(tf):
    return factories.region(tf, "North", counties=["Ashland", "Bayfield"])


@pytest.fixture
def co_lead(tf, police):
    user = factories.member(police, "supervisor", full_name="Leo Colead")
    return factories.role(tf, "co_lead", user)


@pytest.fixture
def navigator(tf, south, vsp):
    user = factories.member(vsp, "member", full_name="Nia Navigator")
    return factories.role(tf, "navigator", user, regions=[south])


@pytest.fixture
def sol(tf, vsp):
    """A survivor leader with an account (the survivor-leader-advisor role)."""
    user = factories.member(vsp, "member", full_name="Sol Leader")
    return factories.role(tf, "survivor_leader_advisor", user)


@pytest.fixture
def today(tf):
    return today_in(tf.pk)


@pytest.fixture
def leader(tf, sol, today):
    return actions.add_survivor_leader(
        tf, acting_user=None, name="Sol L.", kind="advisor", user=sol, expertise=["labor trafficking"],
        started_on=today - dt.timedelta(days=400), hourly_rate=Decimal("75.00"),
    )


@pytest.fixture
def other_leader(tf, today):
    return actions.add_survivor_leader(
        tf, acting_user=None, name="Rae Consultant", kind="consultant", started_on=today - dt.timedelta(days=100)
    )


def engage(leader, day, hours="2", paid="150.00", **extra):
    return actions.record_engagement(
        leader, acting_user=None, kind="advisory_meeting", occurred_on=day, hours=Decimal(hours),
        compensation=Decimal(paid), **extra,
    )
