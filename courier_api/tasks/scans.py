"""When a courier's action counts: the handheld's `occurred_at`, within what is possible.

Every time a courier's action records (arrived, picked up, delivered, failed, handed over)
is the device's: an item delivered offline at 12:55 and synced at 13:10 was on time. A time
ahead of the server by more than the allowed skew, or before the task's previous step, is
refused (`device_time_out_of_range`) rather than trusted.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from courier_api.core import clock
from courier_api.core.errors import Problem

#: How far ahead of the server a handheld's clock may run (`DEVICE_CLOCK_SKEW_S`).
_skew = timedelta(seconds=120)


def configure(*, skew_s: int) -> None:
    """Set from the app's config when the app is made."""
    global _skew
    _skew = timedelta(seconds=skew_s)


def scan_time(occurred_at: datetime | None, *, not_before: datetime | None) -> datetime:
    """When the action happened, as the handheld says (None: now). It may not precede
    what made it possible (`not_before`: accepting, arriving) nor run ahead of the
    server's clock by more than the skew; within the skew it counts as now."""
    now = clock.now()
    if occurred_at is None:
        return now
    if not_before is not None and occurred_at < not_before:
        raise _out_of_range(
            f"It is before the task's previous step ({clock.to_rfc3339(not_before)})."
        )
    if occurred_at > now + _skew:
        raise _out_of_range(
            f"It is ahead of the server's clock by more than {int(_skew.total_seconds())} s."
        )
    return min(occurred_at, now)


def _out_of_range(why: str) -> Problem:
    message = f"The device time is not possible for this task: {why}"
    return Problem(
        422,
        "device_time_out_of_range",
        message,
        errors=[{"field": "occurred_at", "message": message, "code": "out_of_range"}],
    )
