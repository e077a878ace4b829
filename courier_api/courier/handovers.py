"""Hand-over scans: every change of hands is one scan batch by the receiving side.

Each scanned waybill gets its own verdict:
- `accepted`: expected here; the shipment moves on and the custody log records it;
- `duplicate`: already received by this side (a retried upload changes nothing);
- `extra`: a valid waybill that is not expected and is no other live shipment's
  (recorded on the task, reported to the dispatcher);
- refused: `invalid_waybill` (S10 check digit), `foreign_waybill` (another live
  shipment's, not handed over by this party).
Expected waybills that were not scanned are reported `missing`. A damaged item (with a
photo) also gets an `exception` custody event.

Sealed products (traffic archives): every hand-over must scan the seal number the sender
recorded (`seal_no_required` without one); for transfers made before senders recorded it,
the first hand-over records it. A different number
stops the item where it is (refused `seal_mismatch`, not taken over), records an
`exception` event and tells the owners (both offices).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm.attributes import flag_modified

from courier_api.blobs import service as blobs
from courier_api.core import clock
from courier_api.core.errors import Problem, conflict, field_error, not_found
from courier_api.core.pg import load_collection
from courier_api.core.security import Principal
from courier_api.core.waybill import is_valid_waybill
from courier_api.custody import service as custody
from courier_api.extensions import db
from courier_api.identity.models import Courier
from courier_api.network.service import product_rules
from courier_api.proof import pins
from courier_api.shipments import service as shipments
from courier_api.shipments.models import Shipment
from courier_api.tasks import service as tasks
from courier_api.tasks.models import FINISHED_STATES, Task, TaskItem
from courier_api.tasks.scans import scan_time


@dataclass(frozen=True)
class Move:
    """What a hand-over does to a shipment in a given state."""

    to_state: str
    custody_kind: str


_COLLECTED = Move("picked_up", "picked_up")
_AT_STATION = Move("at_station", "arrived_station")

#: kind -> {state a shipment may be in: what the hand-over makes of it}. An item on its way
#: back to the sender stays `returning` through the station and onto the return courier.
HANDOVER_KINDS: dict[str, dict[str, Move]] = {
    "collect": {"created": _COLLECTED, "awaiting_pickup": _COLLECTED},
    "station_in": {
        "picked_up": _AT_STATION,
        "attempt_failed": _AT_STATION,
        "returning": Move("returning", "arrived_station"),
    },
    "load_for_delivery": {
        "at_station": Move("out_for_delivery", "out_for_delivery"),
        "returning": Move("returning", "departed_station"),
    },
}


@dataclass(frozen=True)
class Scan:
    waybill: str
    seal_no: str | None = None
    damaged: bool = False
    photo_sha256: str | None = None
    note_code: str | None = None


@dataclass(frozen=True)
class Party:
    kind: str
    id: str


@dataclass(frozen=True)
class HandoverRequest:
    """A hand-over scan batch as the receiving side sends it."""

    kind: str
    scans: Sequence[Scan]
    station_id: str | None = None
    task_id: str | None = None
    #: Who hands over (station in-scans: the courier).
    giver: Party | None = None
    occurred_at: datetime | None = None


@dataclass
class Outcome:
    accepted: list[dict[str, Any]] = field(default_factory=list)
    duplicate: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    refused: list[dict[str, str]] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    delivery_task_ids: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Handover:
    kind: str
    receiver: tuple[str, str]
    #: Who hands over; with a task, the task's items say what is expected instead.
    giver: tuple[str, str] | None
    station_id: str
    task: Task | None = None
    occurred_at: datetime | None = None


def prepare(*, caller: Principal, request: HandoverRequest) -> Handover:
    """Check that the caller is the receiving side this kind of hand-over needs."""
    kind, station_id, giver = request.kind, request.station_id, request.giver
    # A station's in-scan or a courier's load counts at the scanner's time; a collection's
    # is bounded by the arrival scan too (flows.pick_up).
    occurred_at = scan_time(request.occurred_at, not_before=None)
    if kind == "station_in":
        if caller.role not in ("dispatcher", "admin"):
            raise Problem(403, "forbidden", "Station in-scans are made by station staff.")
        if not station_id or (caller.role != "admin" and station_id not in caller.station_ids):
            raise not_found("station")
        if giver is None or giver.kind != "courier":
            raise field_error("from", "Say which courier hands the items over.", "required")
        courier = db.session.get(Courier, giver.id)
        if courier is None or (
            caller.role != "admin" and courier.station_id not in caller.station_ids
        ):
            raise not_found("courier")
        return Handover(
            kind,
            ("station", station_id),
            ("courier", courier.id),
            station_id,
            occurred_at=occurred_at,
        )
    if caller.role != "courier":
        raise Problem(403, "forbidden", "Only the courier receiving the items scans them.")
    if kind == "load_for_delivery":
        station = next(iter(caller.station_ids))
        return Handover(
            kind, ("courier", caller.id), ("station", station), station, occurred_at=occurred_at
        )
    if not request.task_id:
        raise field_error("task_id", "Collecting needs the pickup task.", "required")
    task = tasks.get_task(caller=caller, task_id=request.task_id, lock=True)
    if task.courier_id != caller.id:
        raise not_found("task")
    if task.kind == "pickup" and task.state in FINISHED_STATES:
        raise conflict("task_finished", f"The task is {task.state}.", current_state=task.state)
    if task.kind != "pickup" or task.state != "arrived":
        raise conflict(
            "not_arrived", "Scan your arrival at the door first.", current_state=task.state
        )
    return Handover(
        kind, ("courier", caller.id), None, task.station_id, task=task, occurred_at=occurred_at
    )


def _expected(handover: Handover) -> dict[str, Shipment]:
    """What this hand-over should contain: the task's items, or what the giver holds."""
    allowed_states = tuple(HANDOVER_KINDS[handover.kind])
    if handover.task is not None:
        ids = [i.shipment_id for i in handover.task.items if i.shipment_id]
        stmt = sa.select(Shipment).where(Shipment.id.in_(ids))
    else:
        stmt = sa.select(Shipment).where(
            Shipment.holder_kind == handover.giver[0],
            Shipment.holder_id == handover.giver[1],
            Shipment.state.in_(allowed_states),
        )
    return {s.waybill: s for s in db.session.scalars(stmt.with_for_update(of=Shipment))}


def _refuse(outcome: Outcome, waybill: str, code: str, detail: str) -> None:
    outcome.refused.append({"waybill": waybill, "code": code, "detail": detail})


def _already_received(shipment: Shipment | None, handover: Handover) -> bool:
    """A retried scan: the receiver already holds it in the state this hand-over makes."""
    targets = {move.to_state for move in HANDOVER_KINDS[handover.kind].values()}
    return (
        shipment is not None
        and shipment.state in targets
        and (shipment.holder_kind, shipment.holder_id) == handover.receiver
    )


def _sort(
    handover: Handover, scans: Sequence[Scan], expected: dict[str, Shipment], outcome: Outcome
) -> list[tuple[Scan, Shipment]]:
    moves = HANDOVER_KINDS[handover.kind]
    seen: set[str] = set()
    moving: list[tuple[Scan, Shipment]] = []
    unexpected = [s.waybill for s in scans if s.waybill not in expected]
    others = shipments.live_by_waybill(unexpected) if unexpected else {}
    for scan in scans:
        waybill = scan.waybill
        if waybill in seen:
            continue
        seen.add(waybill)
        if not is_valid_waybill(waybill):
            _refuse(outcome, waybill, "invalid_waybill", "Not an S10 waybill (check digit).")
        elif _already_received(expected.get(waybill) or others.get(waybill), handover):
            outcome.duplicate.append(waybill)
        elif waybill in expected:
            shipment = expected[waybill]
            if shipment.state not in moves:
                _refuse(
                    outcome,
                    waybill,
                    "invalid_shipment_transition",
                    f"The shipment is {shipment.state}.",
                )
            else:
                moving.append((scan, shipment))
        elif waybill in others:
            _refuse(
                outcome,
                waybill,
                "foreign_waybill",
                "This waybill belongs to another shipment that is not handed over here.",
            )
        else:
            outcome.extra.append(waybill)
    scanned = {s.waybill for s in scans}
    outcome.missing = sorted(
        w for w, s in expected.items() if w not in scanned and not _already_received(s, handover)
    )
    return moving


def _sealed(shipment: Shipment) -> bool:
    rules = product_rules(shipment.product, shipment.catalogue_version)
    return bool(rules["proof"].get("sealed_bag"))


def _check_seals(
    handover: Handover,
    moving: Sequence[tuple[Scan, Shipment]],
    outcome: Outcome,
    actor: Principal,
) -> tuple[list[tuple[Scan, Shipment]], list[custody.Entry]]:
    """The items whose seal holds (or carry none), and the exception events of those
    whose seal does not."""
    kept, exceptions = [], []
    for scan, shipment in moving:
        if not _sealed(shipment):
            kept.append((scan, shipment))
        elif not scan.seal_no:
            _refuse(outcome, shipment.waybill, "seal_no_required", "Scan the bag's seal number.")
        elif shipment.seal_no is None or scan.seal_no == shipment.seal_no:
            shipment.seal_no = scan.seal_no  # unless the sender recorded it: the first scan
            kept.append((scan, shipment))
        else:
            _refuse(
                outcome,
                shipment.waybill,
                "seal_mismatch",
                "The seal is not the one recorded at pickup; the item is not taken over.",
            )
            refs = {
                "condition": "seal_mismatch",
                "seal_no": scan.seal_no,
                "expected_seal_no": shipment.seal_no,
            }
            exceptions.append(_entry(shipment, "exception", handover, actor, refs))
            outcome.exceptions.append(shipment.waybill)
            shipments.tell_owners(
                shipment,
                "shipment.seal_mismatch",
                seal_no=scan.seal_no,
                expected_seal_no=shipment.seal_no,
            )
    return kept, exceptions


def _update_task_items(task: Task, outcome: Outcome, at: datetime) -> None:
    accepted = {a["waybill"] for a in outcome.accepted} | set(outcome.duplicate)
    known = {item.waybill: item for item in task.items}
    changed = False
    for waybill, item in known.items():
        if waybill in accepted and item.status != "scanned":
            item.status, item.scanned_at = "scanned", item.scanned_at or at
            changed = True
    for waybill in outcome.extra:
        if waybill not in known:
            task.items.append(TaskItem(waybill=waybill, status="extra", scanned_at=at))
            changed = True
    if changed:
        # Its items are part of the task: its version (its ETag, its courier's list's tag)
        # moves with them, also when a partial batch leaves the task's own columns alone.
        task.updated_at = clock.now()
        flag_modified(task, "updated_at")  # written even when the clock has not moved


def _delivery_tasks(
    moving: Sequence[tuple[Scan, Shipment]], courier_id: str, station_id: str
) -> list[str]:
    """One delivery task per item loaded, held by the courier who loaded it."""
    now = clock.now()
    made = tasks.create_tasks(
        [
            tasks.TaskSpec(
                kind="delivery",
                station_id=station_id,
                place=tasks.met_at(shipment, "recipient"),
                window=(now, shipment.deliver_by or now + timedelta(hours=12)),
                shipments=[shipment],
                deadline=shipment.deliver_by,
                taken_by=courier_id,
            )
            for _, shipment in moving
        ]
    )
    return [task.id for task in made]


def _apply_moves(
    moving: Sequence[Shipment], moves: dict[str, Move], receiver: tuple[str, str], at: datetime
) -> None:
    """One UPDATE per target state; an item that keeps its state only changes hands."""
    by_target: dict[str, list[Shipment]] = {}
    for shipment in moving:
        by_target.setdefault(moves[shipment.id].to_state, []).append(shipment)
    for to_state, group in by_target.items():
        changing = [s for s in group if s.state != to_state]
        shipments.move(changing, to_state, holder=receiver, at=at)
        shipments.change_holder([s for s in group if s.state == to_state], receiver)


def _take_return_tasks(returning: Sequence[Shipment], courier_id: str) -> list[str]:
    """The courier who loads an item on its way back takes its open return task."""
    if not returning:
        return []
    open_tasks = db.session.scalars(
        sa.select(Task)
        .join(TaskItem, TaskItem.task_id == Task.id)
        .where(
            Task.kind == "return",
            Task.state.in_(("open", "offered")),
            TaskItem.shipment_id.in_([s.id for s in returning]),
        )
        .with_for_update(of=Task)
    ).all()
    for task in open_tasks:
        tasks.withdraw_offer(task)
        tasks.take(task, courier_id=courier_id)
    return [t.id for t in open_tasks]


def record(handover: Handover, scans: Sequence[Scan], *, actor: Principal) -> Outcome:
    """Apply a hand-over scan batch in the caller's transaction; returns every verdict."""
    if handover.kind not in HANDOVER_KINDS:
        raise field_error("kind", f"Unknown hand-over kind {handover.kind!r}.")
    for index, scan in enumerate(scans):
        if scan.damaged:
            if not scan.photo_sha256:
                raise field_error(
                    f"items.{index}.photo_sha256", "A damaged item needs a photo.", "required"
                )
            blobs.require_uploaded(
                scan.photo_sha256, f"items.{index}.photo_sha256", allowed=blobs.PHOTO_TYPES
            )
    outcome = Outcome()
    expected = _expected(handover)
    moving, entries = _check_seals(
        handover, _sort(handover, scans, expected, outcome), outcome, actor
    )
    moves = {s.id: HANDOVER_KINDS[handover.kind][s.state] for _, s in moving}
    givers = {s.id: f"{s.holder_kind}:{s.holder_id}" for _, s in moving}
    _apply_moves([s for _, s in moving], moves, handover.receiver, handover.occurred_at)
    for scan, shipment in moving:
        refs = {"from": givers[shipment.id], "to": f"{handover.receiver[0]}:{handover.receiver[1]}"}
        if scan.seal_no:
            refs["seal_no"] = scan.seal_no
        entries.append(_entry(shipment, moves[shipment.id].custody_kind, handover, actor, refs))
        if scan.damaged:
            entries.append(
                _entry(
                    shipment,
                    "exception",
                    handover,
                    actor,
                    {
                        "condition": "damaged",
                        "photo_sha256": scan.photo_sha256,
                        **({"note_code": scan.note_code} if scan.note_code else {}),
                    },
                )
            )
            outcome.exceptions.append(shipment.waybill)
            blobs.link(scan.photo_sha256, "shipment", shipment.id)
        outcome.accepted.append(
            {"waybill": shipment.waybill, "shipment_id": shipment.id, "state": shipment.state}
        )
    custody.append(entries)
    if handover.task is not None:
        _update_task_items(handover.task, outcome, handover.occurred_at)
    if handover.kind == "load_for_delivery" and moving:
        outgoing = [(scan, s) for scan, s in moving if s.state == "out_for_delivery"]
        going_out = [s for _, s in outgoing]
        delivery_ids = _delivery_tasks(outgoing, handover.receiver[1], handover.station_id)
        # Items for the recipient get their PIN now; an item going back to its sender does not.
        pins.issue_pins(
            going_out, task_ids=dict(zip((s.id for s in going_out), delivery_ids, strict=True))
        )
        # One query for every item's owners, not a lazy load an item.
        load_collection(going_out, Shipment.owners)
        for shipment in going_out:
            # The owners hear it is on its way (with a PIN, the PIN message says so too).
            shipments.tell_owners(
                shipment, "shipment.out_for_delivery", pin_sign_off=shipment.pin_required
            )
        outcome.delivery_task_ids = delivery_ids + _take_return_tasks(
            [s for _, s in moving if s.state == "returning"], handover.receiver[1]
        )
    # A refused scan that recorded an exception (a broken seal) still has to be kept.
    if not (moving or outcome.duplicate or outcome.extra or outcome.exceptions) and outcome.refused:
        raise Problem(
            422,
            "nothing_handed_over",
            "No scanned waybill could be accepted.",
            refused=outcome.refused,
        )
    return outcome


def _entry(
    shipment: Shipment, kind: str, handover: Handover, actor: Principal, refs: dict
) -> custody.Entry:
    return custody.Entry.by(
        actor,
        shipment.id,
        kind,
        occurred_at=handover.occurred_at,
        station_id=handover.station_id,
        task_id=handover.task.id if handover.task else None,
        refs=refs,
    )
