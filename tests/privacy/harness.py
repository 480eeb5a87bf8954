"""The machinery of the privacy harness: enumerate URLs and operations, request, judge."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.privacy.registry import API, DONE, LOGIN, URLS, Case, Expected
from tests.privacy.world import World, allowed_sentinels


def url_keys(urlconf: Any = None) -> set[str]:
    """Every URL pattern: its (namespaced) name, or `route:<route>` when it has none."""
    keys: set[str] = set()

    def walk(patterns: list[Any], prefix: str, namespace: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern), pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern):
                if pattern.name:
                    keys.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
                else:
                    keys.add(f"route:{prefix}{pattern.pattern}")

    walk(get_resolver(urlconf).url_patterns, "", None)
    return keys


def unclassified_urls(urlconf: Any = None) -> list[str]:
    # API operations are classified by method and path in API; the API's own pages in URLS.
    api_pages = {"api:openapi-json", "api:api-root"}
    return sorted(
        key
        for key in url_keys(urlconf)
        if key not in URLS and (not key.startswith("api:") or key in api_pages)
    )


def stale_classifications(urlconf: Any = None) -> list[str]:
    return sorted(set(URLS) - url_keys(urlconf))


def api_operations(api: Any) -> set[tuple[str, str]]:
    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    return {
        (method.upper(), path)
        for path, operations in schema["paths"].items()
        for method in operations
    }


def unclassified_operations(api: Any) -> list[tuple[str, str]]:
    return sorted(api_operations(api) - set(API))


def client_for(world: World, persona: str) -> Client:
    client = Client()
    user = world.user(persona)
    if user is not None:
        client.force_login(user)
    return client


def judge(expected: Expected, response: HttpResponse) -> str | None:
    """None when the answer is the expected one, else what went wrong."""
    status = response.status_code
    location = response.get("Location", "")
    if expected == LOGIN:
        ok = status == 302 and "/accounts/login/" in location
    elif expected == DONE:
        ok = status == 302 and "/accounts/login/" not in location
    else:
        ok = status == expected
    if ok:
        return None
    return f"expected {expected}, got {status}{' → ' + location if location else ''}"


def leaks(world: World, persona: str, body: str, also_allowed: frozenset[str] = frozenset()) -> list[str]:
    allowed = allowed_sentinels(world, persona, None) | also_allowed
    return [
        f"leaked {description} ({sentinel})"
        for sentinel, description in world.sentinels.items()
        if sentinel not in allowed and sentinel in body
    ]


def body_of(response: HttpResponse) -> str:
    if getattr(response, "streaming", False):
        # Reading the whole stream closes the file (the test client's wrapper does).
        return b"".join(response.streaming_content).decode(errors="replace")  # type: ignore[attr-defined]
    return response.content.decode(errors="replace")


def run_case(world: World, name: str, case: Case, persona: str) -> list[str]:
    """Request one URL as one persona, inside a savepoint so changes are undone."""
    url = reverse(name, kwargs=case.kwargs(world))
    client = client_for(world, persona)
    sid = transaction.savepoint()
    try:
        if case.method == "GET":
            response = client.get(url, case.data(world))
        else:
            response = client.post(url, case.data(world))
    finally:
        transaction.savepoint_rollback(sid)
    problems = []
    verdict = judge(case.expected[persona], response)
    if verdict:
        problems.append(f"{case.method} {url} as {persona}: {verdict}")
    problems += [f"{case.method} {url} as {persona}: {leak}" for leak in leaks(world, persona, body_of(response), case.also_allowed)]
    return problems
