"""Dispatch rounds: every 10 s per region, match open tasks to available couriers with the
engine and make the offers. No Flask; the worker job commits.

No task is ever offered to or held by two couriers, even with two workers running rounds
for one region at once: a per-region advisory lock lets one round run at a time, task rows
are locked (SKIP LOCKED, so a dispatcher's manual assignment in progress is left alone),
and a partial unique index allows one pending offer per task.
"""

from __future__ import annotations

import time
import zlib
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
import sqlalchemy as sa

from courier_api.core import clock
from courier_api.dispatch import engine
from courier_api.extensions import db
from courier_api.identity.models import Courier
from courier_api.network.models import Station
from courier_api.tasks import service as tasks
from courier_api.tasks.models import Task, TaskOffer

#: A position older than this is not good enough to dispatch on.
FRESH_POSITION = timedelta(minutes=5)
HELD = ("accepted", "arrived")


@dataclass(frozen=True)
class RoundResult:
    region_id: str
    ran: bool
    open_tasks: int = 0
    couriers: int = 0
    offers: int = 0
    expired: int = 0
    engine_ms: float = 0.0


def _region_lock(region_id: str) -> bool:
    """Only one round per region at a time, across workers (PostgreSQL advisory lock,
    released at commit). SQLite has a single writer anyway."""
    if db.engine.dialect.name != "postgresql":
        return True
    key = zlib.crc32(f"dispatch:{region_id}".encode())
    return bool(db.session.scalar(sa.select(sa.func.pg_try_advisory_xact_lock(key))))


def _open_tasks(station_ids: list[str]) -> list[Task]:
    return list(
        db.session.scalars(
            sa.select(Task)
            .where(Task.station_id.in_(station_ids), Task.state == "open", Task.kind == "pickup")
            .order_by(Task.deadline)
            .with_for_update(skip_locked=True, of=Task)
        )
    )


def _available_couriers(station_ids: list[str], now: datetime) -> tuple[list[Courier], list[int]]:
    held = (
        sa.select(sa.func.count())
        .where(Task.courier_id == Courier.id, Task.state.in_(HELD))
        .scalar_subquery()
    )
    offered = sa.exists().where(TaskOffer.courier_id == Courier.id, TaskOffer.status == "pending")
    rows = db.session.execute(
        sa.select(Courier, held.label("load"))
        .where(
            Courier.station_id.in_(station_ids),
            Courier.active.is_(True),
            Courier.on_shift.is_(True),
            Courier.last_seen_at >= now - FRESH_POSITION,
            ~offered,
        )
        .order_by(Courier.id)
    ).all()
    couriers = [row[0] for row in rows if row[1] < row[0].capacity]
    loads = [row[1] for row in rows if row[1] < row[0].capacity]
    return couriers, loads


def _excluded(open_tasks: list[Task], couriers: list[Courier]) -> list[tuple[int, int]]:
    task_index = {t.id: i for i, t in enumerate(open_tasks)}
    courier_index = {c.id: i for i, c in enumerate(couriers)}
    # A courier who declined, or let the offer lapse, is not asked again for this task.
    passed_on = db.session.execute(
        sa.select(TaskOffer.task_id, TaskOffer.courier_id).where(
            TaskOffer.task_id.in_(list(task_index)),
            TaskOffer.status.in_(("declined", "expired")),
        )
    )
    return [(task_index[t], courier_index[c]) for t, c in passed_on if c in courier_index]


def run_round(region_id: str, *, offer_ttl: timedelta, now: datetime | None = None) -> RoundResult:
    """One round for one region, in the caller's transaction."""
    if not _region_lock(region_id):
        return RoundResult(region_id, ran=False)
    now = now or clock.now()
    expired = tasks.expire_offers(now)
    station_ids = list(
        db.session.scalars(sa.select(Station.id).where(Station.region_id == region_id))
    )
    open_tasks = _open_tasks(station_ids)
    couriers, loads = _available_couriers(station_ids, now)
    if not open_tasks or not couriers:
        return RoundResult(region_id, True, len(open_tasks), len(couriers), 0, len(expired))
    now_s = now.timestamp()
    # A courier holding tasks is busy for at least a dwell per task.
    free_at = [now_s + load * engine.MOVEMENT.dwell_s for load in loads]
    started = time.perf_counter()
    result = engine.assign(
        engine.Tasks(
            [t.lat for t in open_tasks],
            [t.lng for t in open_tasks],
            [(t.deadline or now).timestamp() for t in open_tasks],
            since_s=[(t.promise_start or now).timestamp() for t in open_tasks],
        ),
        engine.Couriers(
            [c.last_lat for c in couriers],
            [c.last_lng for c in couriers],
            free_at,
            load=np.array(loads),
            capacity=np.array([c.capacity for c in couriers]),
        ),
        now_s,
        excluded=_excluded(open_tasks, couriers),
    )
    engine_ms = (time.perf_counter() - started) * 1000
    for task_i, courier_i, eta in result.pairs():
        task = open_tasks[task_i]
        tasks.offer(task, courier_id=couriers[courier_i].id, offered_by="dispatch", ttl=offer_ttl)
        task.eta_at = clock.from_timestamp(eta)
    db.session.flush()
    return RoundResult(
        region_id, True, len(open_tasks), len(couriers), len(result), len(expired), engine_ms
    )
