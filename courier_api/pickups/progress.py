"""How a pickup order follows its task: the sender hears of each step, and the order settles
when the courier's collection scan completes the task."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from courier_api.core.outbox import emit
from courier_api.extensions import db
from courier_api.pickups import service as pickups
from courier_api.pickups.models import PickupOrder
from courier_api.tasks.models import Task
from courier_api.tasks.settlement import Collected

NOT_LOOKED_UP: Any = object()


def notify_sender(task: Task, kind: str, *, order: Any = NOT_LOOKED_UP, **payload: Any) -> None:
    """Tell the order's sender (citizen or organisation) about their pickup task (`order`:
    the task's order when the caller has it loaded already)."""
    if order is NOT_LOOKED_UP:
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


def collected(task: Task, collection: Collected) -> None:
    """The courier's collection scan completed the task: the order it serves is picked up,
    and its sender is told what was collected."""
    order = pickups.mark_collected(task.id)
    notify_sender(
        task,
        "task.completed",
        order=order,
        picked_up=list(collection.picked_up),
        missing=list(collection.missing),
        extra=list(collection.extra),
    )
