"""A statewide task force with two regions, a sub-awarded provider and its reviewers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ally.access.survivors import today_in
from ally.accounts.models import User
from ally.network import actions as network
from ally.network import checklist
from ally.survivors import actions as survivor_actions
from ally.survivors import care
from tests import factories


@pytest.fixture
def south(tf):
    return factories.region(tf, "South", counties=["Dane", "Rock"])


@pytest.fixture
def north(tf):
    return factories.region(tf, "North", counties=["Ashland", "Bayfield"])


@pytest.fixture
def shelter(tf, south):
    """A victim-service provider of the South region whose street is confidential."""
    return factories.organization(
        tf, "Harbor House Shelter", regions_served=[south], street="12 Hidden Lane", city="Madison", state="WI"
    )


@pytest.fixture
def shelter_admin(shelter):
    return factories.member(shelter, "org_admin", full_name="Ada Admin")


@pytest.fixture
def shelter_advocate(shelter):
    return factories.member(shelter, "member", full_name="Avery Advocate")


@pytest.fixture
def south_navigator(tf, south):
    return factories.role(tf, "navigator", factories.person("Sofia South"), regions=[south])


@pytest.fixture
def north_navigator(tf, north):
    return factories.role(tf, "navigator", factories.person("Nils North"), regions=[north])


@pytest.fixture
def today(tf):
    return today_in(tf.pk)


def fresh(user: User) -> User:
    """The user as the next request loads them (grants are cached on the object)."""
    return User.objects.get(pk=user.pk)


def all_met() -> dict[str, str]:
    return dict.fromkeys((item.key for item in checklist.current().items), "met")


def vet(provider, day: dt.date, *, outcome: str = "approved", revisit_in: int | None = 365, reviewer=None):
    reviewer = reviewer or factories.person()
    revisit = day + dt.timedelta(days=revisit_in) if revisit_in is not None else None
    return network.record_vetting_visit(
        provider, acting_user=None, reviewer=reviewer, visited_on=day, answers=all_met(), outcome=outcome,
        revisit_on=revisit, notes="Conditions: train new staff." if outcome == "conditional" else "",
    )


def award(provider, day: dt.date, budget: str = "1000.00"):
    return network.create_sub_award(
        provider, acting_user=None, budget=Decimal(budget), starts_on=day - dt.timedelta(days=90),
        ends_on=day + dt.timedelta(days=275), reference="MS-2026-01",
    )


def services(provider, day: dt.date, *costs: str, name: str = "Maria Example"):
    client = survivor_actions.create_client(provider, acting_user=None, legal_name=name, trafficking_type="labor")
    return [
        care.record_service(
            client, acting_user=None, category="transportation", delivered_on=day - dt.timedelta(days=i),
            units=Decimal(1), unit="trips", cost=Decimal(cost), outcome="Drove her to the clinic.",
        )
        for i, cost in enumerate(costs)
    ]


def claim(provider, day: dt.date, delivered, **kwargs):
    return network.submit_claim(
        provider, acting_user=None, period_start=day - dt.timedelta(days=60), period_end=day,
        service_ids=[s.pk for s in delivered], **kwargs,
    )
