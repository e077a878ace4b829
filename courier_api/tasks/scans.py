"""When a handheld's scan counts: the courier's `occurred_at`, within what is possible."""

from __future__ import annotations

from datetime import datetime, timedelta

from courier_api.core import clock
from courier_api.core.errors import field_error

#: How far ahead of the server a handheld's clock may run.
SCAN_CLOCK_DRIFT = timedelta(minutes=5)


def scan_time(occurred_at: datetime | None, *, not_before: datetime | None) -> datetime:
    """When a scan happened, as the handheld says. The promise is measured against it, so a
    time before what made the scan possible (accepting, arriving) or ahead of the server's
    clock (beyond drift) is refused rather than trusted."""
    now = clock.now()
    if occurred_at is None:
        return now
    too_early = not_before is not None and occurred_at < not_before
    if too_early or occurred_at > now + SCAN_CLOCK_DRIFT:
        raise field_error(
            "occurred_at",
            "The scan time is outside what is possible for this task.",
            "out_of_range",
        )
    return min(occurred_at, now)
