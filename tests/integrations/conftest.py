"""Connector tests are plain unit tests: no app, no database, no network."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from courier_api.core import clock


@pytest.fixture(autouse=True)
def _clean_database() -> Iterator[None]:
    """Overrides the root autouse fixture of the same name, so no app or database is built."""
    yield
    clock.freeze(None)
