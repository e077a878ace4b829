"""The dispatch engine is pure: these tests need neither the app nor a database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _clean_database() -> Iterator[None]:
    """Overrides the root conftest's fixture of the same name (which builds the app)."""
    yield
