"""Proof that the ledger agrees with the shipments: every delivered COD parcel's money is
in exactly one place (a courier's hand, the clearing account, a station, or remitted), and
every account's balance is what the parcels in it add up to. Anything else is a finding.
No Flask; never commits; reads only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa

from courier_api.cod.models import CashHandin, CodItem, Remittance
from courier_api.extensions import db
from courier_api.ledger import service as ledger
from courier_api.network.models import ProductRules
from courier_api.shipments.models import Shipment


@dataclass(frozen=True)
class Finding:
    code: str
    subject: str
    detail: str


def reconcile() -> list[Finding]:
    """Every disagreement found; an empty list is a clean bill."""
    return [
        *_unbalanced(),
        *_uncollected_deliveries(),
        *_collected_undelivered(),
        *_misplaced(),
        *_balances(),
        *_remittance_totals(),
    ]


def _unbalanced() -> Iterable[Finding]:
    for txn_id in ledger.unbalanced_transactions():
        yield Finding("unbalanced_transaction", txn_id, "Its postings do not sum to zero.")


def _cod_products() -> sa.ColumnElement[bool]:
    """Shipments whose catalogue version makes COD the sender's money."""
    pairs = [
        sa.and_(Shipment.product == row.code, Shipment.catalogue_version == row.catalogue_version)
        for row in db.session.scalars(sa.select(ProductRules))
        if row.rules.get("cod_allowed")
    ]
    return sa.or_(sa.false(), *pairs)


def _uncollected_deliveries() -> Iterable[Finding]:
    stmt = sa.select(Shipment.id).where(
        Shipment.state == "delivered",
        Shipment.cod_amount_fen > 0,
        _cod_products(),
        ~sa.exists().where(CodItem.shipment_id == Shipment.id),
    )
    for shipment_id in db.session.scalars(stmt):
        yield Finding("cod_not_recorded", shipment_id, "Delivered with COD, but no money recorded.")


def _collected_undelivered() -> Iterable[Finding]:
    stmt = (
        sa.select(CodItem.shipment_id, Shipment.state, CodItem.amount_fen, Shipment.cod_amount_fen)
        .join(Shipment, Shipment.id == CodItem.shipment_id)
        .where(sa.or_(Shipment.state != "delivered", CodItem.amount_fen != Shipment.cod_amount_fen))
    )
    for shipment_id, state, amount, due in db.session.execute(stmt):
        if state != "delivered":
            yield Finding("cod_without_delivery", shipment_id, f"Money recorded, shipment {state}.")
        else:
            yield Finding("cod_amount_mismatch", shipment_id, f"{amount} recorded, {due} due.")


def _misplaced() -> Iterable[Finding]:
    stmt = sa.select(
        CodItem.shipment_id, CodItem.place, CodItem.handin_id, CodItem.remittance_id
    ).where(
        sa.or_(
            sa.and_(
                CodItem.place.in_(("courier", "clearing")),
                sa.or_(CodItem.handin_id.is_not(None), CodItem.remittance_id.is_not(None)),
            ),
            sa.and_(
                CodItem.place == "station",
                sa.or_(CodItem.handin_id.is_(None), CodItem.remittance_id.is_not(None)),
            ),
            sa.and_(CodItem.place == "remitted", CodItem.remittance_id.is_(None)),
        )
    )
    for shipment_id, place, handin_id, remittance_id in db.session.execute(stmt):
        yield Finding(
            "cod_place_inconsistent",
            shipment_id,
            f"Place {place} with hand-in {handin_id} and remittance {remittance_id}.",
        )


def _sum_by(key, amount, *where) -> dict[str, int]:
    rows = db.session.execute(sa.select(key, sa.func.sum(amount)).where(*where).group_by(key))
    return {k: int(v) for k, v in rows if v}


def _expected_balances() -> dict[str, int]:
    """What each COD account's balance must be, from the parcels and hand-ins alone."""
    expected: dict[str, int] = defaultdict(int)
    for courier_id, total in _sum_by(
        CodItem.courier_id, CodItem.amount_fen, CodItem.place == "courier"
    ).items():
        expected[ledger.account("courier_cash", courier_id)] += total
    for station_id, total in _sum_by(
        CodItem.station_id, CodItem.amount_fen, CodItem.place == "station"
    ).items():
        expected[ledger.account("station_cash", station_id)] += total
    for station_id, total in _sum_by(CashHandin.station_id, CashHandin.discrepancy_fen).items():
        expected[ledger.account("station_cash", station_id)] += total
    clearing = _sum_by(sa.literal("cod_clearing"), CodItem.amount_fen, CodItem.place == "clearing")
    expected["cod_clearing"] += clearing.get("cod_clearing", 0)
    payee = CodItem.payee_kind + ":" + CodItem.payee_id
    for owner, total in _sum_by(payee, CodItem.amount_fen, CodItem.place != "remitted").items():
        expected[ledger.account("cod_payable", owner)] -= total
    for courier_id, total in _sum_by(
        CashHandin.courier_id, CashHandin.discrepancy_fen, CashHandin.discrepancy_fen < 0
    ).items():
        expected[ledger.account("cash_shortage", courier_id)] -= total
    for station_id, total in _sum_by(
        CashHandin.station_id, CashHandin.discrepancy_fen, CashHandin.discrepancy_fen > 0
    ).items():
        expected[ledger.account("cash_surplus", station_id)] -= total
    fees = _sum_by(sa.literal("cod_fee_revenue"), Remittance.fee_fen)
    expected["cod_fee_revenue"] -= fees.get("cod_fee_revenue", 0)
    return {key: amount for key, amount in expected.items() if amount}


#: The accounts the COD path alone posts to.
COD_ACCOUNTS = (
    "courier_cash",
    "station_cash",
    "cod_clearing",
    "cod_payable",
    "cash_shortage",
    "cash_surplus",
    "cod_fee_revenue",
)


def _balances() -> Iterable[Finding]:
    expected = _expected_balances()
    actual: dict[str, int] = {}
    for kind in COD_ACCOUNTS:
        actual |= ledger.balances(kind=kind)
    for key in sorted(set(expected) | set(actual)):
        if expected.get(key, 0) != actual.get(key, 0):
            yield Finding(
                "balance_mismatch",
                key,
                f"Ledger {actual.get(key, 0)} fen, parcels say {expected.get(key, 0)} fen.",
            )


def _remittance_totals() -> Iterable[Finding]:
    items = (
        sa.select(
            CodItem.remittance_id,
            sa.func.sum(CodItem.amount_fen).label("gross"),
            sa.func.sum(CodItem.fee_fen).label("fee"),
            sa.func.count().label("n"),
        )
        .group_by(CodItem.remittance_id)
        .subquery()
    )
    stmt = sa.select(Remittance, items.c.gross, items.c.fee, items.c.n).outerjoin(
        items, items.c.remittance_id == Remittance.id
    )
    for remittance, gross, fee, count in db.session.execute(stmt):
        if (
            remittance.gross_fen != (gross or 0)
            or remittance.fee_fen != (fee or 0)
            or remittance.net_fen != remittance.gross_fen - remittance.fee_fen
            or remittance.item_count != (count or 0)
        ):
            yield Finding(
                "remittance_mismatch",
                remittance.id,
                f"Paid {remittance.gross_fen}/{remittance.fee_fen}/{remittance.item_count}, "
                f"parcels add up to {gross or 0}/{fee or 0}/{count or 0}.",
            )
