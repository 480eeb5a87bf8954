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


def test_sign_in_pages_show_no_task_force_data(db):
    """allauth's and Django's account pages, as a stranger, a member and an outsider."""
    from django.urls import reverse

    world = build()
    problems = []
    for name in AUTH_FLOWS:
        rule = URLS[name]
        assert isinstance(rule, AuthFlow)
        url = "/" + name.removeprefix("route:") if name.startswith("route:") else reverse(name, kwargs=rule.kwargs)
        for persona in ("anonymous", "advocate", "outsider"):
            response = harness.client_for(world, persona).get(url)
            if response.status_code not in {200, 301, 302, 400, 401, 404, 405}:
                problems.append(f"GET {url} as {persona}: {response.status_code}")
            problems += [f"GET {url} as {persona}: {leak}" for leak in harness.leaks(world, persona, harness.body_of(response))]
    assert problems == []
