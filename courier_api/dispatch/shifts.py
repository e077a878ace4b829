"""When a courier's shift ends: at the close of their station's current opening period.

Couriers work their station's hours (DESIGN.md: stations have opening hours); an opening
period that runs into the next day's (closing 23:59 and opening 00:00, or a gap of at most a
minute) is one period. No Flask, no database.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from courier_api.core import clock

#: Gaps this short between two opening periods do not end a shift (23:59 → 00:00).
CONTIGUOUS = timedelta(minutes=1)
#: Looking further ahead than this, a station that never closes is open for good.
HORIZON_DAYS = 8


def _periods(opening_hours: list, day: date, zone: ZoneInfo) -> tuple[datetime, datetime] | None:
    hours = opening_hours[day.weekday()]
    if not hours:
        return None
    opens = datetime.combine(day, clock.hhmm(hours["open"]), zone)
    closes = datetime.combine(day, clock.hhmm(hours["close"]), zone)
    return opens, closes


def shift_end(opening_hours: list, at: datetime, zone: ZoneInfo) -> datetime | None:
    """The end of the opening period `at` falls in (UTC); `at` itself when the station is
    closed (no new work); None when it stays open beyond the horizon."""
    local = at.astimezone(zone)
    end: datetime | None = None
    for offset in range(-1, HORIZON_DAYS):
        period = _periods(opening_hours, local.date() + timedelta(days=offset), zone)
        if period is None:
            if end is not None:
                return end.astimezone(at.tzinfo)
            continue
        opens, closes = period
        if end is None:
            if opens <= local < closes:
                end = closes
        elif opens - end <= CONTIGUOUS:
            end = max(end, closes)
        else:
            return end.astimezone(at.tzinfo)
    return None if end is not None else at
