"""A courier's shift ends when their station's opening period ends (pure)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from courier_api.dispatch.shifts import shift_end

SHANGHAI = ZoneInfo("Asia/Shanghai")
WEEKDAYS = [{"open": "08:00", "close": "20:00"}] * 5 + [None, None]
ALL_DAY = [{"open": "00:00", "close": "23:59"}] * 7


def local(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=SHANGHAI).astimezone(UTC)


def test_the_shift_ends_at_closing_time() -> None:
    assert shift_end(WEEKDAYS, local(23, 10), SHANGHAI) == local(23, 20)  # a Monday


def test_a_closed_station_gives_no_time_at_all() -> None:
    assert shift_end(WEEKDAYS, local(23, 21), SHANGHAI) == local(23, 21)
    assert shift_end(WEEKDAYS, local(28, 10), SHANGHAI) == local(28, 10)  # Saturday


def test_a_station_open_round_the_clock_never_ends_a_shift() -> None:
    assert shift_end(ALL_DAY, local(23, 23, 30), SHANGHAI) is None


def test_periods_that_run_into_each_other_are_one() -> None:
    late = [{"open": "08:00", "close": "23:59"}, {"open": "00:00", "close": "02:00"}] + [None] * 5
    assert shift_end(late, local(23, 22), SHANGHAI) == local(24, 2)
