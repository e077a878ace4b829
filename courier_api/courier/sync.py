"""Handheld sync: a batch of the courier's queued actions, one verdict each.

- Every event carries a `client_event_id` (UUID, unique per courier); its verdict is kept,
  so a batch uploaded twice is applied once and answered `duplicate` the second time.
  Two uploads by one courier are serialised (they update the courier's row first).
- Events are applied in `occurred_at` order (the courier's time counts) through the same
  functions as the online endpoints; a bad event is rejected with a code and the good ones
  in the batch still count.
- Set-based: the door actions (arrive, deliver, fail) of a batch are checked against tasks
  and shipments loaded in a few queries and written with one flush and one custody append.
  Offers (accept, decline) and scans (pickup, handover) are rarer offline; each runs in a
  savepoint through its online flow.
- A PIN delivery is refused: the PIN is checked online only.
- An event for a task the courier no longer holds (reassigned meanwhile) is rejected with
  `task_reassigned`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import marshmallow as ma
import sqlalchemy as sa

from courier_api.blobs.storage import BlobStorage
from courier_api.core import clock
from courier_api.core.db import built_once
from courier_api.core.errors import Problem, not_found
from courier_api.core.pg import among, insert_rows
from courier_api.core.security import Principal
from courier_api.courier import flows
from courier_api.courier.models import SyncEvent
from courier_api.courier.schemas import PAYLOADS, EventSchema, failure_from, given_from
from courier_api.delivery import doors
from courier_api.delivery import service as delivery
from courier_api.extensions import db
from courier_api.identity.models import Courier
from courier_api.pickups.progress import orders_of
from courier_api.shipments.models import Shipment
from courier_api.tasks.models import Task, TaskOffer

DOOR_KINDS = ("deliver", "fail")


@dataclass
class Event:
    index: int
    client_event_id: str
    kind: str
    task_id: str | None
    waybill: str | None
    at: doors.AtDoor
    #: The action's body as its schema loads it (a hand-over: a HandoverRequest).
    payload: Any


def _verdict(client_event_id: Any, status: str, code: str | None = None, detail: str | None = None):
    return {"client_event_id": client_event_id, "status": status, "code": code, "detail": detail}


def _invalid(raw: Any, error: ma.ValidationError, prefix: str = "") -> dict[str, Any]:
    fields = error.normalized_messages()
    named = ", ".join(f"{prefix}{name}" for name in fields) if isinstance(fields, dict) else ""
    client_event_id = raw.get("client_event_id") if isinstance(raw, dict) else None
    client_event_id = None if client_event_id is None else str(client_event_id)[:64]
    return _verdict(
        client_event_id, "rejected", "invalid_event", f"Invalid fields: {named or 'event'}."
    )


_ENVELOPE = EventSchema()


def _parse(raw: Any, index: int) -> Event:
    envelope = _ENVELOPE.load(raw)
    try:
        payload = PAYLOADS[envelope["kind"]].load(envelope["payload"])
    except ma.ValidationError as error:
        error.field_name = "payload"
        raise
    return Event(
        index=index,
        client_event_id=str(envelope["client_event_id"]),
        kind=envelope["kind"],
        task_id=envelope.get("task_id"),
        waybill=envelope.get("waybill"),
        at=doors.AtDoor(envelope["occurred_at"], envelope.get("lat"), envelope.get("lng")),
        payload=payload,
    )


def _pin_online_only(shipment: Shipment, pin: str | None) -> None:
    raise Problem(
        409,
        "pin_online_only",
        f"{shipment.waybill} is signed off with a PIN, which is checked online only: "
        "deliver it when connected.",
    )


class _Batch:
    """One sync upload: what was loaded for it and what it will write."""

    def __init__(self, caller: Principal, events: Sequence[Event]) -> None:
        self.caller = caller
        ids = sorted({e.task_id for e in events if e.task_id})
        door_ids = [e.task_id for e in events if e.kind in DOOR_KINDS]
        photos = [e.payload.get("photo_sha256") for e in events if e.kind == "deliver"]
        photos += [
            (e.payload.get("refusal") or {}).get("photo_sha256") for e in events if e.kind == "fail"
        ]
        # One query (and lock) for every task the batch names; the door actions' shipments
        # are loaded from those.
        self.held = doors.visible_tasks(caller=caller, task_ids=ids)
        self.doors, uploaded = doors.doors_of(
            caller, [self.held[i] for i in door_ids if i in self.held], photos
        )
        self.work = doors.DoorWork(caller, uploaded=uploaded)
        self.orders = orders_of([t for t, task in self.held.items() if task.kind == "pickup"])
        gone = [task_id for task_id in ids if task_id not in self.held]
        self.reassigned = (
            set(
                db.session.scalars(
                    sa.select(TaskOffer.task_id).where(
                        TaskOffer.task_id.in_(gone), TaskOffer.courier_id == caller.id
                    )
                )
            )
            if gone  # none, nearly always: every task named is still the courier's
            else set()
        )

    def _task(self, event: Event) -> Task:
        task = self.held.get(event.task_id)
        if task is None or task.courier_id not in (None, self.caller.id):
            if event.task_id in self.reassigned:
                raise Problem(
                    409, "task_reassigned", "The task was given to another courier meanwhile."
                )
            raise not_found("task")
        return task

    def apply(self, event: Event) -> None:
        task = self._task(event) if event.task_id else None
        if event.kind in DOOR_KINDS:
            door = self.doors.get(event.task_id)
            if event.waybill and door and event.waybill.upper() != door.shipment.waybill:
                raise Problem(422, "waybill_mismatch", "The waybill is not this task's item.")
            if event.kind == "deliver":
                delivery.plan_deliver(
                    door,
                    given=given_from(event.payload),
                    at=event.at,
                    work=self.work,
                    pin_check=_pin_online_only,
                )
            else:
                delivery.plan_fail(
                    door, failure=failure_from(event.payload), at=event.at, work=self.work
                )
        elif event.kind == "arrive":
            flows.arrive_at(
                task,
                caller=self.caller,
                occurred_at=event.at.occurred_at,
                order=self.orders.get(task.id),
            )
            self.work.tasks.append(task)
        else:
            with db.session.begin_nested():
                self._online(event)

    def _online(self, event: Event) -> None:
        caller, payload, when = self.caller, event.payload, event.at.occurred_at
        if event.kind == "accept":
            flows.accept(caller=caller, task_id=event.task_id, occurred_at=when)
        elif event.kind == "decline":
            flows.decline(caller=caller, task_id=event.task_id, reason=payload.get("reason"))
        elif event.kind == "pickup":
            flows.pick_up(
                caller=caller,
                task_id=event.task_id,
                scans=payload["items"],
                occurred_at=payload.get("occurred_at", when),
                partial=payload["partial"],
            )
        else:
            flows.hand_over(caller=caller, request=replace(payload, occurred_at=when))


def sync(*, caller: Principal, events: Sequence[Any], storage: BlobStorage) -> list[dict[str, Any]]:
    """Apply a handheld's queued events; one verdict per event, in the order sent."""
    now = clock.now()
    # Serialises two uploads by the same courier (and opens the transaction on SQLite, so
    # the savepoints below nest inside it).
    db.session.execute(sa.update(Courier).where(Courier.id == caller.id).values(last_synced_at=now))
    verdicts: list[dict[str, Any] | None] = [None] * len(events)
    parsed: list[Event] = []
    for index, raw in enumerate(events):
        try:
            parsed.append(_parse(raw, index))
        except ma.ValidationError as error:
            verdicts[index] = _invalid(raw, error)
    sent = {"courier_id": caller.id, "event_ids": [e.client_event_id for e in parsed]}
    known = dict(db.session.execute(built_once(_sent_before), sent).all())
    fresh: list[Event] = []
    for event in parsed:
        if event.client_event_id in known:
            status = known[event.client_event_id]
            verdicts[event.index] = _verdict(
                event.client_event_id, "duplicate", f"already_{status}", "Sent before."
            )
        else:
            known[event.client_event_id] = "accepted"  # a repeat inside this batch
            fresh.append(event)
    fresh.sort(key=lambda e: (e.at.occurred_at, e.index))
    batch = _Batch(caller, fresh) if fresh else None
    rows = []
    for event in fresh:
        try:
            with db.session.no_autoflush:
                batch.apply(event)
            verdicts[event.index] = _verdict(event.client_event_id, "accepted")
        except Problem as problem:
            verdicts[event.index] = _verdict(
                event.client_event_id, "rejected", problem.code, _detail(problem)
            )
        rows.append(_row(caller, event, verdicts[event.index], now))
    if batch is not None:
        batch.work.write(storage)
    insert_rows(SyncEvent.__table__, rows)
    return verdicts


def _sent_before() -> sa.Select:
    """What a courier's events among a batch's were answered before."""
    return sa.select(SyncEvent.client_event_id, SyncEvent.status).where(
        SyncEvent.courier_id == sa.bindparam("courier_id"),
        among(SyncEvent.client_event_id, named="event_ids"),
    )


def _detail(problem: Problem) -> str:
    fields = ", ".join(e["field"] for e in problem.errors or ())
    return f"{problem.detail} ({fields})" if fields else (problem.detail or problem.code)


def _row(caller: Principal, event: Event, verdict: dict[str, Any], now) -> dict[str, Any]:
    return {
        "courier_id": caller.id,
        "client_event_id": event.client_event_id,
        "kind": event.kind,
        "task_id": event.task_id,
        "occurred_at": event.at.occurred_at,
        "received_at": now,
        "status": verdict["status"],
        "code": verdict["code"],
    }
