"""Delivering, failing and returning: the courier's last step with a shipment. No Flask;
never commits.

A delivery task carries one shipment. `deliver` completes it with the proof the product
requires; `fail` records why not. A failed item goes back to the station (the next
hand-over it may take is the station's in-scan), and after the product's last attempt — or
a refusal — it is `returning`: a return task takes it back to the sender (the hospital, the
court, the citizen). `deliver` on the return task, signed by the sender's side, ends it.

Each action is three steps, so that the handheld's sync applies a batch of them with a
handful of statements and the online endpoints run the very same code on a batch of one:
`load_doors` reads (and locks) everything the actions look at; `plan_deliver` / `plan_fail`
check one action against the loaded objects and, only when all of it holds, change them
and note what to write; `DoorWork.write` writes the notes set-based.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import lazyload

from courier_api.blobs import service as blobs
from courier_api.blobs.models import Blob
from courier_api.blobs.storage import BlobStorage
from courier_api.core import clock, outbox
from courier_api.core.crypto import encrypt
from courier_api.core.db import among, insert_rows, load_collection, write_changes
from courier_api.core.errors import Problem, conflict, not_found
from courier_api.core.idnumber import mask_id_number
from courier_api.core.ids import new_id
from courier_api.core.scoping import scoped_select
from courier_api.core.security import Principal
from courier_api.custody import service as custody
from courier_api.custody.handovers import PHOTO_TYPES
from courier_api.delivery import proof
from courier_api.delivery.models import DeliveryAttempt, DeliveryProof
from courier_api.delivery.signature import render_png
from courier_api.extensions import db
from courier_api.network.service import product_rules
from courier_api.proof.pins import verify_pin
from courier_api.shipments import service as shipments
from courier_api.shipments.models import PROGRESS_COLUMNS as SHIPMENT_COLUMNS
from courier_api.shipments.models import Shipment
from courier_api.shipments.service import ID_NUMBER_CONTEXT, hash_id_number
from courier_api.tasks import service as tasks
from courier_api.tasks.flows import scan_time
from courier_api.tasks.models import PROGRESS_COLUMNS as TASK_COLUMNS
from courier_api.tasks.models import Task, TaskItem

#: The task kinds that end at a door, and the shipment state each expects.
DOOR_TASKS = {"delivery": "out_for_delivery", "return": "returning"}
ACTIVE = ("accepted", "arrived")
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
    #: When the first delivery attempt happened (products with an attempt window).
    first_attempt_at: datetime | None = None


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
        for shipment, station_id in self.returns:
            create_return_task(shipment, station_id=station_id)
        db.session.flush()
        custody.append(self.entries)


def visible_tasks(*, caller: Principal, task_ids: Sequence[str]) -> dict[str, Task]:
    """The caller's tasks among `task_ids` (held or offered to them), locked."""
    found = db.session.scalars(
        scoped_select(Task, caller)
        .where(among(Task.id, task_ids))
        .options(lazyload(Task.items))
        .with_for_update(of=Task)
    ).all()
    load_collection(found, Task.items)
    return {task.id: task for task in found}


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
    locked = db.session.scalars(
        sa.select(Shipment).where(among(Shipment.id, shipment_ids)).with_for_update(of=Shipment)
    ).all()
    load_collection(locked, Shipment.named_recipients)
    load_collection(locked, Shipment.owners)
    loaded = {s.id: s for s in locked}
    first_attempts = dict(
        db.session.execute(
            sa.select(DeliveryAttempt.shipment_id, sa.func.min(DeliveryAttempt.occurred_at))
            .where(among(DeliveryAttempt.shipment_id, shipment_ids), DeliveryAttempt.number > 0)
            .group_by(DeliveryAttempt.shipment_id)
        ).all()
    )
    doors = {}
    for task in found:
        shipment = loaded.get(task.items[0].shipment_id) if task.items else None
        if shipment is not None:
            doors[task.id] = Door(task, shipment, first_attempts.get(shipment.id))
    return doors, blobs.existing([p for p in photos if p])


def _checked(door: Door | None, kind: str | None = None) -> Door:
    if door is None:
        raise not_found("task")
    task, shipment = door.task, door.shipment
    if task.kind not in DOOR_TASKS or (kind is not None and task.kind != kind):
        raise conflict("not_a_door_task", f"This is a {task.kind} task.", current_state=task.state)
    if task.state not in ACTIVE:
        raise conflict("task_not_active", f"The task is {task.state}.", current_state=task.state)
    if shipment.state != DOOR_TASKS[task.kind]:
        raise conflict(
            "invalid_shipment_transition",
            f"Shipment {shipment.waybill} is {shipment.state}.",
            current_state=shipment.state,
            waybill=shipment.waybill,
        )
    return door


def _when(task: Task, at: AtDoor) -> AtDoor:
    return replace(at, occurred_at=scan_time(at.occurred_at, not_before=task.accepted_at))


def _rules(shipment: Shipment) -> dict[str, Any]:
    return product_rules(shipment.product, shipment.catalogue_version)


def _photo(work: DoorWork, sha256: str | None, field_name: str, shipment: Shipment) -> None:
    if sha256:
        blobs.check_uploaded(work.uploaded.get(sha256), field_name, allowed=PHOTO_TYPES)
        work.photo_links.append((sha256, "shipment", shipment.id))


#: Every column of a new row (an executemany needs the same keys in each).
_ATTEMPT_COLUMNS = dict.fromkeys(DeliveryAttempt.__table__.c.keys())
_PROOF_COLUMNS = dict.fromkeys(DeliveryProof.__table__.c.keys())


def _attempt(door: Door, work: DoorWork, at: AtDoor, outcome: str, **fields: Any) -> dict[str, Any]:
    task, shipment = door.task, door.shipment
    work.tasks.append(task)
    work.shipments.append(shipment)
    if task.kind == "delivery":
        shipment.attempts += 1
        door.first_attempt_at = door.first_attempt_at or at.occurred_at
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


def _entry(door: Door, kind: str, caller: Principal, at: AtDoor, refs: dict) -> custody.Entry:
    return custody.Entry(
        shipment_id=door.shipment.id,
        kind=kind,
        actor_kind=caller.kind,
        actor_id=caller.id,
        occurred_at=at.occurred_at,
        station_id=door.task.station_id,
        task_id=door.task.id,
        refs=refs,
    )


def _finish_task(task: Task, work: DoorWork, at: AtDoor, *, reason: str | None) -> None:
    caller = work.caller
    if task.state == "accepted":
        tasks.arrive(task, courier_id=caller.id, at=at.occurred_at)
    if reason is None:
        task.items[0].status, task.items[0].scanned_at = "scanned", at.occurred_at
        tasks.complete(task, courier_id=caller.id)
        work.items += task.items
    else:
        tasks.fail(task, courier_id=caller.id, reason=reason)


def _proof_row(work: DoorWork, attempt: dict[str, Any], **fields: Any) -> dict[str, Any]:
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


def plan_deliver(
    door: Door | None,
    *,
    given: proof.Given,
    at: AtDoor,
    work: DoorWork,
    pin_check: PinCheck,
) -> dict[str, Any]:
    """Hand the item over at the door with the product's proof (or to the sender, on a
    return). Nothing changes unless all of the proof holds."""
    door = _checked(door)
    task, shipment, caller = door.task, door.shipment, work.caller
    at = _when(task, at)
    returning = task.kind == "return"
    rules = _rules(shipment)
    checked = proof.check(
        {**proof.RETURN_RULES, "sealed_bag": rules["proof"].get("sealed_bag", False)}
        if returning
        else rules["proof"],
        shipment,
        given,
    )
    if "pin" in checked.required:
        pin_check(shipment, given.pin)
    if "seal" in checked.required:
        _check_seal(door, work, at, given.seal_no)
    _photo(work, given.photo_sha256, "photo_sha256", shipment)
    refs: dict[str, Any] = {"relation": given.receiver.relation}
    if checked.signature is not None:
        strokes, png = checked.signature.canonical(), render_png(checked.signature)
        work.files += [(strokes, "application/json", shipment.id), (png, "image/png", shipment.id)]
        refs["signature_sha256"] = hashlib.sha256(strokes).hexdigest()
        refs["signature_png_sha256"] = hashlib.sha256(png).hexdigest()
    # Everything holds: from here on the action only records.
    attempt = _attempt(door, work, at, "returned" if returning else "delivered")
    record = _proof_row(
        work,
        attempt,
        receiver_name=given.receiver.name,
        relation=given.receiver.relation,
        named_role=checked.named_role,
        signature_sha256=refs.get("signature_sha256"),
        signature_png_sha256=refs.get("signature_png_sha256"),
        photo_sha256=given.photo_sha256,
        pin_verified="pin" in checked.required,
        cash_amount_fen=given.cash["amount_fen"] if given.cash else None,
        cash_method=given.cash["method"] if given.cash else None,
    )
    if checked.id_number:
        record["id_hash"] = hash_id_number(checked.id_number)
        record["id_encrypted"] = encrypt(checked.id_number, context=ID_NUMBER_CONTEXT)
        record["id_masked"] = mask_id_number(checked.id_number)
        refs["id_checked"] = True
    refs |= {"proof_id": record["id"], "attempt": attempt["number"]}
    if given.photo_sha256:
        refs["photo_sha256"] = given.photo_sha256
    if record["pin_verified"]:
        refs["pin_verified"] = True
    if given.cash:
        refs["cash_fen"] = record["cash_amount_fen"]
    if given.seal_no:
        refs["seal_no"] = given.seal_no
    _finish_task(task, work, at, reason=None)
    if given.damaged:
        # What a fast claim for damage rests on: the damage, seen at the door, photographed.
        damage = {"condition": "damaged", "photo_sha256": given.photo_sha256}
        work.entries.append(_entry(door, "exception", caller, at, damage))
    final_state = "returned" if returning else "delivered"
    holder = ("sender" if returning else "recipient", shipment.id)
    shipments.transition(shipment, final_state, holder=holder)
    if not returning:
        _set_outcome(shipment, (rules.get("outcomes") or {}).get("delivered"), at, refs)
    work.entries.append(_entry(door, final_state, caller, at, refs))
    work.events.append(
        shipments.owners_event(
            shipment,
            f"shipment.{final_state}",
            at=clock.to_rfc3339(at.occurred_at),
            **_outcome_payload(shipment),
        )
    )
    return attempt


def _check_seal(door: Door, work: DoorWork, at: AtDoor, seal_no: str | None) -> None:
    """A sealed bag whose number is not the one recorded at pickup is not handed over: the
    mismatch is itself recorded (an `exception` event, the owners told) and the delivery
    refused; the refusal keeps that record."""
    shipment = door.shipment
    if shipment.seal_no is None or seal_no == shipment.seal_no:
        return
    work.entries.append(
        _entry(
            door,
            "exception",
            work.caller,
            at,
            {
                "condition": "seal_mismatch",
                "seal_no": seal_no,
                "expected_seal_no": shipment.seal_no,
            },
        )
    )
    work.events.append(
        shipments.owners_event(
            shipment, "shipment.seal_mismatch", seal_no=seal_no, expected_seal_no=shipment.seal_no
        )
    )
    raise Problem(
        409,
        "seal_mismatch",
        f"The bag's seal {seal_no} is not the one recorded at pickup; do not hand it over.",
        keep_changes=True,
        waybill=shipment.waybill,
    )


def _set_outcome(shipment: Shipment, outcome: str | None, at: AtDoor, refs: dict) -> None:
    """The product's named result (court: served, …) and its date, where it names one."""
    if outcome is not None:
        shipment.outcome, shipment.outcome_at = outcome, at.occurred_at
        refs["outcome"] = outcome


def _outcome_payload(shipment: Shipment) -> dict[str, Any]:
    if shipment.outcome is None:
        return {}
    return {"outcome": shipment.outcome, "outcome_at": clock.to_rfc3339(shipment.outcome_at)}


def _attempts_exhausted(rules: dict[str, Any], door: Door, at: AtDoor) -> bool:
    """Whether this attempt (not yet counted) is the product's last: the maximum reached,
    or the attempt window since the first attempt passed."""
    if door.shipment.attempts + 1 >= rules["max_attempts"]:
        return True
    window_days = rules.get("attempt_window_days")
    first = door.first_attempt_at
    return (
        bool(window_days)
        and first is not None
        and at.occurred_at >= first + timedelta(days=window_days)
    )


def _refusal_outcome(rules: dict[str, Any], shipment: Shipment) -> str | None:
    by_class = (rules.get("outcomes") or {}).get("refused") or {}
    return by_class.get(shipment.document_class or "other")


def _ends_exhausted(rules: dict[str, Any], door: Door, at: AtDoor, call: dict[str, Any]) -> bool:
    """Whether a failed delivery attempt ends the attempts. Where the product says so
    (court documents), the last one ends them only with a recorded call that did not reach
    the recipient; a call that reached them means they can be served by arrangement, so
    the item goes back to the station for another visit instead."""
    if not _attempts_exhausted(rules, door, at):
        return False
    if not rules.get("exhausted_needs_unreached_call"):
        return True
    if "reached" not in call:
        raise Problem(
            422,
            "phone_call_required",
            "This is the last attempt: call the recipient first and record the call.",
            errors=[{"field": "phone_call", "message": "Required.", "code": "required"}],
        )
    return not call["reached"]


def plan_fail(
    door: Door | None,
    *,
    reason_code: str,
    at: AtDoor,
    work: DoorWork,
    note: str | None = None,
    phone_call: dict[str, Any] | None = None,
    refusal: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A visit that did not hand the item over. The item goes back to the station; after
    the product's last attempt (or a refusal) it is returned to the sender."""
    door = _checked(door)
    task, shipment, caller = door.task, door.shipment, work.caller
    at = _when(task, at)
    rules = _rules(shipment)
    refused = reason_code == "refused"
    at_recipient = task.kind == "delivery"
    if refused:
        proof.check_refusal(rules["proof"], refusal)
        _photo(work, refusal.get("photo_sha256"), "refusal.photo_sha256", shipment)
    phone_call = phone_call or {}
    outcome = _refusal_outcome(rules, shipment) if refused and at_recipient else None
    # A refusal that serves the item by lodging leaves it with the recipient.
    lodged = outcome in (rules.get("lodged_outcomes") or ())
    exhausted = at_recipient and not refused and _ends_exhausted(rules, door, at, phone_call)
    if exhausted:
        outcome = (rules.get("outcomes") or {}).get("exhausted")
    # Everything holds: from here on the action only records.
    attempt = _attempt(
        door,
        work,
        at,
        "refused" if refused else "failed",
        reason_code=reason_code,
        note=note,
        phone_called_at=phone_call.get("called_at"),
        phone_reached=phone_call.get("reached"),
    )
    ends = not lodged and (not at_recipient or refused or exhausted)
    attempt["next_step"] = "lodged" if lodged else "return" if ends else "retry"
    refs: dict[str, Any] = {
        "attempt": attempt["number"],
        "reason_code": reason_code,
        "next_step": attempt["next_step"],
    }
    if "reached" in phone_call:
        refs["phone_reached"] = bool(phone_call["reached"])
    if refused:
        witness = refusal.get("witness") or {}
        _proof_row(
            work,
            attempt,
            photo_sha256=refusal.get("photo_sha256"),
            refusal_reason=refusal["reason"],
            witness_name=witness.get("name"),
            witness_affiliation=witness.get("affiliation"),
        )
        if witness:
            refs["witnessed"] = True
        if refusal.get("photo_sha256"):
            refs["photo_sha256"] = refusal["photo_sha256"]
    _set_outcome(shipment, outcome, at, refs)
    if lodged:
        # Served: the item stays lodged with the recipient and its delivery task is done.
        _finish_task(task, work, at, reason=None)
        shipments.transition(shipment, "delivered", holder=("recipient", shipment.id))
    else:
        _finish_task(task, work, at, reason=reason_code)
    if at_recipient and not lodged:
        shipments.transition(shipment, "attempt_failed")
        if ends:
            shipments.transition(shipment, "returning")
    if ends:
        work.returns.append((shipment, task.station_id))
    work.entries.append(
        _entry(door, "refused" if refused else "delivery_attempted", caller, at, refs)
    )
    work.events.append(
        shipments.owners_event(
            shipment,
            "shipment.delivered" if lodged else "shipment.delivery_failed",
            reason_code=reason_code,
            attempt=attempt["number"],
            next_step=attempt["next_step"],
            **_outcome_payload(shipment),
        )
    )
    return attempt


def create_return_task(shipment: Shipment, *, station_id: str) -> Task:
    """An open task to take the item back to its sender; it goes to whoever loads the item
    at the station (or to the courier a dispatcher assigns)."""
    now = clock.now()
    return tasks.create_task(
        kind="return",
        station_id=station_id,
        place=tasks.Place(
            address=shipment.sender_address,
            lat=shipment.sender_lat,
            lng=shipment.sender_lng,
            contact_name=shipment.sender_name,
            contact_phone=shipment.sender_phone,
        ),
        window=(now, now + RETURN_WINDOW),
        shipments=[shipment],
    )


# --- the online endpoints: a batch of one ------------------------------------------------


def deliver(
    *, caller: Principal, task_id: str, given: proof.Given, at: AtDoor, storage: BlobStorage
) -> DeliveryAttempt:
    doors, uploaded = load_doors(caller=caller, task_ids=[task_id], photos=[given.photo_sha256])
    work = DoorWork(caller, uploaded=uploaded)
    try:
        attempt = plan_deliver(
            doors.get(task_id), given=given, at=at, work=work, pin_check=verify_pin
        )
    except Problem as problem:
        if problem.keep_changes:
            work.write(storage)  # the refusal's own record (a seal mismatch)
        raise
    work.write(storage)
    return _written(attempt)


def fail(
    *,
    caller: Principal,
    task_id: str,
    reason_code: str,
    at: AtDoor,
    note: str | None = None,
    phone_call: dict[str, Any] | None = None,
    refusal: dict[str, Any] | None = None,
    storage: BlobStorage,
) -> DeliveryAttempt:
    photo = (refusal or {}).get("photo_sha256")
    doors, uploaded = load_doors(caller=caller, task_ids=[task_id], photos=[photo])
    work = DoorWork(caller, uploaded=uploaded)
    attempt = plan_fail(
        doors.get(task_id),
        reason_code=reason_code,
        at=at,
        work=work,
        note=note,
        phone_call=phone_call,
        refusal=refusal,
    )
    work.write(storage)
    return _written(attempt)


def _written(attempt: dict[str, Any]) -> DeliveryAttempt:
    """The attempt as the online endpoints answer it (with its proof), read back."""
    return db.session.get(DeliveryAttempt, attempt["id"])
