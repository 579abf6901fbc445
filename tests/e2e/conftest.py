"""End-to-end fixtures: one shared server, one browser, and a page that fails on any error."""

import json
import urllib.parse

import pytest
from playwright.sync_api import expect, sync_playwright

from tests.e2e.browser import BASE_PATH_PROBE, CHROMIUM_ARGS, SENDS, Server, chromium_path


def pytest_collection_modifyitems(items):
    """Every test in this folder drives a real server and browser: `-m "not e2e"` leaves them out."""
    for item in items:
        if "tests/e2e/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def server():
    srv = Server()
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    context.add_init_script(SENDS)  # COUNT_RUNS counts with it
    pg = context.new_page()
    errors: list[str] = []

    def on_console(msg):
        if msg.type == "error" and not BASE_PATH_PROBE.search(urllib.parse.urlparse(msg.location.get("url", "")).path):
            errors.append(f"console: {msg.text} @ {msg.location.get('url')}")

    pg.on("console", on_console)
    pg.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
    pg.set_default_timeout(30_000)
    expect.set_options(timeout=30_000)
    yield pg
    exceptions = pg.locator("[data-testid=stException]")
    texts = [exceptions.nth(i).inner_text() for i in range(exceptions.count())]
    context.close()
    assert not texts, f"exception elements on the page: {json.dumps(texts)[:2000]}"
    assert not errors, "\n".join(errors)
