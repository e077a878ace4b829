"""The console's fixtures: a staff member logged in through the login form, and for the
browser tests the app served on 127.0.0.1 and Chromium (browsing.py)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from flask.testing import FlaskClient
from werkzeug.serving import make_server

from tests.console.browsing import CHROMIUM, CHROMIUM_ARGS, free_port, sync_playwright
from tests.helpers import console_login


@pytest.fixture
def console(client: FlaskClient, world):
    """`console("dispatcher_a")` -> (the client, logged in to the console; a CSRF token)."""

    def log_in(who: str) -> tuple[FlaskClient, str]:
        return client, console_login(client, who)

    return log_in


@pytest.fixture(scope="module")
def base_url(app) -> Iterator[str]:
    server = make_server("127.0.0.1", free_port(), app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


@pytest.fixture
def new_page(browser, base_url: str) -> Iterator:
    """`new_page()` -> a page in a fresh browser context (its own cookies), in zh-CN."""
    contexts = []

    def make(**options) -> Any:
        context = browser.new_context(
            base_url=base_url, locale="zh-CN", viewport={"width": 1280, "height": 900}, **options
        )
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
