from __future__ import annotations

import pytest

from tests import factories


@pytest.fixture
def sheriff(tf):
    return factories.organization(
        tf, "Dane County Sheriff's Office", discipline="law_enforcement", jurisdiction="local"
    )

@pytest.fixture
def deputy(sheriff):
    return factories.member(sheriff, full_name="Devon Deputy", phone="(608) 555-0199")

@pytest.fixture
def detective(police):
    return factories.member(police, full_name="Dana Detective", phone="(608) 555-0111")
