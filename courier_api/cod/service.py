"""The cash's path up to the station: collection at the door and the hand-in (交款).
No Flask; never commits.

What a product collects and whether its COD fee is kept from the remittance is catalogue
data (`cod_allowed`, `fees.cod_fee_netted`), read from the version the shipment was sold
under.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from courier_api.cod.models import CASH, CashHandin, CodItem
from courier_api.core import clock
from courier_api.core.errors import Problem, field_error, not_found
from courier_api.core.ids import new_id
from courier_api.core.pg import insert_rows
from courier_api.core.scoping import station_scope
from courier_api.core.security import Principal
from courier_api.extensions import db
from courier_api.identity.models import Courier
from courier_api.ledger import service as ledger
from courier_api.network.models import Station
from courier_api.network.service import product_rules
from courier_api.shipments.models import Shipment, ShipmentOwner

#: Whose money a sender's COD is, when a shipment has more than one owner.
PAYEE_ORDER = ("organisation", "citizen")


@dataclass(frozen=True)
class Collection:
    """Cash taken at the door for one shipment."""

    shipment: Shipment
    courier_id: str
    method: str
    at: datetime


def collects_for_sender(shipment: Shipment) -> bool:
    """The product's COD is the sender's money (not postage collected on delivery)."""
    return bool(product_rules(shipment.product, shipment.catalogue_version).get("cod_allowed"))


def fee_kept(shipment: Shipment) -> int:
    """The COD fee the remittance keeps: the fee as priced, where the catalogue nets it."""
    fees = product_rules(shipment.product, shipment.catalogue_version)["fees"]
    if not fees.get("cod_fee_netted"):
        return 0
    return shipment.price["cod_fee_fen"] or 0


def collect(collections: Sequence[Collection]) -> None:
    """Record COD taken at the door, in the delivery's transaction: cash goes to the
    courier's account, an electronic payment to the clearing account; the sender is owed
    it. Postage collected on delivery is not a sender's COD and is left alone here."""
    collections = [c for c in collections if collects_for_sender(c.shipment)]
    if not collections:
        return
    payees = _payees([c.shipment.id for c in collections])
    items, entries = [], []
    for c in collections:
        payee_kind, payee_id = payees[c.shipment.id]
        cash = c.method == CASH
        holder = ledger.account("courier_cash", c.courier_id) if cash else "cod_clearing"
        amount = c.shipment.cod_amount_fen
        items.append(
            {
                "shipment_id": c.shipment.id,
                "payee_kind": payee_kind,
                "payee_id": payee_id,
                "amount_fen": amount,
                "fee_fen": fee_kept(c.shipment),
                "method": c.method,
                "courier_id": c.courier_id,
                "collected_at": c.at,
                "place": "courier" if cash else "clearing",
            }
        )
        payable = ledger.account("cod_payable", f"{payee_kind}:{payee_id}")
        entries.append(
            ledger.Entry(
                "cod_collected", "shipment", c.shipment.id, [(holder, amount), (payable, -amount)]
            )
        )
    insert_rows(CodItem.__table__, items)
    ledger.post_many(entries)


def _payees(shipment_ids: list[str]) -> dict[str, tuple[str, str]]:
    rows = db.session.execute(
        sa.select(ShipmentOwner.shipment_id, ShipmentOwner.owner_kind, ShipmentOwner.owner_id)
        .where(ShipmentOwner.shipment_id.in_(shipment_ids))
        .order_by(ShipmentOwner.shipment_id, ShipmentOwner.owner_kind.desc())
    ).all()
    payees: dict[str, tuple[str, str]] = {}
    for shipment_id, kind, owner_id in rows:
        best = payees.get(shipment_id)
        if best is None or PAYEE_ORDER.index(kind) < PAYEE_ORDER.index(best[0]):
            payees[shipment_id] = (kind, owner_id)
    return payees


# --- hand-ins at the station --------------------------------------------------------------


def get_station(*, caller: Principal, station_id: str) -> Station:
    """A station the caller works at (admins: any), else 404."""
    visible = station_scope(Station.id, caller, lambda _: sa.false())
    station = db.session.scalar(sa.select(Station).where(Station.id == station_id, visible))
    if station is None:
        raise not_found("station")
    return station


def hand_in(
    *,
    caller: Principal,
    station: Station,
    courier_id: str,
    shipment_ids: Sequence[str],
    counted_fen: int,
    reason: str | None,
) -> CashHandin:
    """Record the cash a courier hands in at the station against the COD parcels it covers.
    Each parcel must be in this courier's hand; a count that differs from what they
    collected is posted as a shortage (owed by the courier) or a surplus, with a reason.
    Two hand-ins of one parcel cannot both succeed: the parcels move out of the courier's
    hand with one conditional UPDATE, and the second finds them gone (409)."""
    if db.session.get(Courier, courier_id) is None:
        raise field_error("courier_id", "No such courier.", "unknown_courier")
    wanted = sorted(set(shipment_ids))
    items = db.session.execute(
        sa.select(CodItem.shipment_id, CodItem.courier_id, CodItem.place, CodItem.amount_fen).where(
            CodItem.shipment_id.in_(wanted)
        )
    ).all()
    _check_in_hand(wanted, items, courier_id)
    expected = sum(item.amount_fen for item in items)
    difference = counted_fen - expected
    if difference and not (reason or "").strip():
        raise Problem(
            422,
            "discrepancy_reason_required",
            f"Counted {counted_fen} fen against {expected} fen collected: say why.",
            errors=[
                {
                    "field": "reason",
                    "message": "Required when the count differs.",
                    "code": "required",
                }
            ],
            expected_fen=expected,
        )
    now = clock.now()
    handin = CashHandin(
        id=new_id("hin"),
        station_id=station.id,
        courier_id=courier_id,
        recorded_by=caller.id,
        expected_fen=expected,
        counted_fen=counted_fen,
        discrepancy_fen=difference,
        reason=(reason or "").strip() or None,
        item_count=len(wanted),
        created_at=now,
    )
    handin.transaction_id = ledger.post(_handin_entry(handin))
    db.session.add(handin)
    db.session.flush()
    moved = db.session.execute(
        sa.update(CodItem)
        .where(
            CodItem.shipment_id.in_(wanted),
            CodItem.place == "courier",
            CodItem.courier_id == courier_id,
        )
        .values(place="station", station_id=station.id, handin_id=handin.id, handed_in_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    if moved != len(wanted):
        raise _not_in_hand("Another hand-in took some of these parcels first.", [])
    return handin


def _check_in_hand(wanted: list[str], items: Sequence[Any], courier_id: str) -> None:
    found = {item.shipment_id: item for item in items}
    unknown = [s for s in wanted if s not in found]
    if unknown:
        raise Problem(
            422,
            "not_cod_collected",
            "Some parcels have no COD collected at the door.",
            shipment_ids=unknown,
        )
    others = [s for s in wanted if found[s].courier_id != courier_id]
    if others:
        raise Problem(
            422,
            "not_this_couriers_cash",
            "Some parcels' COD was collected by another courier; they hand it in themselves.",
            shipment_ids=others,
        )
    gone = [s for s in wanted if found[s].place != "courier"]
    if gone:
        raise _not_in_hand("Some parcels' COD is no longer in the courier's hand.", gone)


def _not_in_hand(detail: str, shipment_ids: list[str]) -> Problem:
    return Problem(409, "cod_not_in_hand", detail, shipment_ids=shipment_ids)


def _handin_entry(handin: CashHandin) -> ledger.Entry:
    """Counted cash into the station, the collected amount out of the courier's hand, and
    the difference: a shortage the courier owes, or a surplus the station holds."""
    postings = [
        (ledger.account("station_cash", handin.station_id), handin.counted_fen),
        (ledger.account("courier_cash", handin.courier_id), -handin.expected_fen),
    ]
    if handin.discrepancy_fen < 0:
        postings.append(
            (ledger.account("cash_shortage", handin.courier_id), -handin.discrepancy_fen)
        )
    elif handin.discrepancy_fen > 0:
        postings.append(
            (ledger.account("cash_surplus", handin.station_id), -handin.discrepancy_fen)
        )
    return ledger.Entry("cash_handin", "cash_handin", handin.id, postings, memo=handin.reason)
