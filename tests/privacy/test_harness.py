"""The harness itself: everything is classified, and it notices what it must notice."""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import include, path
from ninja import NinjaAPI

from ally.api.api import api
from tests.privacy import harness
from tests.privacy.registry import DONE, LOGIN
from tests.privacy.world import build


def test_every_url_is_classified():
    assert harness.unclassified_urls() == []


def test_no_classification_is_stale():
    assert harness.stale_classifications() == []


def test_every_api_operation_is_classified():
    assert harness.unclassified_operations(api) == []


def _new_view(request):
    return HttpResponse("new")


class UrlconfWithNewPage:
    urlpatterns = [path("", include("ally.urls")), path("new-page/", _new_view, name="new_page")]


def test_it_fails_on_an_unclassified_url():
    assert harness.unclassified_urls(UrlconfWithNewPage) == ["new_page"]


def test_it_fails_on_an_unclassified_api_operation():
    other = NinjaAPI(urls_namespace="harness-test")

    @other.get("/secret-things")
    def secret_things(request):
        return []

    assert harness.unclassified_operations(other) == [("GET", "/api/v1/secret-things")]


def test_it_notices_a_leak(db):
    world = build()
    body = "<td>Dana</td><td>SENTINEL-PHONE-advocate</td><td>sentinel-invite-police@example.org</td>"
    assert harness.leaks(world, "advocate", body) == [
        "leaked a pending invitation to the police department (sentinel-invite-police)"
    ]
    assert len(harness.leaks(world, "auditor", body)) == 2
    assert harness.leaks(world, "coordinator", body) == []


def test_it_judges_redirects():
    to_login = HttpResponse(status=302, headers={"Location": "/accounts/login/?next=/x"})
    elsewhere = HttpResponse(status=302, headers={"Location": "/organizations/1/"})
    assert harness.judge(LOGIN, to_login) is None
    assert harness.judge(DONE, to_login) is not None
    assert harness.judge(DONE, elsewhere) is None
    assert harness.judge(404, HttpResponse(status=403)) == "expected 404, got 403"
