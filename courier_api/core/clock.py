"""Time: stored and sent in UTC; promises computed in the business time zone.

`now()` is the one clock the code reads, so tests can freeze it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

_frozen: datetime | None = None


def now() -> datetime:
    return _frozen if _frozen is not None else datetime.now(UTC)


def freeze(at: datetime | None) -> None:
    """Tests only: pin `now()` to `at` (aware), or release it with None."""
    global _frozen
    if at is not None and at.tzinfo is None:
        raise ValueError("freeze() needs an aware datetime")
    _frozen = at.astimezone(UTC) if at is not None else None


def business_zone() -> ZoneInfo:
    """The business time zone (Asia/Shanghai) that promises, days and reports are counted
    in: the one place it is read from the running app's config (BUSINESS_TIMEZONE)."""
    from flask import current_app

    return ZoneInfo(current_app.config["BUSINESS_TIMEZONE"])


def to_rfc3339(value: datetime) -> str:
    """`2026-11-23T04:33:14Z`: UTC, second precision unless there are microseconds."""
    value = value.astimezone(UTC)
    text = value.isoformat(timespec="microseconds" if value.microsecond else "seconds")
    return text.replace("+00:00", "Z")


def from_timestamp(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


def period_bounds(day: date, period: str, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The day, ISO week or month around `day`, as aware datetimes in the business zone."""
    if period == "week":
        start = day - timedelta(days=day.weekday())
        end = start + timedelta(days=7)
    elif period == "month":
        start = day.replace(day=1)
        end = (start + timedelta(days=32)).replace(day=1)
    else:
        start, end = day, day + timedelta(days=1)
    return datetime.combine(start, time(0), zone), datetime.combine(end, time(0), zone)


def days_bounds(first_day: date, last_day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """From the start of `first_day` to the end of `last_day` (inclusive) in `zone`."""
    start = datetime.combine(first_day, time(0), zone)
    return start, datetime.combine(last_day + timedelta(days=1), time(0), zone)


def hhmm(text: str) -> time:
    """A wall-clock `HH:MM` (opening hours, cut-offs, run times) as a time."""
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))
