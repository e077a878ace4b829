"""Dispatch rounds: every 10 s per region, match open tasks to available couriers with the
engine and make the offers. No Flask; the worker job commits.

No task is ever offered to or held by two couriers, even with two workers running rounds
for one region at once: a per-region advisory lock lets one round run at a time, task rows
are locked (SKIP LOCKED, so a dispatcher's manual assignment in progress is left alone),
and a partial unique index allows one pending offer per task.

The engine sees each courier as they really are: a courier holding tasks is free where and
when their queue ends (`queue_end`), and no courier is given work they cannot finish before
their shift ends (their station's closing, `shifts.shift_end`). A task the round cannot place
is escalated to the dispatcher's board with its cause (`escalate`; docs/dispatch.md).
"""

from __future__ import annotations

import time
import zlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import sqlalchemy as sa

from courier_api.core import clock
from courier_api.dispatch import engine, escalation
from courier_api.dispatch.shifts import shift_end
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
    escalated: int = 0


@dataclass
class CourierState:
    """A courier as the engine needs them: free at `free_at`, at (`lat`, `lng`)."""

    courier: Courier
    lat: float
    lng: float
    free_at: float
    load: int
    shift_end: float
    offered: bool  # an offer is pending: not asked again this round

    @property
    def available(self) -> bool:
        return not self.offered and self.load < self.courier.capacity


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
            .where(
                Task.station_id.in_(station_ids),
                Task.state == "open",
                Task.kind == "pickup",
                Task.sandbox.is_(False),  # the robo-courier's
            )
            .order_by(Task.deadline)
            .with_for_update(skip_locked=True, of=Task)
        )
    )


#: What a round needs of a held task (a row, not the task: a courier out on delivery holds
#: hundreds, and their relationships are of no use here).
_HELD_COLUMNS = (Task.courier_id, Task.state, Task.deadline, Task.arrived_at, Task.lat, Task.lng)


def queue_end(courier: Courier, held: list[sa.Row], now: datetime) -> tuple[float, float, float]:
    """(free_at_s, lat, lng): when and where the courier's held tasks are done. The courier
    works them in order of deadline, one already arrived at first (finishing its dwell),
    travelling from their last known position by the engine's movement model."""
    model = engine.MOVEMENT
    far_future = datetime.max.replace(tzinfo=now.tzinfo)
    queue = sorted(held, key=lambda k: (k.state != "arrived", k.deadline or far_future))
    if not queue:
        return now.timestamp(), courier.last_lat, courier.last_lng
    # Every leg's travel in one array operation: a courier out on delivery holds hundreds
    # of tasks, and one numpy call a leg was two fifths of the worker's dispatch rounds.
    lats = [courier.last_lat, *(task.lat for task in queue)]
    lngs = [courier.last_lng, *(task.lng for task in queue)]
    legs = model.travel_s(engine.haversine_km(lats[:-1], lngs[:-1], lats[1:], lngs[1:]))
    t = now.timestamp()
    for task, travel in zip(queue, legs.tolist(), strict=True):
        if task.state == "arrived" and task.arrived_at is not None:
            t = max(t, task.arrived_at.timestamp() + model.dwell_s)
        else:
            t += travel + model.dwell_s
    return t, lats[-1], lngs[-1]


def courier_states(station_ids: list[str], now: datetime, zone: ZoneInfo) -> list[CourierState]:
    """Every courier on shift with a fresh position, at the end of their queue."""
    couriers = list(
        db.session.scalars(
            sa.select(Courier)
            .where(
                Courier.station_id.in_(station_ids),
                Courier.active.is_(True),
                Courier.on_shift.is_(True),
                Courier.last_seen_at >= now - FRESH_POSITION,
            )
            .order_by(Courier.id)
        )
    )
    ids = [c.id for c in couriers]
    held: dict[str, list[sa.Row]] = defaultdict(list)
    for task in db.session.execute(
        sa.select(*_HELD_COLUMNS).where(Task.courier_id.in_(ids), Task.state.in_(HELD))
    ):
        held[task.courier_id].append(task)
    offered = set(
        db.session.scalars(
            sa.select(TaskOffer.courier_id).where(
                TaskOffer.courier_id.in_(ids), TaskOffer.status == "pending"
            )
        )
    )
    station_end = {}
    for station in db.session.scalars(sa.select(Station).where(Station.id.in_(station_ids))):
        end = shift_end(station.opening_hours, now, zone)
        station_end[station.id] = end.timestamp() if end is not None else np.inf
    states = []
    for courier in couriers:
        free_at, lat, lng = queue_end(courier, held[courier.id], now)
        states.append(
            CourierState(
                courier,
                lat,
                lng,
                free_at,
                len(held[courier.id]),
                station_end[courier.station_id],
                courier.id in offered,
            )
        )
    return states


def _excluded(open_tasks: list[Task], couriers: list[CourierState]) -> list[tuple[int, int]]:
    task_index = {t.id: i for i, t in enumerate(open_tasks)}
    courier_index = {c.courier.id: i for i, c in enumerate(couriers)}
    # A courier who declined, or let the offer lapse, is not asked again for this task.
    passed_on = db.session.execute(
        sa.select(TaskOffer.task_id, TaskOffer.courier_id).where(
            TaskOffer.task_id.in_(list(task_index)),
            TaskOffer.status.in_(("declined", "expired")),
        )
    )
    return [(task_index[t], courier_index[c]) for t, c in passed_on if c in courier_index]


def run_round(
    region_id: str,
    *,
    offer_ttl: timedelta,
    now: datetime | None = None,
    zone: ZoneInfo,
) -> RoundResult:
    """One round for one region, in the caller's transaction; ``zone`` is the business time
    zone (stations' opening hours, hence shift ends, are in it)."""
    if not _region_lock(region_id):
        return RoundResult(region_id, ran=False)
    now = now or clock.now()
    expired = tasks.expire_offers(now)
    station_ids = list(
        db.session.scalars(sa.select(Station.id).where(Station.region_id == region_id))
    )
    open_tasks = _open_tasks(station_ids)
    couriers = courier_states(station_ids, now, zone)
    available = sum(c.available for c in couriers)
    if not open_tasks:
        return RoundResult(region_id, True, 0, available, 0, len(expired))
    now_s = now.timestamp()
    task_arrays = engine.Tasks(
        [t.lat for t in open_tasks],
        [t.lng for t in open_tasks],
        [(t.deadline or now).timestamp() for t in open_tasks],
        since_s=[(t.promise_start or now).timestamp() for t in open_tasks],
    )
    courier_arrays = engine.Couriers(
        [c.lat for c in couriers],
        [c.lng for c in couriers],
        [c.free_at for c in couriers],
        load=np.array([c.load for c in couriers], dtype=np.int64),
        # A courier with an offer pending counts as nearby but takes nothing new.
        capacity=np.array([0 if c.offered else c.courier.capacity for c in couriers]),
        shift_end_s=[c.shift_end for c in couriers],
    )
    excluded = _excluded(open_tasks, couriers)
    started = time.perf_counter()
    result = engine.assign(task_arrays, courier_arrays, now_s, excluded=excluded)
    engine_ms = (time.perf_counter() - started) * 1000
    for task_i, courier_i, eta in result.pairs():
        task = open_tasks[task_i]
        tasks.offer(
            task, courier_id=couriers[courier_i].courier.id, offered_by="dispatch", ttl=offer_ttl
        )
        task.eta_at = clock.from_timestamp(eta)
    left = [open_tasks[i] for i in result.unassigned]
    causes = escalation.causes(task_arrays, result.unassigned, courier_arrays, excluded, now)
    escalated = escalation.escalate(left, causes, now)
    db.session.flush()
    return RoundResult(
        region_id,
        True,
        len(open_tasks),
        available,
        len(result),
        len(expired),
        engine_ms,
        escalated,
    )
