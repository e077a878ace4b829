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
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from courier_api.blobs.storage import BlobStorage
from courier_api.cod import service as cod
from courier_api.core import clock
from courier_api.core.crypto import encrypt
from courier_api.core.errors import Problem
from courier_api.core.idnumber import mask_id_number
from courier_api.core.security import Principal
from courier_api.delivery import doors, proof
from courier_api.delivery.models import DeliveryAttempt, DeliveryProof
from courier_api.delivery.signature import render_png
from courier_api.proof.pins import verify_pin
from courier_api.shipments import service as shipments
from courier_api.shipments.models import Shipment
from courier_api.shipments.service import ID_NUMBER_CONTEXT, hash_id_number
from courier_api.tasks import service as tasks
from courier_api.tasks.models import Task


def plan_deliver(
    door: doors.Door | None,
    *,
    given: proof.Given,
    at: doors.AtDoor,
    work: doors.DoorWork,
    pin_check: doors.PinCheck,
) -> dict[str, Any]:
    """Hand the item over at the door with the product's proof (or to the sender, on a
    return). Nothing changes unless all of the proof holds."""
    door = doors.checked_door(door)
    task, shipment, caller = door.task, door.shipment, work.caller
    at = doors.door_time(task, at)
    returning = task.kind == "return"
    rules = doors.rules_of(shipment)
    if not returning:
        _check_recipient_confirms(rules, shipment)
    checked = proof.check(proof.door_rules(rules["proof"], returning=returning), shipment, given)
    if "pin" in checked.required:
        pin_check(shipment, given.pin)
    if "seal" in checked.required:
        _check_seal(door, work, at, given.seal_no)
    doors.check_photo(work, given.photo_sha256, "photo_sha256", shipment)
    refs: dict[str, Any] = {"relation": given.receiver.relation}
    if checked.signature is not None:
        strokes, png = checked.signature.canonical(), render_png(checked.signature)
        work.files += [(strokes, "application/json", shipment.id), (png, "image/png", shipment.id)]
        refs["signature_sha256"] = hashlib.sha256(strokes).hexdigest()
        refs["signature_png_sha256"] = hashlib.sha256(png).hexdigest()
    # Everything holds: from here on the action only records.
    attempt = doors.new_attempt(door, work, at, "returned" if returning else "delivered")
    record = doors.proof_row(
        work,
        attempt,
        receiver_name=given.receiver.name,
        relation=given.receiver.relation,
        named_role=checked.named_role,
        signature_sha256=refs.get("signature_sha256"),
        signature_png_sha256=refs.get("signature_png_sha256"),
        photo_sha256=given.photo_sha256,
        pin_verified="pin" in checked.required,
        cash_amount_fen=given.cash.amount_fen if given.cash else None,
        cash_method=given.cash.method if given.cash else None,
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
        # A robo-courier's cash is not real: no sandbox item moves money on the ledger.
        if not returning and not shipment.sandbox:
            work.collections.append(
                cod.Collection(shipment, caller.id, given.cash.method, at.occurred_at)
            )
    if given.seal_no:
        refs["seal_no"] = given.seal_no
    doors.finish_task(task, work, at, reason=None)
    if given.damaged:
        # What a fast claim for damage rests on: the damage, seen at the door, photographed.
        damage = {"condition": "damaged", "photo_sha256": given.photo_sha256}
        work.entries.append(doors.custody_entry(door, "exception", caller, at, damage))
    final_state = "returned" if returning else "delivered"
    holder = ("sender" if returning else "recipient", shipment.id)
    shipments.transition(shipment, final_state, holder=holder, at=at.occurred_at)
    if not returning:
        _set_outcome(shipment, (rules.get("outcomes") or {}).get("delivered"), at, refs)
    work.entries.append(doors.custody_entry(door, final_state, caller, at, refs))
    work.events.append(
        shipments.owners_event(
            shipment,
            f"shipment.{final_state}",
            at=clock.to_rfc3339(at.occurred_at),
            **_outcome_payload(shipment),
        )
    )
    return attempt


def _check_recipient_confirms(rules: dict[str, Any], shipment: Shipment) -> None:
    """Where the catalogue says the recipient confirms receipt itself (an office receiving
    an archive), nobody signs for it at the door."""
    if (shipment.recipient_kind or "person") in rules["proof"].get("recipient_confirms", ()):
        raise Problem(
            409,
            "recipient_confirms_receipt",
            "The receiving organisation confirms receipt itself; hand the item over to them.",
            waybill=shipment.waybill,
        )


def _check_seal(
    door: doors.Door, work: doors.DoorWork, at: doors.AtDoor, seal_no: str | None
) -> None:
    """A sealed bag whose number is not the one recorded at pickup is not handed over: the
    mismatch is itself recorded (an `exception` event, the owners told) and the delivery
    refused; the refusal keeps that record."""
    shipment = door.shipment
    if shipment.seal_no is None or seal_no == shipment.seal_no:
        return
    work.entries.append(
        doors.custody_entry(
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


def _set_outcome(shipment: Shipment, outcome: str | None, at: doors.AtDoor, refs: dict) -> None:
    """The product's named result (court: served, …) and its date, where it names one."""
    if outcome is not None:
        shipment.outcome, shipment.outcome_at = outcome, at.occurred_at
        refs["outcome"] = outcome


def _outcome_payload(shipment: Shipment) -> dict[str, Any]:
    if shipment.outcome is None:
        return {}
    return {"outcome": shipment.outcome, "outcome_at": clock.to_rfc3339(shipment.outcome_at)}


def _attempts_exhausted(rules: dict[str, Any], door: doors.Door, at: doors.AtDoor) -> bool:
    """Whether this attempt (not yet counted) is the product's last: the maximum reached,
    or the attempt window since the first attempt passed."""
    if door.shipment.attempts + 1 >= rules["max_attempts"]:
        return True
    window_days = rules.get("attempt_window_days")
    first = door.shipment.first_attempt_at
    return (
        bool(window_days)
        and first is not None
        and at.occurred_at >= first + timedelta(days=window_days)
    )


def _refusal_outcome(rules: dict[str, Any], shipment: Shipment) -> str | None:
    by_class = (rules.get("outcomes") or {}).get("refused") or {}
    return by_class.get(shipment.document_class or "other")


def _ends_exhausted(
    rules: dict[str, Any], door: doors.Door, at: doors.AtDoor, call: proof.PhoneCall | None
) -> bool:
    """Whether a failed delivery attempt ends the attempts. Where the product says so
    (court documents), the last one ends them only with a recorded call that did not reach
    the recipient; a call that reached them means they can be served by arrangement, so
    the item goes back to the station for another visit instead."""
    if not _attempts_exhausted(rules, door, at):
        return False
    if not rules.get("exhausted_needs_unreached_call"):
        return True
    if call is None:
        raise Problem(
            422,
            "phone_call_required",
            "This is the last attempt: call the recipient first and record the call.",
            errors=[{"field": "phone_call", "message": "Required.", "code": "required"}],
        )
    return not call.reached


def plan_fail(
    door: doors.Door | None,
    *,
    failure: proof.Failure,
    at: doors.AtDoor,
    work: doors.DoorWork,
) -> dict[str, Any]:
    """A visit that did not hand the item over. The item goes back to the station; after
    the product's last attempt (or a refusal) it is returned to the sender."""
    door = doors.checked_door(door)
    task, shipment, caller = door.task, door.shipment, work.caller
    at = doors.door_time(task, at)
    rules = doors.rules_of(shipment)
    reason_code, phone_call, refusal = failure.reason_code, failure.phone_call, failure.refusal
    refused = reason_code == "refused"
    at_recipient = task.kind == "delivery"
    if refused:
        proof.check_refusal(rules["proof"], refusal)
        doors.check_photo(work, refusal.photo_sha256, "refusal.photo_sha256", shipment)
    outcome = _refusal_outcome(rules, shipment) if refused and at_recipient else None
    # A refusal that serves the item by lodging leaves it with the recipient.
    lodged = outcome in (rules.get("lodged_outcomes") or ())
    exhausted = at_recipient and not refused and _ends_exhausted(rules, door, at, phone_call)
    if exhausted:
        outcome = (rules.get("outcomes") or {}).get("exhausted")
    # Everything holds: from here on the action only records.
    attempt = doors.new_attempt(
        door,
        work,
        at,
        "refused" if refused else "failed",
        reason_code=reason_code,
        note=failure.note,
        phone_called_at=phone_call.called_at if phone_call else None,
        phone_reached=phone_call.reached if phone_call else None,
    )
    ends = not lodged and (not at_recipient or refused or exhausted)
    attempt["next_step"] = "lodged" if lodged else "return" if ends else "retry"
    refs: dict[str, Any] = {
        "attempt": attempt["number"],
        "reason_code": reason_code,
        "next_step": attempt["next_step"],
    }
    if phone_call:
        refs["phone_reached"] = phone_call.reached
    if refused:
        witness = refusal.witness
        doors.proof_row(
            work,
            attempt,
            photo_sha256=refusal.photo_sha256,
            refusal_reason=refusal.reason,
            witness_name=witness.name if witness else None,
            witness_affiliation=witness.affiliation if witness else None,
        )
        if witness:
            refs["witnessed"] = True
        if refusal.photo_sha256:
            refs["photo_sha256"] = refusal.photo_sha256
    _set_outcome(shipment, outcome, at, refs)
    if lodged:
        # Served: the item stays lodged with the recipient and its delivery task is done.
        doors.finish_task(task, work, at, reason=None)
        shipments.transition(
            shipment, "delivered", holder=("recipient", shipment.id), at=at.occurred_at
        )
    else:
        doors.finish_task(task, work, at, reason=reason_code)
    if at_recipient and not lodged:
        shipments.transition(shipment, "attempt_failed", at=at.occurred_at)
        if ends:
            shipments.transition(shipment, "returning", at=at.occurred_at)
    if ends:
        work.returns.append((shipment, task.station_id))
    work.entries.append(
        doors.custody_entry(door, "refused" if refused else "delivery_attempted", caller, at, refs)
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


# --- the online endpoints: a batch of one ------------------------------------------------


@dataclass(frozen=True)
class DoorOutcome:
    """What the online door endpoints answer: the task (its pending offer attached), the
    attempt with its proof, and where the shipment now stands."""

    task: Task
    attempt: DeliveryAttempt
    shipment_state: str


def deliver(
    *, caller: Principal, task_id: str, given: proof.Given, at: doors.AtDoor, storage: BlobStorage
) -> DoorOutcome:
    found, uploaded = doors.load_doors(
        caller=caller, task_ids=[task_id], photos=[given.photo_sha256]
    )
    work = doors.DoorWork(caller, uploaded=uploaded)
    try:
        attempt = plan_deliver(
            found.get(task_id), given=given, at=at, work=work, pin_check=verify_pin
        )
    except Problem as problem:
        if problem.keep_changes:
            work.write(storage)  # the refusal's own record (a seal mismatch)
        raise
    work.write(storage)
    return _outcome(found[task_id], attempt, work)


def fail(
    *,
    caller: Principal,
    task_id: str,
    failure: proof.Failure,
    at: doors.AtDoor,
    storage: BlobStorage,
) -> DoorOutcome:
    photo = failure.refusal.photo_sha256 if failure.refusal else None
    found, uploaded = doors.load_doors(caller=caller, task_ids=[task_id], photos=[photo])
    work = doors.DoorWork(caller, uploaded=uploaded)
    attempt = plan_fail(found.get(task_id), failure=failure, at=at, work=work)
    work.write(storage)
    return _outcome(found[task_id], attempt, work)


def _outcome(door: doors.Door, attempt: dict[str, Any], work: doors.DoorWork) -> DoorOutcome:
    """The answer from what was loaded and written, not read back: the rows were inserted
    as these values, and reading them again (and the task and shipment the session no
    longer held) was six of an online delivery's 28 statements (issue #30)."""
    answered = DeliveryAttempt(**attempt)
    answered.proof = next(
        (DeliveryProof(**row) for row in work.proofs if row["attempt_id"] == attempt["id"]),
        None,
    )
    return DoorOutcome(tasks.with_offer(door.task), answered, door.shipment.state)
