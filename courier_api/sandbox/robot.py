"""The robo-courier: moves a sandbox item one step through the same services a real
courier's handheld and a station's scanner call (tasks, hand-over scans, door actions with
their proof, custody, outbox, webhooks). No Flask; never commits.

One robo-courier per station, made when first needed: a courier row that is never on shift
(dispatch never offers it anything) and whose password nobody knows.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa

from courier_api.blobs.storage import BlobStorage
from courier_api.core import clock
from courier_api.core.crypto import decrypt
from courier_api.core.errors import Problem, conflict, not_found
from courier_api.core.ids import new_id
from courier_api.core.outbox import OutboxEvent
from courier_api.core.security import Principal
from courier_api.courier import flows, handovers
from courier_api.delivery import doors, proof
from courier_api.delivery import service as delivery
from courier_api.extensions import db
from courier_api.hospital import runs
from courier_api.identity.models import Courier
from courier_api.identity.passwords import hash_password
from courier_api.network.models import Station
from courier_api.proof.pins import PIN_ISSUED, event_context
from courier_api.shipments import loss
from courier_api.shipments import service as shipments
from courier_api.shipments.models import Shipment
from courier_api.shipments.service import ID_NUMBER_CONTEXT
from courier_api.tasks import service as tasks
from courier_api.tasks.models import ACTIVE_STATES, FINISHED_STATES, Task, TaskItem

#: What `advance` may be asked for: the next state or outcome of the item.
STEPS = (
    "picked_up",
    "at_station",
    "out_for_delivery",
    "delivered",
    "attempt_failed",
    "refused",
    "returned",
    "lost",
)
#: The step that follows each state when none is named (the happy path; a failed attempt
#: goes back to the station, a returning item home).
NEXT_STEP = {
    "created": "picked_up",
    "awaiting_pickup": "picked_up",
    "picked_up": "at_station",
    "attempt_failed": "at_station",
    "at_station": "out_for_delivery",
    "out_for_delivery": "delivered",
    "returning": "returned",
}
#: The robo-courier's signature: a short stroke, as a handheld sends one.
SIGNATURE = {
    "width": 300,
    "height": 120,
    "strokes": [[[20 + 10 * i, 60 + (i % 3) * 8, 40 * i] for i in range(24)]],
}
ROBOT_NAME = "Robo-courier"
#: The ID number a sandbox recipient shows at the door when none is on file (valid
#: GB 11643 check character; an adult's).
SHOWN_ID_NUMBER = "110105198001010016"


def robot(station_id: str) -> Courier:
    """The station's robo-courier (made on first use)."""
    station = db.session.get(Station, station_id)
    employee_no = f"ROBO-{station.code}"[:32]
    found = db.session.scalars(sa.select(Courier).where(Courier.employee_no == employee_no)).first()
    if found is not None:
        return found
    made = Courier(
        id=new_id("cou"),
        employee_no=employee_no,
        name=ROBOT_NAME,
        phone="13800000000",
        station_id=station_id,
        password_hash=hash_password(secrets.token_urlsafe(32)),  # nobody logs in as it
        capacity=0,
        on_shift=False,
        sandbox=True,
    )
    db.session.add(made)
    db.session.flush()
    return made


def as_courier(courier: Courier, role: str = "courier") -> Principal:
    """The robo-courier as a caller; `role="dispatcher"`: at its station's scanner (a
    station in-scan is the station's)."""
    return Principal(
        kind="courier",
        id=courier.id,
        role=role,
        station_ids=frozenset({courier.station_id}),
        sandbox=True,
    )


def sandbox_shipment(*, caller: Principal, shipment_id: str, lock: bool = False) -> Shipment:
    """A sandbox item the caller may read; anything else 404."""
    shipment = shipments.get_shipment(caller=caller, ref=shipment_id)
    if not shipment.sandbox:
        raise not_found("shipment")
    if lock:
        db.session.refresh(shipment, with_for_update=True)
    return shipment


def advance(
    shipment: Shipment, *, step: str | None, pin: str | None, storage: BlobStorage
) -> Shipment:
    """Move a sandbox item to `step` (None: the next one on the happy path) through the
    real services; 409 with the current state when the step cannot follow it."""
    step = step or NEXT_STEP.get(shipment.state)
    if step is None:
        raise conflict(
            "nothing_to_advance", f"The item is {shipment.state}.", current_state=shipment.state
        )
    _STEP_ACTIONS[step](shipment, pin=pin, storage=storage)
    db.session.flush()
    db.session.refresh(shipment)
    return shipment


def _cannot(shipment: Shipment, step: str) -> Problem:
    return conflict(
        "cannot_advance",
        f"A {shipment.state} item cannot be {step.replace('_', ' ')} now.",
        current_state=shipment.state,
    )


def _scan(shipment: Shipment) -> handovers.Scan:
    return handovers.Scan(shipment.waybill, seal_no=shipment.seal_no)


def _open_pickup(shipment: Shipment) -> Task | None:
    return db.session.scalars(
        sa.select(Task)
        .join(TaskItem, TaskItem.task_id == Task.id)
        .where(
            TaskItem.shipment_id == shipment.id,
            Task.kind == "pickup",
            Task.state.not_in(FINISHED_STATES),
        )
        .with_for_update(of=Task)
    ).first()


def _pick_up(shipment: Shipment, **_: object) -> None:
    """Take the item's pickup task (a hospital item: a run made now), arrive, scan
    everything on it."""
    if shipment.state not in ("created", "awaiting_pickup"):
        raise _cannot(shipment, "picked_up")
    task = _open_pickup(shipment)
    if task is None:
        courier = robot(shipment.origin_station_id)
        run = runs.sandbox_run(shipment.id, requested_by=courier.id)
        if run is None:
            raise _cannot(shipment, "picked_up")
        task = db.session.get(Task, run.task_id)
    courier = robot(task.station_id)
    if task.courier_id is None:
        tasks.take(task, courier_id=courier.id)
    caller = as_courier(courier)
    flows.arrive_at(task, caller=caller, occurred_at=None)
    on_task = db.session.scalars(
        sa.select(Shipment)
        .join(TaskItem, TaskItem.shipment_id == Shipment.id)
        .where(TaskItem.task_id == task.id, TaskItem.status == "expected")
    ).all()
    flows.pick_up(
        caller=caller, task_id=task.id, scans=[_scan(s) for s in on_task], occurred_at=None
    )


def _held_by_robot(shipment: Shipment) -> Courier:
    courier = db.session.get(Courier, shipment.holder_id)
    if shipment.holder_kind != "courier" or courier is None or not courier.sandbox:
        raise _cannot(shipment, "at_station")
    return courier


def _station_in(shipment: Shipment, **_: object) -> None:
    """The robo-courier hands the item in at its station (the station's in-scan); a
    returning item stays returning there."""
    if shipment.state not in ("picked_up", "attempt_failed", "returning"):
        raise _cannot(shipment, "at_station")
    courier = _held_by_robot(shipment)
    _record(
        as_courier(courier, role="dispatcher"),
        handovers.HandoverRequest(
            "station_in",
            [_scan(shipment)],
            station_id=courier.station_id,
            giver=handovers.Party("courier", courier.id),
        ),
    )


def _record(caller: Principal, request: handovers.HandoverRequest) -> None:
    outcome = handovers.record(
        handovers.prepare(caller=caller, request=request), request.scans, actor=caller
    )
    if outcome.refused:
        refused = outcome.refused[0]
        raise Problem(409, refused.get("code", "cannot_advance"), refused.get("detail", ""))


def _load(shipment: Shipment) -> Courier:
    """The robo-courier of the station holding the item loads it (a delivery task, or the
    return task; a PIN goes to the recipient)."""
    if shipment.holder_kind != "station":
        raise _cannot(shipment, "out_for_delivery")
    courier = robot(shipment.holder_id)
    caller = as_courier(courier)
    _record(caller, handovers.HandoverRequest("load_for_delivery", [_scan(shipment)]))
    return courier


def _out_for_delivery(shipment: Shipment, **_: object) -> None:
    if shipment.state != "at_station":
        raise _cannot(shipment, "out_for_delivery")
    _load(shipment)


def _door_task(shipment: Shipment, kind: str) -> Task:
    task = db.session.scalars(
        sa.select(Task)
        .join(TaskItem, TaskItem.task_id == Task.id)
        .where(
            TaskItem.shipment_id == shipment.id,
            Task.kind == kind,
            Task.state.in_(ACTIVE_STATES),
        )
        .order_by(Task.created_at.desc())
    ).first()
    if task is None:
        raise _cannot(shipment, "delivered")
    return task


def _receiver(shipment: Shipment, returning: bool) -> proof.Receiver:
    """Who signs: the sender's side on a return; else the named recipient the product
    wants in person (with their ID number), or the recipient."""
    if returning:
        return proof.Receiver(shipment.sender_name)
    rules = doors.rules_of(shipment)["proof"]
    named = [n for n in shipment.named_recipients if n.role in (rules.get("receivers") or ())]
    if not named:
        return proof.Receiver(shipment.recipient_name)
    first = named[0]
    if first.id_encrypted is None:
        # Nothing on file to match (a court's addressee): the ID card they show.
        return proof.Receiver(first.name, id_number=SHOWN_ID_NUMBER)
    id_number = decrypt(first.id_encrypted, context=ID_NUMBER_CONTEXT)
    return proof.Receiver(first.name, id_number=id_number)


def latest_pin(shipment: Shipment) -> str | None:
    """The PIN last sent to the recipient (what the auto timeline's recipient tells the
    robo-courier at the door)."""
    payload = db.session.scalars(
        sa.select(OutboxEvent.payload)
        .where(OutboxEvent.kind == PIN_ISSUED, OutboxEvent.subject_id == shipment.id)
        .order_by(OutboxEvent.created_at.desc(), OutboxEvent.id.desc())
    ).first()
    if payload is None:
        return None
    return decrypt(payload["pin_encrypted"], context=event_context(shipment.id))


def _deliver(shipment: Shipment, *, pin: str | None, storage: BlobStorage, **_: object) -> None:
    """Hand the item over with the proof its product asks for: a signature, the named
    person's ID, the cash due, the seal, and the PIN the caller read from the inbox."""
    if shipment.state not in ("out_for_delivery", "returning"):
        raise _cannot(shipment, "delivered")
    returning = shipment.state == "returning"
    task = _door_task(shipment, "return" if returning else "delivery")
    cash = (
        proof.Cash(shipment.cod_amount_fen, "cash")
        if shipment.cod_amount_fen and not returning
        else None
    )
    given = proof.Given(
        receiver=_receiver(shipment, returning),
        signature=SIGNATURE,
        pin=pin,
        cash=cash,
        seal_no=shipment.seal_no,
    )
    delivery.deliver(**_at_door(task, storage), given=given)


def _fail(shipment: Shipment, failure: proof.Failure, storage: BlobStorage) -> None:
    if shipment.state != "out_for_delivery":
        raise _cannot(shipment, "attempt_failed")
    task = _door_task(shipment, "delivery")
    delivery.fail(**_at_door(task, storage), failure=failure)


def _at_door(task: Task, storage: BlobStorage) -> dict[str, object]:
    """What every door action takes: the robo-courier holding the task, now."""
    caller = as_courier(db.session.get(Courier, task.courier_id))
    return {"caller": caller, "task_id": task.id, "at": doors.AtDoor(None), "storage": storage}


def _attempt_failed(shipment: Shipment, *, storage: BlobStorage, **_: object) -> None:
    _fail(shipment, proof.Failure("nobody_home", phone_call=_unanswered_call()), storage)


def _unanswered_call() -> proof.PhoneCall:
    return proof.PhoneCall(called_at=clock.now(), reached=False)


def _refused(shipment: Shipment, *, storage: BlobStorage, **_: object) -> None:
    refusal = proof.Refusal(
        reason="Refused at the door (sandbox)",
        witness=proof.Witness(ROBOT_NAME, "sandbox"),
    )
    _fail(shipment, proof.Failure("refused", refusal=refusal), storage)


def _returned(shipment: Shipment, *, storage: BlobStorage, **kwargs: object) -> None:
    """A returning item: through the station if a courier still has it, loaded onto the
    return task, handed to the sender."""
    if shipment.state != "returning":
        raise _cannot(shipment, "returned")
    if shipment.holder_kind == "courier":
        _station_in(shipment)
        db.session.refresh(shipment)
    if shipment.holder_kind == "station":
        _load(shipment)
        db.session.refresh(shipment)
    _deliver(shipment, pin=None, storage=storage)


def _lost(shipment: Shipment, **_: object) -> None:
    courier = robot(shipment.origin_station_id)
    loss.declare_lost(shipment, actor=("courier", courier.id), reason_code="not_found")


_STEP_ACTIONS = {
    "picked_up": _pick_up,
    "at_station": _station_in,
    "out_for_delivery": _out_for_delivery,
    "delivered": _deliver,
    "attempt_failed": _attempt_failed,
    "refused": _refused,
    "returned": _returned,
    "lost": _lost,
}


def due(step_s: int, now: datetime | None = None, limit: int = 100) -> list[str]:
    """Sandbox items whose last step is `step_s` seconds old and that have a next one:
    the automatic timeline's work. A `created` item is not ready to be collected yet (a
    certificate the ward has not marked ready): the timeline waits for it."""
    now = now or clock.now()
    return list(
        db.session.scalars(
            sa.select(Shipment.id)
            .where(
                Shipment.sandbox.is_(True),
                Shipment.state.in_([state for state in NEXT_STEP if state != "created"]),
                Shipment.state_changed_at <= now - timedelta(seconds=step_s),
            )
            .order_by(Shipment.state_changed_at)
            .limit(limit)
        )
    )


def step_on(shipment_id: str, *, storage: BlobStorage) -> Shipment:
    """The automatic timeline's step for one item: the next on the happy path; at a PIN
    door the recipient tells the robo-courier the PIN they were sent."""
    shipment = db.session.get(Shipment, shipment_id, with_for_update=True)
    pin = latest_pin(shipment) if shipment.state == "out_for_delivery" else None
    return advance(shipment, step=None, pin=pin, storage=storage)
