"""What the browser tests share: Debian's Chromium driven by Playwright (it never
downloads a browser of its own), against the app served on 127.0.0.1 in a thread
(fixtures `base_url`, `browser` and `new_page` in conftest.py).

A module of browser tests calls `skip_without_browser()` first: skipped where no browser
is installed, unless CI=true (.ci/run installs it there). With CONSOLE_SCREENSHOTS=1
each screen is saved to docs/console/ (the README links them)."""

from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import Any

import pytest

from tests import factories

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PORTS = range(5320, 5340)
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "console"

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # pragma: no cover - the dev lock installs it
    expect = sync_playwright = None


def skip_without_browser() -> None:
    if (sync_playwright is None or not CHROMIUM.exists()) and os.environ.get("CI") != "true":
        pytest.skip(
            "no Chromium (apt-get install chromium) or no playwright", allow_module_level=True
        )


def free_port() -> int:
    for port in PORTS:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError(f"no free port in {PORTS.start}-{PORTS.stop - 1}")


def log_in(page: Any, who: str) -> None:
    page.goto("/console/login")
    page.fill("input[name=username]", who)
    page.fill("input[name=password]", factories.PASSWORD)
    page.click("#login")
    page.wait_for_load_state()
    assert "/console/login" not in page.url


def shot(page: Any, name: str) -> None:
    if os.environ.get("CONSOLE_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
