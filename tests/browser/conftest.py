"""Browser tests: Debian's Chromium driven by Playwright against the live test server."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls our tests make between
# page actions are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("ALLY_CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not shutil.which(CHROMIUM):
        if os.environ.get("ALLY_REQUIRE_BROWSER") == "1":
            pytest.fail(f"Chromium is required (ALLY_REQUIRE_BROWSER=1) but {CHROMIUM} is missing")
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield browser
        browser.close()


class ConsoleWatcher:
    def __init__(self) -> None:
        self.errors: list[str] = []

    def __call__(self, message) -> None:
        if message.type == "error":
            self.errors.append(message.text)


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    page = context.new_page()
    watcher = ConsoleWatcher()
    page.on("console", watcher)
    missing: list[str] = []
    page.on(
        "response",
        lambda r: missing.append(f"{r.status} {r.url}")
        if r.status >= 400 and r.request.resource_type != "document"
        else None,
    )
    yield page
    context.close()
    # Content-Security-Policy violations and script errors show up in the console; a page's
    # own 403/404 answer is a document (tests assert those), a missing asset is not.
    assert missing == []
    assert [e for e in watcher.errors if "Failed to load resource" not in e] == []


@pytest.fixture
def new_page(browser, live_server):
    """Open pages in fresh browser contexts (one per person); every context is closed after the
    test, so no page keeps talking to a live server that has gone."""
    contexts = []

    def open_page(**options):
        context = browser.new_context(base_url=live_server.url, **options)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def totp_code(secret: str, *, step: int = 0) -> str:
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + step))


def sign_in(page, email: str, password: str, secret: str, *, step: int = 0) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/accounts/2fa/authenticate/**")
    page.get_by_label("Code").fill(totp_code(secret, step=step))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/accounts/" not in url)
