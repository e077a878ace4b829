"""Courier actions that span domains: they move the task, record custody, settle what the
task serves (through tasks.settlement), and tell the people concerned (outbox). No Flask;
never commits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from courier_api.core import clock, ratelimit
from courier_api.core.errors import conflict
from courier_api.core.ids import new_id
from courier_api.core.masking import PHONE, shown
from courier_api.core.security import Principal
from courier_api.courier import handovers
from courier_api.extensions import db
from courier_api.pickups.progress import NOT_LOOKED_UP, notify_sender
from courier_api.proof import pins
from courier_api.proof.models import DeliveryPin
from courier_api.shipments.models import Shipment
from courier_api.tasks import service as tasks
from courier_api.tasks import settlement
from courier_api.tasks.models import ACTIVE_STATES, ContactLog, Task
from courier_api.tasks.scans import scan_time

CONTACT_NUMBER_TTL = timedelta(minutes=30)


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
    task: Task, *, caller: Principal, occurred_at: datetime | None, order: Any = NOT_LOOKED_UP
) -> Task:
    """The arrival scan on a loaded (locked) task; handheld sync applies it in batches. A
    repeated scan changes nothing: the first one counts, and the sender was told once."""
    if task.state == "arrived" and task.courier_id == caller.id:
        return task
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
    partial: bool = False,
) -> tuple[Task, handovers.Outcome]:
    """Scan what is handed over, close the task, and settle what it serves; a `partial`
    batch keeps the task open for more while the courier is at the door."""
    handover = handovers.prepare(
        caller=caller,
        request=handovers.HandoverRequest(
            "collect", scans, task_id=task_id, occurred_at=occurred_at
        ),
    )
    task = handover.task
    handover = replace(handover, occurred_at=scan_time(occurred_at, not_before=task.arrived_at))
    outcome = handovers.record(handover, scans, actor=caller)
    if partial:
        return task, outcome
    tasks.complete(task, courier_id=caller.id, at=handover.occurred_at)
    # Every batch's items: a collection may have come in several.
    picked_up = [item.waybill for item in task.items if item.status == "scanned"]
    settlement.settle(task, settlement.Collected(picked_up, outcome.missing, outcome.extra))
    return task, outcome


def contact(
    *, caller: Principal, task_id: str, virtual_numbers, courier_phone: str
) -> dict[str, Any]:
    """A number the courier can call for an active task: a virtual number when a provider
    is configured, else the real one. Every request is logged."""
    task = tasks.get_task(caller=caller, task_id=task_id)
    if task.courier_id != caller.id:
        raise conflict("task_not_held", "Accept the task first.", current_state=task.state)
    if task.state not in ACTIVE_STATES:
        raise conflict("task_not_active", f"The task is {task.state}.", current_state=task.state)
    if not task.contact_phone:
        # A desk that gave no phone: nothing to bind or dial (a provider would be sent None).
        raise conflict(
            "no_contact_phone",
            "No phone is on file for this task's contact; ask the station.",
            current_state=task.state,
        )
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


def hand_over(*, caller: Principal, request: handovers.HandoverRequest) -> dict[str, Any]:
    """A hand-over scan as `POST /v1/handovers` (and handheld sync) takes it."""
    if request.kind == "collect":
        # The same flow as the courier's pickup action: the task closes, the order settles.
        _, outcome = pick_up(
            caller=caller,
            task_id=request.task_id,
            scans=request.scans,
            occurred_at=request.occurred_at,
        )
        return {"kind": "collect", **outcome.__dict__}
    handover = handovers.prepare(caller=caller, request=request)
    outcome = handovers.record(handover, request.scans, actor=caller)
    return {"kind": handover.kind, **outcome.__dict__}


def resend_pin(*, caller: Principal, task_id: str) -> dict[str, Any]:
    """A new PIN for the recipient of a delivery task the courier holds and is working on."""
    task = tasks.get_task(caller=caller, task_id=task_id, lock=True)
    if task.courier_id != caller.id:
        raise conflict("task_not_held", "Accept the task first.", current_state=task.state)
    if task.kind != "delivery":
        raise conflict("not_a_delivery_task", "Not a delivery task.", current_state=task.state)
    if task.state not in ACTIVE_STATES:
        raise conflict("task_not_active", f"The task is {task.state}.", current_state=task.state)
    # Counted only once the task is known to be the caller's: nobody can use up the limit
    # of another courier's delivery.
    ratelimit.hit("pin_resend", task.id)
    shipment = db.session.get(Shipment, task.items[0].shipment_id)
    pins.resend_pin(shipment)
    return {
        "shipment_id": shipment.id,
        "waybill": shipment.waybill,
        "sent_to": shown(
            shipment.recipient_phone, PHONE, owner=False, about=shipment.recipient_kind
        ),
        "resends_left": db.session.get(DeliveryPin, shipment.id).resends_left,
    }
