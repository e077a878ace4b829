"""The 1-hour promise, watched: at-risk and late flags (not task states), each breach
recorded with its cause, the customer told when a promise breaks, and the achievement
rate reported. No Flask; never commits.

- at risk: not accepted 15 minutes after the promise start, or the offered/holding
  courier's predicted arrival is past the deadline;
- late: the deadline passed without an arrival scan.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from courier_api.core import clock
from courier_api.core.clock import period_bounds
from courier_api.core.ids import new_id
from courier_api.dispatch.models import Escalation
from courier_api.extensions import db
from courier_api.pickups.progress import notify_sender
from courier_api.tasks.models import SlaBreach, Task, TaskOffer

UNACCEPTED_AT_RISK = timedelta(minutes=15)
#: The pickup promise: at the door within the hour of its start.
PROMISE = timedelta(hours=1)
WATCHED = ("open", "offered", "accepted", "arrived")


def _cause(task: Task) -> str:
    if task.courier_id is not None:
        return "courier_late"
    escalated = db.session.get(Escalation, task.id)
    if escalated is not None:
        return escalated.cause  # why dispatch could not place it (e.g. shift ends)
    last = db.session.scalars(
        sa.select(TaskOffer.status)
        .where(TaskOffer.task_id == task.id)
        .order_by(TaskOffer.created_at.desc())
        .limit(1)
    ).first()
    return {"declined": "declined", "expired": "offer_expired", "pending": "courier_late"}.get(
        last, "no_courier_available"
    )


def _record(task: Task, kind: str, now: datetime) -> bool:
    exists = db.session.scalar(
        sa.select(sa.func.count()).where(SlaBreach.task_id == task.id, SlaBreach.kind == kind)
    )
    if exists:
        return False
    db.session.add(
        SlaBreach(
            id=new_id("slb"),
            task_id=task.id,
            station_id=task.station_id,
            kind=kind,
            cause=_cause(task),
            detected_at=now,
        )
    )
    return True


def sweep(now: datetime | None = None) -> dict[str, int]:
    """Flag pickup tasks at risk or late; returns how many were newly flagged."""
    now = now or clock.now()
    counts = {"at_risk": 0, "late": 0}
    candidates = db.session.scalars(
        sa.select(Task)
        .where(
            Task.kind == "pickup",
            Task.sandbox.is_(False),
            Task.state.in_(WATCHED),
            Task.arrived_at.is_(None),
            Task.promise_start <= now,
            sa.or_(Task.at_risk_at.is_(None), Task.late_at.is_(None)),
        )
        .with_for_update(skip_locked=True, of=Task)
    )
    for task in candidates:
        late = task.deadline is not None and now > task.deadline
        unaccepted = task.accepted_at is None and now >= task.promise_start + UNACCEPTED_AT_RISK
        slow = task.eta_at is not None and task.deadline is not None and task.eta_at > task.deadline
        if (late or unaccepted or slow) and task.at_risk_at is None:
            task.at_risk_at = now
            counts["at_risk"] += _record(task, "at_risk", now)
        if late and task.late_at is None:
            task.late_at = now
            if _record(task, "late", now):
                counts["late"] += 1
                notify_sender(
                    task, "pickup.promise_broken", deadline=clock.to_rfc3339(task.deadline)
                )
    db.session.flush()
    return counts


def _beyond_hour() -> sa.ColumnElement[bool]:
    """The task was promised beyond the hour (an honest quote's later time): its deadline is
    more than the promise (with a minute's slack for rounding) after its promise start."""
    limit = PROMISE + timedelta(minutes=1)
    if db.engine.dialect.name == "postgresql":
        return Task.deadline > Task.promise_start + sa.literal(limit, type_=sa.Interval())
    day = limit.total_seconds() / 86400  # SQLite keeps datetimes as text: compare day numbers
    return sa.func.julianday(Task.deadline) > sa.func.julianday(Task.promise_start) + day


def _rate(on_time: int, late: int) -> float | None:
    return round(on_time / (on_time + late), 4) if on_time + late else None


def pickup_report(
    *, station_ids: list[str] | None, day: date, period: str, zone: ZoneInfo
) -> dict[str, Any]:
    """The 1-hour achievement rate per station for promises that started in the period.
    Promises still running (deadline ahead, no arrival yet) are counted as pending. Orders
    promised beyond the hour (honest quotes under a backlog) are counted apart, in
    `beyond_hour`, each against its own later promise."""
    start, end = period_bounds(day, period, zone)
    now = clock.now()
    on_time = sa.and_(Task.arrived_at.is_not(None), Task.arrived_at <= Task.deadline)
    decided = sa.or_(Task.arrived_at.is_not(None), Task.deadline < now)
    beyond = _beyond_hour()
    stmt = (
        sa.select(
            Task.station_id,
            beyond.label("beyond"),
            sa.func.count().label("promises"),
            sa.func.sum(sa.case((on_time, 1), else_=0)).label("on_time"),
            sa.func.sum(sa.case((decided, 0), else_=1)).label("pending"),
        )
        .where(
            Task.kind == "pickup",
            Task.sandbox.is_(False),
            Task.state != "cancelled",
            Task.promise_start >= start,
            Task.promise_start < end,
        )
        .group_by(Task.station_id, beyond)
        .order_by(Task.station_id)
    )
    if station_ids is not None:
        stmt = stmt.where(Task.station_id.in_(station_ids))
    causes = dict(
        ((row.station_id, row.cause), row.n)
        for row in db.session.execute(
            sa.select(SlaBreach.station_id, SlaBreach.cause, sa.func.count().label("n"))
            .join(Task, Task.id == SlaBreach.task_id)
            .where(SlaBreach.kind == "late", Task.promise_start >= start, Task.promise_start < end)
            .group_by(SlaBreach.station_id, SlaBreach.cause)
        )
    )
    empty = {"promises": 0, "on_time": 0, "late": 0, "pending": 0}
    stations: dict[str, dict[str, Any]] = {}
    for row in db.session.execute(stmt):
        entry = stations.setdefault(
            row.station_id,
            {"station_id": row.station_id, **empty, "beyond_hour": dict(empty)},
        )
        counts = entry["beyond_hour"] if row.beyond else entry
        counts["promises"] += row.promises
        counts["on_time"] += row.on_time
        counts["pending"] += row.pending
        counts["late"] += row.promises - row.on_time - row.pending
    rows = []
    for station_id, entry in stations.items():
        entry["achievement_rate"] = _rate(entry["on_time"], entry["late"])
        beyond_counts = entry["beyond_hour"]
        beyond_counts["achievement_rate"] = _rate(beyond_counts["on_time"], beyond_counts["late"])
        entry["late_by_cause"] = {
            cause: n for (station, cause), n in causes.items() if station == station_id
        }
        rows.append(entry)
    return {"period": period, "from": start, "to": end, "stations": rows}
