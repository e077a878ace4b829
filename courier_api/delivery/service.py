"""Delivering, failing and returning: the courier's last step with a shipment. No Flask;
never commits.

A delivery task carries one shipment. `deliver` completes it with the proof the product
requires; `fail` records why not. A failed item goes back to the station (the next
hand-over it may take is the station's in-scan), and after the product's last attempt — or
a refusal — it is `returning`: a return task takes it back to the sender (the hospital, the
court, the citizen). `deliver` on the return task, signed by the sender's side, ends it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from courier_api.blobs import service as blobs
from courier_api.blobs.storage import BlobStorage
from courier_api.core import clock
from courier_api.core.crypto import encrypt
from courier_api.core.errors import conflict, not_found
from courier_api.core.idnumber import mask_id_number
from courier_api.core.ids import new_id
from courier_api.core.security import Principal
from courier_api.custody import service as custody
from courier_api.custody.handovers import PHOTO_TYPES
from courier_api.delivery import proof
from courier_api.delivery.models import DeliveryAttempt, DeliveryProof
from courier_api.delivery.signature import render_png
from courier_api.extensions import db
from courier_api.network.service import product_rules
from courier_api.shipments import service as shipments
from courier_api.shipments.models import Shipment
from courier_api.shipments.service import ID_NUMBER_CONTEXT, hash_id_number
from courier_api.tasks import service as tasks
from courier_api.tasks.flows import scan_time
from courier_api.tasks.models import Task

#: The task kinds that end at a door, and the shipment state each expects.
DOOR_TASKS = {"delivery": "out_for_delivery", "return": "returning"}
ACTIVE = ("accepted", "arrived")
RETURN_WINDOW = timedelta(hours=48)


@dataclass(frozen=True)
class AtDoor:
    """Where and when the courier acted: the handheld's time counts, within what is
    possible for the task (None: now)."""

    occurred_at: datetime | None
    lat: float | None = None
    lng: float | None = None


def _when(task: Task, at: AtDoor) -> AtDoor:
    return replace(at, occurred_at=scan_time(at.occurred_at, not_before=task.accepted_at))


def door_task(*, caller: Principal, task_id: str) -> tuple[Task, Shipment]:
    """The courier's active delivery or return task and its shipment (both locked)."""
    task = tasks.get_task(caller=caller, task_id=task_id, lock=True)
    if task.courier_id != caller.id:
        raise not_found("task")
    if task.kind not in DOOR_TASKS:
        raise conflict("not_a_door_task", f"This is a {task.kind} task.", current_state=task.state)
    if task.state not in ACTIVE:
        raise conflict("task_not_active", f"The task is {task.state}.", current_state=task.state)
    shipment = db.session.scalars(
        sa.select(Shipment)
        .where(Shipment.id == task.items[0].shipment_id)
        .with_for_update(of=Shipment)
    ).one()
    if shipment.state != DOOR_TASKS[task.kind]:
        raise conflict(
            "invalid_shipment_transition",
            f"Shipment {shipment.waybill} is {shipment.state}.",
            current_state=shipment.state,
            waybill=shipment.waybill,
        )
    return task, shipment


def _rules(shipment: Shipment) -> dict[str, Any]:
    return product_rules(shipment.product, shipment.catalogue_version)


def _attempt(
    task: Task, shipment: Shipment, courier_id: str, at: AtDoor, outcome: str, **fields: Any
) -> DeliveryAttempt:
    if task.kind == "delivery":
        shipment.attempts += 1
    attempt = DeliveryAttempt(
        id=new_id("att"),
        shipment_id=shipment.id,
        task_id=task.id,
        courier_id=courier_id,
        number=shipment.attempts if task.kind == "delivery" else 0,
        outcome=outcome,
        occurred_at=at.occurred_at,
        recorded_at=clock.now(),
        lat=at.lat,
        lng=at.lng,
        **fields,
    )
    db.session.add(attempt)
    return attempt


def _store_signature(
    checked: proof.Checked, shipment: Shipment, caller: Principal, storage: BlobStorage
) -> tuple[str, str]:
    """Keep the strokes and their rendering as blobs readable through the shipment."""
    strokes = checked.signature.canonical()
    png = render_png(checked.signature)
    names = []
    for data in (strokes, png):
        blob, _ = blobs.put(
            caller=caller,
            sha256=hashlib.sha256(data).hexdigest(),
            data=data,
            storage=storage,
            max_bytes=len(data),
        )
        blobs.link(blob.sha256, "shipment", shipment.id)
        names.append(blob.sha256)
    return names[0], names[1]


def _finish_task(task: Task, caller: Principal, at: AtDoor, *, completed: bool, reason=None):
    if task.state == "accepted":
        tasks.arrive(task, courier_id=caller.id, at=at.occurred_at)
    if completed:
        task.items[0].status, task.items[0].scanned_at = "scanned", at.occurred_at
        tasks.complete(task, courier_id=caller.id)
    else:
        tasks.fail(task, courier_id=caller.id, reason=reason)


def deliver(
    *,
    caller: Principal,
    task_id: str,
    given: proof.Given,
    at: AtDoor,
    storage: BlobStorage,
) -> DeliveryAttempt:
    """Hand the item over at the door with the product's proof (or to the sender, on a
    return). Nothing is written unless all of the proof holds."""
    task, shipment = door_task(caller=caller, task_id=task_id)
    at = _when(task, at)
    returning = task.kind == "return"
    rules = proof.RETURN_RULES if returning else _rules(shipment)["proof"]
    checked = proof.check(rules, shipment, given)
    if "pin" in checked.required:
        from courier_api.proof.pins import verify_pin

        verify_pin(shipment, given.pin)
    if given.photo_sha256:
        blobs.require_uploaded(given.photo_sha256, "photo_sha256", allowed=PHOTO_TYPES)
        blobs.link(given.photo_sha256, "shipment", shipment.id)
    strokes_sha = png_sha = None
    if checked.signature is not None:
        strokes_sha, png_sha = _store_signature(checked, shipment, caller, storage)
    attempt = _attempt(task, shipment, caller.id, at, "returned" if returning else "delivered")
    receiver = given.receiver
    record = DeliveryProof(
        id=new_id("prf"),
        attempt_id=attempt.id,
        shipment_id=shipment.id,
        receiver_name=receiver.name,
        relation=receiver.relation,
        named_role=checked.named_role,
        signature_sha256=strokes_sha,
        signature_png_sha256=png_sha,
        photo_sha256=given.photo_sha256,
        pin_verified="pin" in checked.required,
        cash_amount_fen=given.cash["amount_fen"] if given.cash else None,
        cash_method=given.cash["method"] if given.cash else None,
        recorded_at=clock.now(),
    )
    if checked.id_number:
        record.id_hash = hash_id_number(checked.id_number)
        record.id_encrypted = encrypt(checked.id_number, context=ID_NUMBER_CONTEXT)
        record.id_masked = mask_id_number(checked.id_number)
    db.session.add(record)
    _finish_task(task, caller, at, completed=True)
    final_state = "returned" if returning else "delivered"
    shipments.move(
        [shipment], final_state, holder=("sender" if returning else "recipient", shipment.id)
    )
    refs = {
        "proof_id": record.id,
        "attempt": attempt.number,
        "relation": receiver.relation,
        **(
            {"signature_sha256": strokes_sha, "signature_png_sha256": png_sha}
            if strokes_sha
            else {}
        ),
        **({"photo_sha256": given.photo_sha256} if given.photo_sha256 else {}),
        **({"pin_verified": True} if record.pin_verified else {}),
        **({"id_checked": True} if checked.id_number else {}),
        **({"cash_fen": record.cash_amount_fen} if given.cash else {}),
    }
    custody.append([_entry(shipment, final_state, caller, task, at, refs)])
    shipments.tell_owners(shipment, f"shipment.{final_state}", at=clock.to_rfc3339(at.occurred_at))
    db.session.flush()
    return attempt


def _entry(
    shipment: Shipment, kind: str, caller: Principal, task: Task, at: AtDoor, refs: dict
) -> custody.Entry:
    return custody.Entry(
        shipment_id=shipment.id,
        kind=kind,
        actor_kind=caller.kind,
        actor_id=caller.id,
        occurred_at=at.occurred_at,
        station_id=task.station_id,
        task_id=task.id,
        refs=refs,
    )


def _attempts_exhausted(rules: dict[str, Any], shipment: Shipment, at: AtDoor) -> bool:
    if shipment.attempts >= rules["max_attempts"]:
        return True
    window_days = rules.get("attempt_window_days")
    if not window_days:
        return False
    first = db.session.scalar(
        sa.select(sa.func.min(DeliveryAttempt.occurred_at)).where(
            DeliveryAttempt.shipment_id == shipment.id
        )
    )
    return first is not None and at.occurred_at >= first + timedelta(days=window_days)


def fail(
    *,
    caller: Principal,
    task_id: str,
    reason_code: str,
    at: AtDoor,
    note: str | None = None,
    phone_call: dict[str, Any] | None = None,
    refusal: dict[str, Any] | None = None,
) -> DeliveryAttempt:
    """A visit that did not hand the item over. The item goes back to the station; after
    the product's last attempt (or a refusal) it is returned to the sender."""
    task, shipment = door_task(caller=caller, task_id=task_id)
    at = _when(task, at)
    rules = _rules(shipment)
    refused = reason_code == "refused"
    if refused:
        proof.check_refusal(rules["proof"], refusal)
        if refusal.get("photo_sha256"):
            blobs.require_uploaded(
                refusal["photo_sha256"], "refusal.photo_sha256", allowed=PHOTO_TYPES
            )
            blobs.link(refusal["photo_sha256"], "shipment", shipment.id)
    phone_call = phone_call or {}
    attempt = _attempt(
        task,
        shipment,
        caller.id,
        at,
        "refused" if refused else "failed",
        reason_code=reason_code,
        note=note,
        phone_called_at=phone_call.get("called_at"),
        phone_reached=phone_call.get("reached"),
    )
    if task.kind == "return" or refused or _attempts_exhausted(rules, shipment, at):
        attempt.next_step = "return"
    else:
        attempt.next_step = "retry"
    if refused:
        witness = refusal.get("witness") or {}
        db.session.add(
            DeliveryProof(
                id=new_id("prf"),
                attempt_id=attempt.id,
                shipment_id=shipment.id,
                photo_sha256=refusal.get("photo_sha256"),
                refusal_reason=refusal["reason"],
                witness_name=witness.get("name"),
                witness_affiliation=witness.get("affiliation"),
                recorded_at=clock.now(),
            )
        )
    _finish_task(task, caller, at, completed=False, reason=reason_code)
    if task.kind == "delivery":
        shipments.move([shipment], "attempt_failed")
        if attempt.next_step == "return":
            shipments.move([shipment], "returning")
    if attempt.next_step == "return":
        create_return_task(shipment, station_id=task.station_id)
    refs = {
        "attempt": attempt.number,
        "reason_code": reason_code,
        "next_step": attempt.next_step,
        **({"phone_reached": bool(phone_call["reached"])} if "reached" in phone_call else {}),
        **({"witnessed": True} if refused and refusal.get("witness") else {}),
        **(
            {"photo_sha256": refusal["photo_sha256"]}
            if refused and refusal.get("photo_sha256")
            else {}
        ),
    }
    kind = "refused" if refused else "delivery_attempted"
    custody.append([_entry(shipment, kind, caller, task, at, refs)])
    shipments.tell_owners(
        shipment,
        "shipment.delivery_failed",
        reason_code=reason_code,
        attempt=attempt.number,
        next_step=attempt.next_step,
    )
    db.session.flush()
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


def attempts_of(shipment_id: str) -> list[DeliveryAttempt]:
    return list(
        db.session.scalars(
            sa.select(DeliveryAttempt)
            .where(DeliveryAttempt.shipment_id == shipment_id)
            .order_by(DeliveryAttempt.occurred_at, DeliveryAttempt.id)
        )
    )
