"""Courier actions that span domains: they move the task, record custody, update the
order the task serves, and tell the people concerned (outbox). No Flask; never commits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from courier_api.core import clock
from courier_api.core.errors import conflict, field_error
from courier_api.core.ids import new_id
from courier_api.core.outbox import emit
from courier_api.core.security import Principal
from courier_api.custody import handovers
from courier_api.extensions import db
from courier_api.hospital import runs as hospital_runs
from courier_api.pickups import service as pickups
from courier_api.pickups.models import PickupOrder
from courier_api.tasks import service as tasks
from courier_api.tasks.models import ContactLog, Task

ACTIVE = ("accepted", "arrived")
CONTACT_NUMBER_TTL = timedelta(minutes=30)
#: How far ahead of the server a handheld's clock may run.
SCAN_CLOCK_DRIFT = timedelta(minutes=5)


_NOT_LOOKED_UP: Any = object()


def notify_sender(task: Task, kind: str, *, order: Any = _NOT_LOOKED_UP, **payload: Any) -> None:
    """Tell the order's sender (citizen or organisation) about their pickup task (`order`:
    the task's order when the caller has it loaded already)."""
    if order is _NOT_LOOKED_UP:
        order = orders_of([task.id]).get(task.id)
    if order is None:
        return  # a delivery or return task: the owners hear of the outcome instead
    emit(
        kind,
        subject_type="task",
        subject_id=task.id,
        payload={"task_id": task.id, "pickup_id": order.id, **payload},
        organisation_ids=[order.organisation_id] if order.organisation_id else [],
        citizen_id=order.requester_id if order.requester_kind == "citizen" else None,
    )


def orders_of(task_ids: Sequence[str]) -> dict[str, PickupOrder]:
    """The pickup orders the tasks serve, by task id (one query for a batch)."""
    if not task_ids:
        return {}
    found = db.session.scalars(sa.select(PickupOrder).where(PickupOrder.task_id.in_(task_ids)))
    return {order.task_id: order for order in found}


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


def accept(*, caller: Principal, task_id: str, occurred_at: datetime | None = None) -> Task:
    task = tasks.get_task(caller=caller, task_id=task_id, lock=True)
    tasks.accept(task, courier_id=caller.id, at=scan_time(occurred_at, not_before=None))
    notify_sender(task, "task.accepted", courier_id=caller.id)
    return task


def decline(*, caller: Principal, task_id: str, reason: str | None) -> Task:
    task = tasks.get_task(caller=caller, task_id=task_id, lock=True)
    return tasks.decline(task, courier_id=caller.id, reason=reason)


def arrive(*, caller: Principal, task_id: str, occurred_at: datetime | None) -> Task:
    task = tasks.get_task(caller=caller, task_id=task_id, lock=True)
    return arrive_at(task, caller=caller, occurred_at=occurred_at)


def arrive_at(
    task: Task, *, caller: Principal, occurred_at: datetime | None, order: Any = _NOT_LOOKED_UP
) -> Task:
    """The arrival scan on a loaded (locked) task; handheld sync applies it in batches."""
    tasks.arrive(task, courier_id=caller.id, at=scan_time(occurred_at, not_before=task.accepted_at))
    late = task.deadline is not None and task.arrived_at > task.deadline
    notify_sender(
        task, "task.arrived", order=order, arrived_at=clock.to_rfc3339(task.arrived_at), late=late
    )
    return task


def pick_up(
    *,
    caller: Principal,
    task_id: str,
    scans: Sequence[handovers.Scan],
    occurred_at: datetime | None,
) -> tuple[Task, handovers.Outcome]:
    """Scan what is handed over, close the task, and settle the order it serves."""
    handover = handovers.prepare(
        caller=caller,
        kind="collect",
        station_id=None,
        task_id=task_id,
        giver=None,
        occurred_at=occurred_at,
    )
    task = handover.task
    handover = replace(handover, occurred_at=scan_time(occurred_at, not_before=task.arrived_at))
    outcome = handovers.record(handover, scans, actor=caller)
    tasks.complete(task, courier_id=caller.id)
    pickups.mark_collected(task.id)
    picked_up = [a["waybill"] for a in outcome.accepted]
    hospital_runs.collected(task, picked_up, outcome.missing, outcome.extra)
    notify_sender(
        task,
        "task.completed",
        picked_up=picked_up,
        missing=outcome.missing,
        extra=outcome.extra,
    )
    return task, outcome


def contact(
    *, caller: Principal, task_id: str, virtual_numbers, courier_phone: str
) -> dict[str, Any]:
    """A number the courier can call for an active task: a virtual number when a provider
    is configured, else the real one. Every request is logged."""
    task = tasks.get_task(caller=caller, task_id=task_id)
    if task.courier_id != caller.id:
        raise conflict("task_not_held", "Accept the task first.", current_state=task.state)
    if task.state not in ACTIVE:
        raise conflict("task_not_active", f"The task is {task.state}.", current_state=task.state)
    if virtual_numbers is not None:
        bound = virtual_numbers.bind(
            courier_phone, task.contact_phone, int(CONTACT_NUMBER_TTL.total_seconds())
        )
        answer = {"number": bound.number, "via": "virtual", "expires_at": bound.expires_at}
    else:
        answer = {"number": task.contact_phone, "via": "direct", "expires_at": None}
    db.session.add(
        ContactLog(
            id=new_id("ctl"),
            task_id=task.id,
            courier_id=caller.id,
            via=answer["via"],
            created_at=clock.now(),
        )
    )
    return answer


def hand_over(*, caller: Principal, body: dict[str, Any]) -> dict[str, Any]:
    """A hand-over scan as `POST /v1/handovers` (and handheld sync) takes it."""
    scans = handovers.scans_from(body["items"])
    if body["kind"] == "collect":
        # The same flow as the courier's pickup action: the task closes, the order settles.
        _, outcome = pick_up(
            caller=caller,
            task_id=body.get("task_id"),
            scans=scans,
            occurred_at=body.get("occurred_at"),
        )
        return {"kind": "collect", **outcome.__dict__}
    handover = handovers.prepare(
        caller=caller,
        kind=body["kind"],
        station_id=body.get("station_id"),
        task_id=body.get("task_id"),
        giver=body.get("from_"),
        occurred_at=body.get("occurred_at"),
    )
    outcome = handovers.record(handover, scans, actor=caller)
    return {"kind": handover.kind, **outcome.__dict__}
