"""Connector tests are plain unit tests: no app, no database, no network."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest

from courier_api.core import clock

Handler = Callable[[httpx.Request], httpx.Response]


@pytest.fixture(autouse=True)
def _clean_database() -> Iterator[None]:
    """Overrides the root autouse fixture of the same name, so no app or database is built."""
    yield
    clock.freeze(None)


def mock_http(handler: Handler) -> httpx.Client:
    """An httpx client whose every request is answered by `handler` (recorded payloads)."""
    return httpx.Client(transport=httpx.MockTransport(handler))
