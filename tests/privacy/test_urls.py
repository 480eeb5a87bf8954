"""Every page, as every persona: the expected answer, and no sentinel it must not receive."""

from __future__ import annotations

import pytest

from tests.privacy import harness
from tests.privacy.registry import URLS, AuthFlow
from tests.privacy.world import PERSONAS, build

PAGES = sorted(name for name, rule in URLS.items() if not isinstance(rule, AuthFlow))
AUTH_FLOWS = sorted(name for name, rule in URLS.items() if isinstance(rule, AuthFlow))


@pytest.mark.parametrize("name", PAGES)
def test_page_as_every_persona(db, name):
    world = build()
    problems = []
    for case in URLS[name]:
        assert set(case.expected) == set(PERSONAS), f"{name}: expectations must name every persona"
        for persona in PERSONAS:
            problems += harness.run_case(world, name, case, persona)
    assert problems == []


@pytest.mark.parametrize("name", AUTH_FLOWS)
def test_sign_in_pages_show_no_task_force_data(db, name):
    from django.urls import reverse

    world = build()
    rule = URLS[name]
    assert isinstance(rule, AuthFlow)
    if name.startswith("route:"):
        url = "/" + name.removeprefix("route:")
    else:
        url = reverse(name, kwargs=rule.kwargs)
    for persona in ("anonymous", "advocate", "outsider"):
        response = harness.client_for(world, persona).get(url)
        assert response.status_code in {200, 302, 400, 404, 405}, (url, persona, response.status_code)
        assert harness.leaks(world, persona, harness.body_of(response)) == [], (url, persona)
