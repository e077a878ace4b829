"""How the sending jobs (webhooks, citizen notifications) walk their due items."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator


def leased(claim_next: Callable[[], str | None], limit: int, max_seconds: float) -> Iterator[str]:
    """Ids of due items, leased one at a time by `claim_next` (each lease committed, so a
    slow receiver never outlives the leases of the items behind it), until none is due,
    `limit` items or `max_seconds` have passed: a run drains a backlog, yet ends in time
    for the next beat to start the next one."""
    deadline = time.monotonic() + max_seconds
    for _ in range(limit):
        if time.monotonic() >= deadline:
            return
        found = claim_next()
        if found is None:
            return
        yield found
