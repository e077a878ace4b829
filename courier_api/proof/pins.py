"""PIN sign-off: issue, resend and verify delivery PINs. No Flask; never commits.

A 6-digit PIN goes to the recipient when the item is loaded for delivery. The database
keeps only a keyed hash of it; the plain PIN travels to the notification encrypted
(outbox event payload, then the notification's sealed secrets) and is sent from there.
PINs are checked here, online, only: nothing on a handheld can check one.

Wrong tries are counted on their own connection, so a refused delivery (whose request
is rolled back) still counts, and two wrong tries racing both count.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Sequence

import sqlalchemy as sa

from courier_api.core import clock
from courier_api.core.crypto import encrypt, keyed_hash
from courier_api.core.db import UTCDateTime, dialect_insert
from courier_api.core.errors import Problem, conflict
from courier_api.core.outbox import emit
from courier_api.extensions import db
from courier_api.proof.models import MAX_RESENDS, MAX_TRIES, DeliveryPin
from courier_api.shipments.models import Shipment

PIN_ISSUED = "delivery.pin_issued"
PIN_DIGITS = 6
#: Rows per upsert statement: a van's load of 2,000 items is one statement (16,000
#: parameters, within SQLite's 32,766 and PostgreSQL's 65,535).
LOAD_PAGE = 2000


def event_context(shipment_id: str) -> str:
    """The encryption context of the PIN in a `delivery.pin_issued` event."""
    return f"delivery_pin_event:{shipment_id}"


def _new_pin() -> str:
    return f"{secrets.randbelow(10**PIN_DIGITS):0{PIN_DIGITS}d}"


def _hash(shipment_id: str, pin: str) -> str:
    return keyed_hash(pin, purpose=f"delivery_pin:{shipment_id}")


def _announce(shipment: Shipment, task_id: str, pin: str) -> None:
    # No organisation_ids: webhooks must never carry a PIN, even encrypted.
    emit(
        PIN_ISSUED,
        subject_type="shipment",
        subject_id=shipment.id,
        payload={
            "shipment_id": shipment.id,
            "waybill": shipment.waybill,
            "task_id": task_id,
            "pin_encrypted": encrypt(pin, context=event_context(shipment.id)),
        },
    )


def issue_pins(shipments: Sequence[Shipment], *, task_ids: dict[str, str]) -> None:
    """A fresh PIN for every shipment that needs one, for its new delivery task
    (`task_ids`: shipment id -> task id); an earlier attempt's PIN is replaced."""
    now = clock.now()
    rows = []
    for shipment in shipments:
        if not shipment.pin_required:
            continue
        pin = _new_pin()
        task_id = task_ids[shipment.id]
        rows.append(
            {
                "shipment_id": shipment.id,
                "task_id": task_id,
                "pin_hash": _hash(shipment.id, pin),
                "failed_tries": 0,
                "locked_at": None,
                "issued_at": now,
                "sends": 1,
                "verified_at": None,
            }
        )
        _announce(shipment, task_id, pin)
    if not rows:
        return
    # One statement for the whole load, not one per item: with RETURNING, SQLAlchemy sends
    # the rows as multi-row VALUES (insertmanyvalues) from a cached compiled statement.
    table = DeliveryPin.__table__
    insert = dialect_insert(table)
    upsert = (
        insert.on_conflict_do_update(
            index_elements=[table.c.shipment_id],
            set_={name: insert.excluded[name] for name in rows[0] if name != "shipment_id"},
        )
        .returning(table.c.shipment_id)
        .execution_options(insertmanyvalues_page_size=LOAD_PAGE)
    )
    db.session.execute(upsert, rows)


def _current(shipment: Shipment, *, lock: bool = False) -> DeliveryPin:
    # populate_existing: tries counted on another connection must be seen.
    row = db.session.get(DeliveryPin, shipment.id, populate_existing=True, with_for_update=lock)
    if row is None:
        raise conflict(
            "pin_not_issued", "No PIN was issued for this shipment.", current_state="not_issued"
        )
    return row


def _locked() -> Problem:
    return conflict(
        "pin_locked",
        f"The PIN is locked after {MAX_TRIES} wrong tries; send the recipient a new one.",
        current_state="locked",
    )


def _incorrect(tries_left: int) -> Problem:
    return Problem(
        422,
        "pin_incorrect",
        "The PIN is not the one sent to the recipient.",
        errors=[{"field": "pin", "message": "Wrong PIN.", "code": "pin_incorrect"}],
        tries_left=tries_left,
    )


def _count_wrong_try(shipment_id: str) -> int | None:
    """One more wrong try, committed at once on its own connection; the tries now, or None
    when the PIN was already locked. The increment is done by the database, so racing
    tries are never lost, and the try that reaches the limit locks the PIN."""
    table = DeliveryPin.__table__
    tries = table.c.failed_tries + 1
    stmt = (
        sa.update(table)
        .where(table.c.shipment_id == shipment_id, table.c.locked_at.is_(None))
        .values(
            failed_tries=tries,
            locked_at=sa.case((tries >= MAX_TRIES, sa.literal(clock.now(), UTCDateTime))),
        )
        .returning(table.c.failed_tries)
    )
    with db.engine.begin() as connection:
        return connection.execute(stmt).scalar_one_or_none()


def verify_pin(shipment: Shipment, pin: str) -> None:
    """Check the PIN the courier typed in. A correct one marks the PIN verified in the
    caller's transaction; a wrong one is counted even if that transaction rolls back.

    Raises 409 `pin_not_issued`, 409 `pin_locked` (after MAX_TRIES wrong tries), or 422
    `pin_incorrect` (field `pin`, with `tries_left`).

    The wrong try is written on a second connection while the caller's transaction is
    open: call this before the transaction writes anything on SQLite (one writer at a
    time), and never after it changed this PIN's row (the row lock would block it)."""
    row = _current(shipment)
    if row.locked_at is not None:
        raise _locked()
    if hmac.compare_digest(row.pin_hash, _hash(shipment.id, pin)):
        # Only while the PIN is still the one just checked (not replaced by a resend, not
        # locked by racing wrong tries).
        marked = db.session.execute(
            sa.update(DeliveryPin)
            .where(
                DeliveryPin.shipment_id == shipment.id,
                DeliveryPin.pin_hash == row.pin_hash,
                DeliveryPin.locked_at.is_(None),
            )
            .values(verified_at=clock.now())
            .execution_options(synchronize_session="fetch")
        )
        if marked.rowcount == 1:
            return
        # It was right a moment ago, so it is no guess: refuse without counting a try.
        row = _current(shipment)
        raise _locked() if row.locked_at is not None else _incorrect(MAX_TRIES - row.failed_tries)
    tries = _count_wrong_try(shipment.id)
    if tries is None or tries >= MAX_TRIES:
        raise _locked()
    raise _incorrect(MAX_TRIES - tries)


def resend_pin(shipment: Shipment) -> None:
    """Send the recipient a new PIN: the old one stops working, and its wrong tries (and
    lock) go with it. At most MAX_RESENDS times per delivery attempt.

    Raises 409 `pin_not_issued` or 409 `pin_resend_exhausted`."""
    row = _current(shipment, lock=True)
    if row.resends_left == 0:
        raise conflict(
            "pin_resend_exhausted",
            f"A new PIN was already sent {MAX_RESENDS} times for this delivery.",
            current_state=row.state,
            resends_left=0,
        )
    pin = _new_pin()
    row.pin_hash = _hash(shipment.id, pin)
    row.failed_tries, row.locked_at, row.verified_at = 0, None, None
    row.issued_at = clock.now()
    row.sends += 1
    _announce(shipment, row.task_id, pin)
