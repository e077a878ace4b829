"""The doors a courier's delivery and return tasks end at: what the door actions load (and
lock) before they check anything, and what they write afterwards, set-based, so that a sync
batch and an online action run the same code. No Flask; never commits."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from courier_api.blobs import service as blobs
from courier_api.blobs.models import Blob
from courier_api.blobs.storage import BlobStorage
from courier_api.cod import service as cod
from courier_api.core import clock, outbox
from courier_api.core.db import built_once
from courier_api.core.errors import conflict, not_found
from courier_api.core.ids import new_id
from courier_api.core.pg import among, insert_rows, load_collection, plan_once, write_changes
from courier_api.core.scoping import built_for, scoped_select
from courier_api.core.security import Principal
from courier_api.custody import service as custody
from courier_api.delivery import proof
from courier_api.delivery.models import DeliveryAttempt, DeliveryProof
from courier_api.extensions import db
from courier_api.network.service import product_rules
from courier_api.shipments.models import PROGRESS_COLUMNS as SHIPMENT_COLUMNS
from courier_api.shipments.models import Shipment
from courier_api.tasks import service as tasks
from courier_api.tasks.models import ACTIVE_STATES, Task, TaskItem
from courier_api.tasks.models import PROGRESS_COLUMNS as TASK_COLUMNS
from courier_api.tasks.scans import scan_time

#: The task kinds that end at a door, and the shipment state each expects.
DOOR_TASKS = {"delivery": "out_for_delivery", "return": "returning"}
RETURN_WINDOW = timedelta(hours=48)
#: What the door changes on the task's item.
ITEM_COLUMNS = ("status", "scanned_at")
PinCheck = Callable[[Shipment, str | None], None]


@dataclass(frozen=True)
class AtDoor:
    """Where and when the courier acted: the handheld's time counts, within what is
    possible for the task (None: now)."""

    occurred_at: datetime | None
    lat: float | None = None
    lng: float | None = None


@dataclass
class Door:
    """A door task and its shipment, loaded and locked."""

    task: Task
    shipment: Shipment


@dataclass
class DoorWork:
    """What door actions write, collected so that a batch writes it in a few statements."""

    caller: Principal
    #: Uploaded blobs the actions refer to (photos), loaded with the doors.
    uploaded: dict[str, Blob] = field(default_factory=dict)
    entries: list[custody.Entry] = field(default_factory=list)
    #: New rows, inserted set-based (no ORM object each: building and flushing those was
    #: a fifth of a sync batch's time): attempts, their proofs, outbox events.
    attempts: list[dict[str, Any]] = field(default_factory=list)
    proofs: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    files: list[tuple[bytes, str, str]] = field(default_factory=list)
    photo_links: list[tuple[str, str, str]] = field(default_factory=list)
    returns: list[tuple[Shipment, str]] = field(default_factory=list)
    #: COD taken at the door, posted to the ledger with the delivery.
    collections: list[cod.Collection] = field(default_factory=list)
    #: Loaded tasks, their items and shipments the actions changed.
    tasks: list[Task] = field(default_factory=list)
    items: list[TaskItem] = field(default_factory=list)
    shipments: list[Shipment] = field(default_factory=list)

    def write(self, storage: BlobStorage) -> None:
        # Before anything flushes: one UPDATE each for the tasks, items and shipments, not
        # the ORM's one per versioned task.
        write_changes(self.tasks, TASK_COLUMNS)
        write_changes(self.items, ITEM_COLUMNS)
        write_changes(self.shipments, SHIPMENT_COLUMNS)
        # Attempts before the proofs that refer to them.
        insert_rows(DeliveryAttempt.__table__, self.attempts)
        insert_rows(DeliveryProof.__table__, self.proofs)
        outbox.emit_rows(self.events)
        blobs.store_many(
            [(data, content_type) for data, content_type, _ in self.files],
            caller=self.caller,
            storage=storage,
            subjects=[("shipment", shipment_id) for _, _, shipment_id in self.files],
        )
        blobs.link_many(self.photo_links)
        tasks.create_tasks(
            [return_task(shipment, station_id) for shipment, station_id in self.returns]
        )
        db.session.flush()
        cod.collect(self.collections)
        custody.append(self.entries)


def visible_tasks(*, caller: Principal, task_ids: Sequence[str]) -> dict[str, Task]:
    """The caller's tasks among `task_ids` (held or offered to them), locked. What follows
    in the transaction (a door action) is keyed lookups and writes: planned once."""
    plan_once()
    found = (
        db.session.scalars(built_for(caller, _tasks_among), {"task_ids": list(task_ids)})
        .unique()
        .all()
    )
    return {task.id: task for task in found}


def _tasks_among(caller: Principal) -> sa.Select:
    # Items joined in (a door task has one): a statement less than loading them after.
    return (
        scoped_select(Task, caller)
        .where(among(Task.id, named="task_ids"))
        .options(joinedload(Task.items))
        .with_for_update(of=Task)
    )


def load_doors(
    *, caller: Principal, task_ids: Sequence[str], photos: Sequence[str] = ()
) -> tuple[dict[str, Door], dict[str, Blob]]:
    """The caller's door tasks among `task_ids` with their shipments (locked, named
    recipients and owners loaded), and the uploaded blobs among `photos`."""
    return doors_of(caller, visible_tasks(caller=caller, task_ids=task_ids).values(), photos)


def doors_of(
    caller: Principal, loaded_tasks: Iterable[Task], photos: Sequence[str] = ()
) -> tuple[dict[str, Door], dict[str, Blob]]:
    """The door tasks the caller holds among tasks already loaded and locked, with their
    shipments; and the uploaded blobs among `photos`."""
    found = [t for t in loaded_tasks if t.courier_id == caller.id]
    shipment_ids = [t.items[0].shipment_id for t in found if t.kind in DOOR_TASKS and t.items]
    locked = (
        db.session.scalars(built_once(_shipments_among), {"shipment_ids": shipment_ids})
        .unique()
        .all()
    )
    load_collection(locked, Shipment.named_recipients)
    loaded = {s.id: s for s in locked}
    doors = {}
    for task in found:
        shipment = loaded.get(task.items[0].shipment_id) if task.items else None
        if shipment is not None:
            doors[task.id] = Door(task, shipment)
    return doors, blobs.existing([p for p in photos if p])


def _shipments_among() -> sa.Select:
    # Owners joined in (one or two a shipment); named recipients after, not joined too,
    # which would multiply the rows by each other.
    return (
        sa.select(Shipment)
        .where(among(Shipment.id, named="shipment_ids"))
        .options(joinedload(Shipment.owners))
        .with_for_update(of=Shipment)
    )


def checked_door(door: Door | None, kind: str | None = None) -> Door:
    if door is None:
        raise not_found("task")
    task, shipment = door.task, door.shipment
    if task.kind not in DOOR_TASKS or (kind is not None and task.kind != kind):
        raise conflict("not_a_door_task", f"This is a {task.kind} task.", current_state=task.state)
    if task.state not in ACTIVE_STATES:
        raise conflict("task_not_active", f"The task is {task.state}.", current_state=task.state)
    if shipment.state != DOOR_TASKS[task.kind]:
        raise conflict(
            "invalid_shipment_transition",
            f"Shipment {shipment.waybill} is {shipment.state}.",
            current_state=shipment.state,
            waybill=shipment.waybill,
        )
    return door


def door_time(task: Task, at: AtDoor) -> AtDoor:
    previous = task.arrived_at or task.accepted_at
    return replace(at, occurred_at=scan_time(at.occurred_at, not_before=previous))


def rules_of(shipment: Shipment) -> dict[str, Any]:
    return product_rules(shipment.product, shipment.catalogue_version)


def check_photo(work: DoorWork, sha256: str | None, field_name: str, shipment: Shipment) -> None:
    if sha256:
        blobs.check_uploaded(work.uploaded.get(sha256), field_name, allowed=blobs.PHOTO_TYPES)
        work.photo_links.append((sha256, "shipment", shipment.id))


#: Every column of a new row (an executemany needs the same keys in each).
_ATTEMPT_COLUMNS = dict.fromkeys(DeliveryAttempt.__table__.c.keys())
_PROOF_COLUMNS = dict.fromkeys(DeliveryProof.__table__.c.keys())


def new_attempt(
    door: Door, work: DoorWork, at: AtDoor, outcome: str, **fields: Any
) -> dict[str, Any]:
    task, shipment = door.task, door.shipment
    work.tasks.append(task)
    work.shipments.append(shipment)
    if task.kind == "delivery":
        shipment.attempts += 1
        first = shipment.first_attempt_at
        # The earliest by the handheld's clock: a batch may upload visits out of order.
        shipment.first_attempt_at = at.occurred_at if first is None else min(first, at.occurred_at)
    attempt = {
        **_ATTEMPT_COLUMNS,
        "id": new_id("att"),
        "shipment_id": shipment.id,
        "task_id": task.id,
        "courier_id": work.caller.id,
        "number": shipment.attempts if task.kind == "delivery" else 0,
        "outcome": outcome,
        "occurred_at": at.occurred_at,
        "recorded_at": clock.now(),
        "lat": at.lat,
        "lng": at.lng,
        **fields,
    }
    work.attempts.append(attempt)
    return attempt


def custody_entry(
    door: Door, kind: str, caller: Principal, at: AtDoor, refs: dict
) -> custody.Entry:
    return custody.Entry.by(
        caller,
        door.shipment.id,
        kind,
        occurred_at=at.occurred_at,
        station_id=door.task.station_id,
        task_id=door.task.id,
        refs=refs,
    )


def finish_task(task: Task, work: DoorWork, at: AtDoor, *, reason: str | None) -> None:
    caller = work.caller
    if task.state == "accepted":
        tasks.arrive(task, courier_id=caller.id, at=at.occurred_at)
    if reason is None:
        task.items[0].status, task.items[0].scanned_at = "scanned", at.occurred_at
        tasks.complete(task, courier_id=caller.id, at=at.occurred_at)
        work.items += task.items
    else:
        tasks.fail(task, courier_id=caller.id, reason=reason, at=at.occurred_at)


def proof_row(work: DoorWork, attempt: dict[str, Any], **fields: Any) -> dict[str, Any]:
    row = {
        **_PROOF_COLUMNS,
        "id": new_id("prf"),
        "attempt_id": attempt["id"],
        "shipment_id": attempt["shipment_id"],
        "pin_verified": False,
        "recorded_at": clock.now(),
        **fields,
    }
    work.proofs.append(row)
    return row


def attach_proof_needs(found: Sequence[Task]) -> Sequence[Task]:
    """Set `proof_needed` on each task: what its door's proof needs (None on a pickup), for
    the courier's task views; one query for a page of tasks."""
    at_doors = [task for task in found if task.kind in DOOR_TASKS and task.items]
    for task in found:
        task.proof_needed = None
    if not at_doors:
        return found
    shipment_ids = [task.items[0].shipment_id for task in at_doors]
    loaded = db.session.scalars(sa.select(Shipment).where(among(Shipment.id, shipment_ids))).all()
    load_collection(loaded, Shipment.named_recipients)
    shipments = {shipment.id: shipment for shipment in loaded}
    for task in at_doors:
        shipment = shipments[task.items[0].shipment_id]
        rules = proof.door_rules(rules_of(shipment)["proof"], returning=task.kind == "return")
        task.proof_needed = proof.needs(rules, shipment)
    return found


def return_task(shipment: Shipment, station_id: str) -> tasks.TaskSpec:
    """An open task to take the item back to its sender; it goes to whoever loads the item
    at the station (or to the courier a dispatcher assigns)."""
    now = clock.now()
    return tasks.TaskSpec(
        kind="return",
        station_id=station_id,
        place=tasks.met_at(shipment, "sender"),
        window=(now, now + RETURN_WINDOW),
        shipments=[shipment],
    )
