"""Hand-over runs: when an item is collected, the runs that collect it, and the signed
hand-over. No Flask; never commits.

Each pickup point has scheduled run times (`PickupPoint.run_times`, local). An item that is
ready waits in `hospital_collections` for the first run at or after its `due_at`; at the
run time the worker builds one pickup task over every item waiting at the point (the
dispatch engine offers it like any pickup). The courier scans the items with the shipment
core's hand-over scan; whatever was not scanned stays waiting for the next run. The
signed hand-over is in `hospital/signed_handovers.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from courier_api.core import clock
from courier_api.core.errors import Problem, not_found
from courier_api.core.ids import new_id
from courier_api.core.outbox import emit
from courier_api.core.pg import insert_rows
from courier_api.core.scoping import get_scoped, scoped_select, station_scope
from courier_api.core.security import Principal
from courier_api.extensions import db
from courier_api.hospital.models import Collection, HospitalRun
from courier_api.network.models import Organisation, PickupPoint
from courier_api.network.service import ServiceArea
from courier_api.shipments import pricing
from courier_api.shipments.models import Shipment
from courier_api.tasks import service as tasks
from courier_api.tasks.models import FINISHED_STATES, Task, TaskItem

#: How long after its scheduled time a run's courier may arrive (the run's promise).
RUN_WINDOW = timedelta(minutes=60)


# --- when an item is collected and delivered ------------------------------------------


def _slots(point: PickupPoint, day: date, zone: ZoneInfo) -> list[datetime]:
    return sorted(datetime.combine(day, clock.hhmm(t), zone) for t in point.run_times)


def runs_from(point: PickupPoint, earliest: datetime, zone: ZoneInfo) -> list[datetime]:
    """The point's scheduled runs at or after `earliest` (UTC), today's and tomorrow's: a
    point with run times has one within them."""
    if not point.run_times:
        raise Problem(
            422,
            "no_runs_scheduled",
            f"{point.name} has no scheduled hand-over runs; ask the network to set them.",
        )
    start = earliest.astimezone(zone).date()
    slots = _slots(point, start, zone) + _slots(point, start + timedelta(days=1), zone)
    return [slot.astimezone(earliest.tzinfo) for slot in slots if slot >= earliest]


def first_run_at_or_after(point: PickupPoint, earliest: datetime, zone: ZoneInfo) -> datetime:
    """The first scheduled run of the point at or after `earliest` (UTC)."""
    return runs_from(point, earliest, zone)[0]


def last_run_at_or_before(point: PickupPoint, now: datetime, zone: ZoneInfo) -> datetime | None:
    today = now.astimezone(zone).date()
    for offset in (0, -1):
        slots = [s for s in _slots(point, today + timedelta(days=offset), zone) if s <= now]
        if slots:
            return slots[-1].astimezone(now.tzinfo)
    return None


@dataclass(frozen=True)
class Schedule:
    """Which run collects an item, and the delivery promise that follows."""

    run_at: datetime
    deliver_by: datetime | None


def schedule(
    *,
    rules: dict[str, Any],
    point: PickupPoint,
    ready_at: datetime,
    destination: ServiceArea,
    cold_chain: bool,
    zone: ZoneInfo,
) -> Schedule:
    """The product's collection and delivery rules applied to an item ready at `ready_at`:

    - `pickup.same_day_if_ready_before` (birth certificates, 15:00): ready later, the item
      waits for the next day's run;
    - delivery the day after collection (by the destination's area hour);
    - cold-chain items the day they are collected (`delivery.cold_chain_same_day`): on the
      first run that leaves the transit time, tomorrow's when today's are too late.
    """
    local = ready_at.astimezone(zone)
    earliest = ready_at
    cutoff = rules["pickup"].get("same_day_if_ready_before")
    if cutoff and local.time() >= clock.hhmm(cutoff):
        earliest = datetime.combine(local.date() + timedelta(days=1), time(0), zone)
    if cold_chain:
        return _cold_chain(rules, point, earliest, zone)
    run_at = first_run_at_or_after(point, earliest, zone)
    deliver_by = pricing.deliver_by(
        picked_up_by=run_at,
        rules=rules,
        destination_area=destination.area_type,
        origin_cutoff=point.station.cutoff_time,
        zone=zone,
    )
    return Schedule(run_at, deliver_by)


def _cold_chain(
    rules: dict[str, Any], point: PickupPoint, earliest: datetime, zone: ZoneInfo
) -> Schedule:
    """The first run that leaves `transit_min` before `deliver_by` on its own day: today's,
    or when today's last run is too late, tomorrow's (offered, not refused)."""
    same_day = rules["delivery"].get("cold_chain_same_day")
    if not same_day:
        raise Problem(
            422, "cold_chain_not_carried", "This product does not carry cold-chain items."
        )
    transit = timedelta(minutes=same_day["transit_min"])
    for run_at in runs_from(point, earliest, zone):
        local = run_at.astimezone(zone)
        deliver_by = datetime.combine(local.date(), clock.hhmm(same_day["deliver_by"]), zone)
        if run_at + transit <= deliver_by:
            return Schedule(run_at, deliver_by.astimezone(run_at.tzinfo))
    raise Problem(
        422,
        "cold_chain_same_day_impossible",
        f"Cold-chain items must reach the patient by {same_day['deliver_by']} on the day "
        f"they are collected; no hand-over run at {point.name} leaves "
        f"{same_day['transit_min']} minutes for delivery.",
        deliver_by_local=same_day["deliver_by"],
    )


def wait_for_run(
    shipment: Shipment, point: PickupPoint, run_at: datetime, reference_no: str
) -> None:
    """The shipment is ready: it waits at the point for the run at `run_at` (written now,
    not with the next flush: the shipment's row is there already)."""
    insert_rows(
        Collection.__table__,
        [
            {
                "shipment_id": shipment.id,
                "pickup_point_id": point.id,
                "due_at": run_at,
                "reference_no": reference_no,
            }
        ],
    )


def attach_run_at(orders: Sequence[Any], zone: ZoneInfo) -> Sequence[Any]:
    """Set `run_at` on each order (a delivery or an application): the run that collects its
    item, or that collected it; None while it is not ready (or never will be). An item a
    finished run left behind goes on the point's next run. One query for a page."""
    for order in orders:
        order.run_at = None
    by_shipment = {order.shipment_id: order for order in orders}
    if not by_shipment:
        return orders
    rows = db.session.execute(
        sa.select(Collection, HospitalRun.scheduled_at, Task.state, Shipment.state)
        .join(Shipment, Shipment.id == Collection.shipment_id)
        .outerjoin(HospitalRun, HospitalRun.id == Collection.run_id)
        .outerjoin(Task, Task.id == HospitalRun.task_id)
        .where(Collection.shipment_id.in_(list(by_shipment)))
    ).all()
    now = clock.now()
    for waiting, run_at, task_state, state in rows:
        left_behind = task_state in FINISHED_STATES and state == "awaiting_pickup"
        if left_behind:
            point = db.session.get(PickupPoint, waiting.pickup_point_id)
            run_at = first_run_at_or_after(point, now, zone)
        by_shipment[waiting.shipment_id].run_at = run_at or waiting.due_at
    return orders


# --- building the runs ------------------------------------------------------------------


def _still_waiting(until: datetime | None, sandbox: bool) -> sa.ColumnElement[bool]:
    """A collection due by `until` (None: whenever) whose item still waits: never on a run,
    or left behind (missing at the scan) by a run that is over. Sandbox items and live ones
    never share a run (the robo-courier collects the sandbox ones)."""
    finished_runs = (
        sa.select(HospitalRun.id)
        .join(Task, Task.id == HospitalRun.task_id)
        .where(Task.state.in_(FINISHED_STATES))
    )
    return sa.and_(
        Collection.due_at <= until if until is not None else sa.true(),
        Shipment.state == "awaiting_pickup",
        Shipment.sandbox.is_(sandbox),
        sa.or_(Collection.run_id.is_(None), Collection.run_id.in_(finished_runs)),
    )


def _waiting(until: datetime | None, sandbox: bool = False) -> sa.Select:
    return (
        sa.select(Collection.shipment_id)
        .join(Shipment, Shipment.id == Collection.shipment_id)
        .where(_still_waiting(until, sandbox))
    )


def build_due_runs(zone: ZoneInfo, now: datetime | None = None) -> list[HospitalRun]:
    """Build every run whose time has come and that has items waiting (worker job, also
    safe to run twice: a point's row lock and a unique slot keep runs single)."""
    now = now or clock.now()
    point_ids = db.session.scalars(
        _waiting(now).with_only_columns(Collection.pickup_point_id).distinct()
    ).all()
    built = []
    for point_id in sorted(point_ids):
        run = build_run(point_id, zone=zone, now=now)
        if run is not None:
            built.append(run)
    return built


def build_run(point_id: str, *, zone: ZoneInfo, now: datetime) -> HospitalRun | None:
    """The point's latest run slot up to `now`, if not built yet and anything waits."""
    point = _locked_point(sa.select(PickupPoint).where(PickupPoint.id == point_id))
    slot = last_run_at_or_before(point, now, zone)
    if slot is None:
        return None
    exists = db.session.scalar(
        sa.select(HospitalRun.id).where(
            HospitalRun.pickup_point_id == point.id, HospitalRun.scheduled_at == slot
        )
    )
    if exists:
        return None
    shipment_ids = db.session.scalars(
        _waiting(slot).where(Collection.pickup_point_id == point.id)
    ).all()
    if not shipment_ids:
        return None
    return _build(point, slot, shipment_ids, now=now)


def _locked_point(stmt: sa.Select) -> PickupPoint | None:
    # The point's row lock keeps two builders (the worker twice, a clerk's extra run)
    # from putting one item on two runs.
    return db.session.scalars(stmt.with_for_update(of=PickupPoint)).first()


def request_run(*, caller: Principal, pickup_point_id: str) -> HospitalRun:
    """An extra run now, instead of the next scheduled one, over everything ready at the
    point (whatever run it was waiting for). Asked for by a clerk of the point's hospital
    or a dispatcher of its station; any other point is 404."""
    # Its hospital's clerks see the point; so do the staff of the station collecting it.
    in_scope = sa.or_(
        PickupPoint.visible_to(caller),
        station_scope(PickupPoint.station_id, caller, lambda _: sa.false()),
    )
    point = _locked_point(
        sa.select(PickupPoint)
        .join(Organisation, Organisation.id == PickupPoint.organisation_id)
        .where(PickupPoint.id == pickup_point_id, Organisation.kind == "hospital", in_scope)
    )
    if point is None:
        raise not_found("pickup_point")
    shipment_ids = db.session.scalars(
        _waiting(None, caller.sandbox).where(Collection.pickup_point_id == point.id)
    ).all()
    if not shipment_ids:
        raise Problem(
            422,
            "nothing_to_collect",
            f"Nothing at {point.name} waits for a run (items already on a run go with it).",
        )
    now = clock.now()
    return _build(point, now, shipment_ids, now=now, requested_by=caller.id)


def sandbox_run(shipment_id: str, *, requested_by: str) -> HospitalRun | None:
    """The robo-courier's run, now, for this sandbox item alone (None: it waits for no
    run). One item a run: two items advanced at once never wait on each other's rows."""
    point = _locked_point(
        sa.select(PickupPoint)
        .join(Collection, Collection.pickup_point_id == PickupPoint.id)
        .where(Collection.shipment_id == shipment_id)
    )
    if point is None:
        return None
    waiting = db.session.scalar(
        _waiting(None, sandbox=True).where(Collection.shipment_id == shipment_id)
    )
    if waiting is None:
        return None
    now = clock.now()
    return _build(point, now, [shipment_id], now=now, requested_by=requested_by)


def _build(
    point: PickupPoint,
    slot: datetime,
    shipment_ids: Sequence[str],
    *,
    now: datetime,
    requested_by: str | None = None,
) -> HospitalRun:
    """One pickup task at `slot` over the waiting items, and its run."""
    items = db.session.scalars(
        sa.select(Shipment).where(Shipment.id.in_(shipment_ids)).order_by(Shipment.waybill)
    ).all()
    task = tasks.collect_at_point(point, items, (slot, slot + RUN_WINDOW), promised=True)
    run = HospitalRun(
        id=new_id("run"),
        organisation_id=point.organisation_id,
        pickup_point_id=point.id,
        scheduled_at=slot,
        task_id=task.id,
        created_at=now,
        requested_by=requested_by,
    )
    db.session.add(run)
    db.session.flush()
    db.session.execute(
        sa.update(Collection)
        .where(Collection.shipment_id.in_(list(shipment_ids)))
        .values(run_id=run.id),
        execution_options={"synchronize_session": False},
    )
    emit(
        "hospital_run.built",
        subject_type="hospital_run",
        subject_id=run.id,
        payload={
            "run_id": run.id,
            "pickup_point_id": point.id,
            "scheduled_at": clock.to_rfc3339(slot),
            "items": len(items),
            "extra": requested_by is not None,
        },
        organisation_ids=[point.organisation_id],
    )
    return run


# --- reading ----------------------------------------------------------------------------


def list_runs(
    *, caller: Principal, day: date, zone: ZoneInfo, pickup_point_id: str | None
) -> sa.Select:
    start = datetime.combine(day, time(0), zone)
    stmt = scoped_select(HospitalRun, caller).where(
        HospitalRun.scheduled_at >= start, HospitalRun.scheduled_at < start + timedelta(days=1)
    )
    if pickup_point_id:
        stmt = stmt.where(HospitalRun.pickup_point_id == pickup_point_id)
    return stmt


def get_run(*, caller: Principal, run_id: str, lock: bool = False) -> HospitalRun:
    return get_scoped(HospitalRun, run_id, caller, what="run", lock=lock)


def counts(runs: Sequence[HospitalRun]) -> dict[str, dict[str, int]]:
    """Per run: items expected on the manifest, and how many are scanned, missing, extra."""
    found: dict[str, dict[str, int]] = {
        r.id: {"expected": 0, "scanned": 0, "missing": 0, "extra": 0} for r in runs
    }
    by_task = {r.task_id: r.id for r in runs}
    rows = db.session.execute(
        sa.select(
            TaskItem.task_id,
            TaskItem.status,
            TaskItem.shipment_id.is_not(None),
            sa.func.count(),
        )
        .where(TaskItem.task_id.in_(list(by_task)))
        .group_by(TaskItem.task_id, TaskItem.status, TaskItem.shipment_id.is_not(None))
    )
    for task_id, status, on_manifest, count in rows:
        tally = found[by_task[task_id]]
        if on_manifest and status != "extra":
            tally["expected"] += count
        if status != "expected":
            tally[status] += count
    return found


def manifest(run: HospitalRun) -> list[dict[str, Any]]:
    """Every item of the run: what was expected and what the courier scanned."""
    rows = db.session.execute(
        sa.select(
            TaskItem.waybill,
            TaskItem.status,
            TaskItem.scanned_at,
            TaskItem.shipment_id,
            Shipment.product,
            Shipment.recipient_name,
            Collection.reference_no,
        )
        .outerjoin(Shipment, Shipment.id == TaskItem.shipment_id)
        .outerjoin(Collection, Collection.shipment_id == TaskItem.shipment_id)
        .where(TaskItem.task_id == run.task_id)
        .order_by(TaskItem.id)
    )
    return [row._asdict() for row in rows]
