from __future__ import annotations

import pytest

from ally.access.survivors import today_in
from tests.api.token_client import Api


@pytest.fixture
def today(tf):
    return today_in(tf.pk)


@pytest.fixture
def as_advocate(advocate):
    return Api(advocate)


@pytest.fixture
def as_detective(detective):
    return Api(detective)
