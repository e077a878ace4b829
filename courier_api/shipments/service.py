"""The shipment core: waybills, creation, state moves, scoped reads. No Flask; never commits."""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm.attributes import set_committed_value

from courier_api.core import clock, pg
from courier_api.core.crypto import encrypt, keyed_hash
from courier_api.core.db import insert_ignoring_conflicts
from courier_api.core.errors import cannot_become, field_error, not_found
from courier_api.core.idnumber import is_valid_id_number, mask_id_number, normalise
from courier_api.core.ids import new_id
from courier_api.core.masking import ORGANISATION
from courier_api.core.outbox import event_row, record
from courier_api.core.scoping import built_for, scoped_select
from courier_api.core.security import Principal
from courier_api.core.waybill import PATTERN as WAYBILL_PATTERN
from courier_api.core.waybill import SERIAL_LIMIT, make_waybill
from courier_api.custody import service as custody
from courier_api.extensions import db
from courier_api.network.models import Organisation, PickupPoint
from courier_api.network.service import current_version, product_rules
from courier_api.shipments.models import (
    LIVE_STATES,
    TRANSITIONS,
    NamedRecipient,
    Shipment,
    ShipmentOwner,
    WaybillSequence,
)

ID_NUMBER_CONTEXT = "id_number"


@dataclass(frozen=True)
class Party:
    name: str
    phone: str
    address: str
    lat: float
    lng: float
    #: "organisation" for an institution's desk (not masked); None: a person.
    kind: str | None = None


def point_party(organisation: Organisation, point: PickupPoint) -> Party:
    """An organisation at one of its pickup points, as a shipment's sender (or an archive's
    receiving office), with the desk's phone when it gave one: a return goes back there.
    Chinese names run on (中山市人民医院门诊药房); other scripts take a space between."""
    first, second = organisation.name, point.name
    joiner = "" if _wide(first[-1]) and _wide(second[0]) else " "
    return Party(
        f"{first}{joiner}{second}",
        point.phone or "",
        point.address,
        point.lat,
        point.lng,
        ORGANISATION,
    )


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


@dataclass(frozen=True)
class Person:
    """Someone who shows their resident ID to receive an item (a driver, a parent)."""

    name: str
    id_number: str


@dataclass(frozen=True)
class Named:
    role: str
    name: str
    id_number: str | None = None
    relation: str | None = None


@dataclass
class ShipmentSpec:
    """What a line of business knows when it creates a shipment."""

    product: str
    sender: Party
    recipient: Party
    owners: Sequence[tuple[str, str]]
    holder: tuple[str, str]
    origin_station_id: str | None = None
    destination_station_id: str | None = None
    weight_g: int = 0
    declared_value_fen: int = 0
    insured_amount_fen: int = 0
    premium_fen: int = 0
    fee_fen: int = 0
    #: How fee_fen was made up (`pricing.Price.charged()` gives these four together).
    fee_lines: Sequence[dict[str, Any]] = ()
    cod_amount_fen: int = 0
    pin_required: bool = False
    deliver_by: datetime | None = None
    named: Sequence[Named] = field(default_factory=tuple)
    state: str = "created"
    pickup_order_id: str | None = None
    recipient_kind: str | None = None
    document_class: str | None = None
    #: A sealed product's bag number as the sender recorded it (None: the first hand-over
    #: records it).
    seal_no: str | None = None


# --- waybills ---------------------------------------------------------------------------


#: Serials reserved per round trip. Reservations commit on their own connection, so a
#: rolled-back order never lets another worker reuse its number; unused ones leave gaps.
WAYBILL_BLOCK = 50
_reserved: dict[str, list[int]] = {}
_reserved_lock = threading.Lock()


def _reserve(prefix: str, count: int) -> range:
    table = WaybillSequence.__table__
    with db.engine.begin() as connection:
        connection.execute(insert_ignoring_conflicts(table).values(prefix=prefix, next_serial=1))
        end = connection.execute(
            sa.update(table)
            .where(table.c.prefix == prefix)
            .values(next_serial=table.c.next_serial + count)
            .returning(table.c.next_serial)
        ).scalar_one()
    if end > SERIAL_LIMIT:
        raise RuntimeError(f"waybill serials for {prefix} are exhausted")
    return range(end - count, end)


def forget_reserved_waybills() -> None:
    """Drop this process's reserved serials (tests that empty the database call it)."""
    with _reserved_lock:
        _reserved.clear()


def allocate_waybills(prefix: str, count: int) -> list[str]:
    """`count` fresh S10 numbers for `prefix`, never issued twice across workers: serials
    come from per-process blocks reserved with one atomic UPDATE ... RETURNING."""
    with _reserved_lock:
        pool = _reserved.setdefault(prefix, [])
        if len(pool) < count:
            pool.extend(_reserve(prefix, max(WAYBILL_BLOCK, count - len(pool))))
        serials, pool[:] = pool[:count], pool[count:]
    return [make_waybill(prefix, serial) for serial in serials]


def hash_id_number(id_number: str) -> str:
    return keyed_hash(normalise(id_number), purpose=ID_NUMBER_CONTEXT)


def _named_recipient(named: Named, index: int) -> dict[str, Any]:
    """A named recipient's row (its shipment_id is the caller's to add)."""
    row: dict[str, Any] = {
        "id": new_id("nrc"),
        "role": named.role,
        "name": named.name,
        "relation": named.relation,
        "id_hash": None,
        "id_encrypted": None,
        "id_masked": None,
    }
    if named.id_number:
        if not is_valid_id_number(named.id_number):
            raise field_error(
                f"named_recipients.{index}.id_number",
                "Not a valid ID number (GB 11643 check digit).",
                "invalid_id_number",
            )
        value = normalise(named.id_number)
        row["id_hash"] = hash_id_number(value)
        row["id_encrypted"] = encrypt(value, context=ID_NUMBER_CONTEXT)
        row["id_masked"] = mask_id_number(value)
    return row


# --- creation ---------------------------------------------------------------------------


def _shipment_rows(specs: Sequence[ShipmentSpec], *, sandbox: bool) -> list[dict[str, Any]]:
    """Each spec's shipment row, with a fresh waybill (one allocation per prefix)."""
    version = current_version()
    by_prefix: dict[str, list[int]] = {}
    for index, spec in enumerate(specs):
        prefix = product_rules(spec.product, version)["waybill_prefix"]
        by_prefix.setdefault(prefix, []).append(index)
    waybills: dict[int, str] = {}
    for prefix, indexes in by_prefix.items():
        waybills.update(zip(indexes, allocate_waybills(prefix, len(indexes)), strict=True))
    now = clock.now()
    rows = []
    for index, spec in enumerate(specs):
        if spec.insured_amount_fen > spec.declared_value_fen > 0:
            raise field_error(
                "insured_amount_fen", "The insured amount exceeds the declared value."
            )
        rows.append(
            {
                "id": new_id("shp"),
                "waybill": waybills[index],
                "product": spec.product,
                "catalogue_version": version,
                "state": spec.state,
                "state_changed_at": now,
                "origin_station_id": spec.origin_station_id,
                "destination_station_id": spec.destination_station_id,
                "holder_kind": spec.holder[0],
                "holder_id": spec.holder[1],
                **_party_columns("sender", spec.sender),
                **_party_columns("recipient", spec.recipient),
                "weight_g": spec.weight_g,
                "declared_value_fen": spec.declared_value_fen,
                "insured_amount_fen": spec.insured_amount_fen,
                "premium_fen": spec.premium_fen,
                "fee_fen": spec.fee_fen,
                "fee_lines": list(spec.fee_lines) or None,
                "cod_amount_fen": spec.cod_amount_fen,
                "pin_required": spec.pin_required,
                "deliver_by": spec.deliver_by,
                "pickup_order_id": spec.pickup_order_id,
                "recipient_kind": spec.recipient_kind or spec.recipient.kind,
                "sender_kind": spec.sender.kind,
                "document_class": spec.document_class,
                "seal_no": spec.seal_no,
                "sandbox": sandbox,
            }
        )
    return rows


def _record_created(rows: Sequence[dict[str, Any]], actor: Principal) -> None:
    """Each new shipment's first custody event (its chain starts here)."""
    custody.append(
        [
            custody.Entry.by(
                actor,
                row["id"],
                "created",
                station_id=row["origin_station_id"],
                refs={
                    "waybill": row["waybill"],
                    "product": row["product"],
                    **({"seal_no": row["seal_no"]} if row["seal_no"] else {}),
                },
            )
            for row in rows
        ],
        new_chains=True,
    )


def create_shipments(specs: Sequence[ShipmentSpec], *, actor: Principal) -> list[Shipment]:
    """Create shipments with waybills, owners, named recipients and their first custody
    event, in the caller's transaction: written at once, set-based (one waybill allocation
    per prefix, one insert per table), and returned as loaded objects (their owners and
    named recipients too) that read nothing back. The one way a shipment is made."""
    if not specs:
        return []
    # A sandbox caller's orders are sandbox items (docs/integrators/sandbox.md).
    rows = _shipment_rows(specs, sandbox=actor.sandbox)
    owners: dict[str, list[dict[str, Any]]] = {}
    named: dict[str, list[dict[str, Any]]] = {}
    for spec, row in zip(specs, rows, strict=True):
        owners[row["id"]] = [
            {"shipment_id": row["id"], "owner_kind": kind, "owner_id": owner_id}
            for kind, owner_id in set(spec.owners)
        ]
        named[row["id"]] = [
            {**_named_recipient(n, i), "shipment_id": row["id"]} for i, n in enumerate(spec.named)
        ]
    shipments = pg.insert_objects(Shipment, rows)
    _attach(shipments, "owners", pg.insert_objects(ShipmentOwner, _flat(owners)))
    _attach(shipments, "named_recipients", pg.insert_objects(NamedRecipient, _flat(named)))
    _record_created(rows, actor)
    return shipments


def _flat(rows_by_shipment: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    return [row for rows in rows_by_shipment.values() for row in rows]


def _attach(shipments: Sequence[Shipment], name: str, children: Sequence[Any]) -> None:
    """Set each new shipment's collection `name` to its written children (as loaded)."""
    by_shipment: dict[str, list[Any]] = {s.id: [] for s in shipments}
    for child in children:
        by_shipment[child.shipment_id].append(child)
    for shipment in shipments:
        set_committed_value(shipment, name, by_shipment[shipment.id])


def _party_columns(prefix: str, party: Party) -> dict[str, Any]:
    return {
        f"{prefix}_name": party.name,
        f"{prefix}_phone": party.phone,
        f"{prefix}_address": party.address,
        f"{prefix}_lat": party.lat,
        f"{prefix}_lng": party.lng,
    }


# --- reads ------------------------------------------------------------------------------


def _ref_key(ref: str) -> str:
    """The column a shipment's `ref` names: its waybill, or its id (`shp_…`)."""
    return "waybill" if WAYBILL_PATTERN.match(ref) else "id"


def _shipment_by(caller: Principal, key: str) -> sa.Select:
    return scoped_select(Shipment, caller).where(getattr(Shipment, key) == sa.bindparam("ref"))


def get_shipment(*, caller: Principal, ref: str) -> Shipment:
    """By id (`shp_…`) or by waybill; 404 unless the caller may see it."""
    stmt = built_for(caller, _shipment_by, _ref_key(ref))
    found = db.session.scalars(stmt, {"ref": ref}).first()
    if found is None:
        raise not_found("shipment")
    return found


def live_by_waybill(waybills: Iterable[str]) -> dict[str, Shipment]:
    rows = db.session.scalars(
        sa.select(Shipment).where(
            Shipment.waybill.in_(list(waybills)), Shipment.state.in_(LIVE_STATES)
        )
    )
    return {s.waybill: s for s in rows}


# --- state ------------------------------------------------------------------------------


def check_transition(shipment: Shipment, to_state: str) -> None:
    if to_state not in TRANSITIONS[shipment.state]:
        subject = f"Shipment {shipment.waybill}"
        raise cannot_become("shipment", subject, shipment.state, to_state, waybill=shipment.waybill)


def _state_values(
    to_state: str, holder: tuple[str, str] | None, at: datetime | None
) -> dict[str, Any]:
    at = at or clock.now()
    values: dict[str, Any] = {"state": to_state, "state_changed_at": at}
    if holder is not None:
        values["holder_kind"], values["holder_id"] = holder
    if to_state == "delivered":
        values["delivered_at"] = at
    return values


def transition(
    shipment: Shipment,
    to_state: str,
    *,
    holder: tuple[str, str] | None = None,
    at: datetime | None = None,
) -> None:
    """Move one loaded shipment; written with the next flush (a sync batch: one flush).
    `at`: when it happened, by the courier's handheld (default now)."""
    check_transition(shipment, to_state)
    for name, value in _state_values(to_state, holder, at).items():
        setattr(shipment, name, value)


def move(
    shipments: Sequence[Shipment],
    to_state: str,
    *,
    holder: tuple[str, str] | None = None,
    at: datetime | None = None,
) -> None:
    """Move every shipment to `to_state` (all or none: the first refusal raises 409)."""
    for shipment in shipments:
        check_transition(shipment, to_state)
    if not shipments:
        return
    _update_all(shipments, _state_values(to_state, holder, at))


def change_holder(shipments: Sequence[Shipment], holder: tuple[str, str]) -> None:
    """A change of hands that keeps the state (an item returning to its sender)."""
    if shipments:
        _update_all(shipments, {"holder_kind": holder[0], "holder_id": holder[1]})


def _update_all(shipments: Sequence[Shipment], values: dict[str, Any]) -> None:
    # One UPDATE for the whole batch (a 2,000-item run is one statement), then the loaded
    # objects are told the new values without being marked dirty again.
    db.session.execute(
        sa.update(Shipment).where(Shipment.id.in_([s.id for s in shipments])).values(**values),
        execution_options={"synchronize_session": False},
    )
    for shipment in shipments:
        for name, value in values.items():
            set_committed_value(shipment, name, value)


def owners_event(shipment: Shipment, kind: str, **payload: Any) -> dict[str, Any]:
    """The outbox row telling the shipment's owners (webhooks to organisations, a message
    to a citizen owner); a batch writes such rows with `outbox.emit_rows`."""
    organisations = [o.owner_id for o in shipment.owners if o.owner_kind == "organisation"]
    citizens = [o.owner_id for o in shipment.owners if o.owner_kind == "citizen"]
    return event_row(
        kind,
        subject_type="shipment",
        subject_id=shipment.id,
        payload={"shipment_id": shipment.id, "waybill": shipment.waybill, **payload},
        organisation_ids=organisations,
        citizen_id=citizens[0] if citizens else None,
    )


def tell_owners(shipment: Shipment, kind: str, **payload: Any) -> None:
    """An outbox event to the shipment's owners, written with the next flush."""
    record(owners_event(shipment, kind, **payload))


def _entries(shipment_id: str) -> list[dict[str, Any]]:
    """What happened to the item, from its custody chain (no personal data in it)."""
    return [
        {"at": at, "status": kind, "station_id": station_id}
        for at, kind, station_id in custody.timeline_of(shipment_id)
    ]


def timeline(*, caller: Principal, ref: str) -> dict[str, Any]:
    """A shipment's timeline (by id or waybill; 404 unless the caller may see it), read
    without the rest of the shipment's row (7.7 % of the peak mix's requests)."""
    stmt = built_for(caller, _timeline_head, _ref_key(ref))
    found = db.session.execute(stmt, {"ref": ref}).first()
    if found is None:
        raise not_found("shipment")
    return {
        "shipment_id": found.id,
        "waybill": found.waybill,
        "state": found.state,
        "deliver_by": found.deliver_by,
        "entries": _entries(found.id),
    }


def _timeline_head(caller: Principal, key: str) -> sa.Select:
    return _shipment_by(caller, key).with_only_columns(
        Shipment.id, Shipment.waybill, Shipment.state, Shipment.deliver_by
    )


_S = Shipment.__table__.c
#: What public tracking needs of a shipment, not the whole row (7.7 % of the peak mix).
_TRACKED = pg.HotStatement(
    sa.select(_S.id, _S.state, _S.deliver_by, _S.sender_phone, _S.recipient_phone).where(
        _S.waybill == sa.bindparam("waybill")
    )
)


def track_publicly(*, waybill: str, phone_last4: str) -> dict[str, Any]:
    """Public tracking: the waybill plus the last 4 digits of the sender's or recipient's
    phone; anything else (an unknown waybill too) is the same 404."""
    found = _TRACKED.first({"waybill": waybill})
    phones = (found.sender_phone, found.recipient_phone) if found else ()
    if not any(phone.endswith(phone_last4) for phone in phones):
        raise not_found("shipment")
    return {
        "waybill": waybill,
        "state": found.state,
        "deliver_by": found.deliver_by,
        "events": _entries(found.id),
    }
