"""The complaints report: complaints received between two local days, by month and
category, and how many were answered within the 7 days. No Flask; never commits."""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from courier_api.complaints import service
from courier_api.complaints.models import Complaint
from courier_api.core import clock
from courier_api.extensions import db


@dataclass
class _Group:
    received: int = 0
    answered: int = 0
    answered_in_time: int = 0
    open: int = 0
    overdue: int = 0

    def add(self, complaint: Complaint, now: datetime) -> None:
        self.received += 1
        if complaint.answered_at is not None:
            self.answered += 1
            self.answered_in_time += bool(service.answered_in_time(complaint))
        else:
            self.open += 1
            self.overdue += service.is_overdue(complaint, now)

    def as_dict(self) -> dict[str, Any]:
        # Complaints whose 7 days are up or that were answered: the in-time share's base
        # (one still inside its 7 days has not failed yet).
        due = self.answered + self.overdue
        return {
            "received": self.received,
            "answered": self.answered,
            "answered_within_7_days": self.answered_in_time,
            "answered_late": self.answered - self.answered_in_time,
            "open": self.open,
            "overdue": self.overdue,
            "within_7_days_share": round(self.answered_in_time / due, 4) if due else None,
        }


def report(*, first_day: date, last_day: date, zone: ZoneInfo) -> dict[str, Any]:
    """Complaints received between two local days (inclusive), by month and category."""
    start, end = clock.days_bounds(first_day, last_day, zone)
    now = clock.now()
    rows = db.session.scalars(
        sa.select(Complaint)
        .where(Complaint.submitted_at >= start, Complaint.submitted_at < end)
        .order_by(Complaint.submitted_at)
    )
    groups: dict[tuple[str, str], _Group] = {}
    total = _Group()
    for complaint in rows:
        key = (complaint.submitted_at.astimezone(zone).strftime("%Y-%m"), complaint.category)
        groups.setdefault(key, _Group()).add(complaint, now)
        total.add(complaint, now)
    return {
        "from_": first_day,
        "to": last_day,
        "as_of": now,
        "rows": [
            {"month": month, "category": category, **group.as_dict()}
            for (month, category), group in sorted(groups.items())
        ],
        "total": total.as_dict(),
    }


def answer_times(*, first_day: date, last_day: date, zone: ZoneInfo) -> list[dict[str, Any]]:
    """How long the complaints received between two local days (inclusive) and answered
    waited for their answer, by category: how many, the median and the 90th percentile
    (nearest rank), in hours."""
    start, end = clock.days_bounds(first_day, last_day, zone)
    answered = db.session.execute(
        sa.select(Complaint.category, Complaint.submitted_at, Complaint.answered_at).where(
            Complaint.submitted_at >= start,
            Complaint.submitted_at < end,
            Complaint.answered_at.is_not(None),
        )
    )
    hours: dict[str, list[float]] = {}
    for category, submitted_at, answered_at in answered:
        hours.setdefault(category, []).append((answered_at - submitted_at).total_seconds() / 3600)
    return [
        {
            "category": category,
            "answered": len(waits),
            "median_hours": round(statistics.median(waits), 1),
            "p90_hours": round(sorted(waits)[math.ceil(0.9 * len(waits)) - 1], 1),
        }
        for category, waits in sorted(hours.items())
    ]
