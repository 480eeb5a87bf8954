from __future__ import annotations

import pytest

from tests import factories


@pytest.fixture
def north(tf):
    return factories.region(tf, "North", counties=["Dane", "Columbia"])


@pytest.fixture
def shelter(tf, north):
    return factories.organization(tf, "North Star Shelter", regions_served=[north])


@pytest.fixture
def intake(shelter):
    return factories.member(shelter, full_name="Ina Intake")


@pytest.fixture
def navigator(tf, north):
    navigator = factories.person("Nia Navigator")
    factories.role(tf, "navigator", navigator, regions=[north])
    return navigator
