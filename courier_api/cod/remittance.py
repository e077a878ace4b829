"""The daily remittance run: pay each sender the COD handed in (or paid electronically)
by the day's cut-off, net of the fee where the catalogue says so. No Flask; never
commits.

Idempotent twice over: a run is one row per business day (a second run of the day, or a
concurrent one, finds it and pays nothing), and a parcel's money is claimed by one
conditional UPDATE (`remittance_id IS NULL`), so no parcel is paid twice whatever runs.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from courier_api.cod.models import CodItem, Remittance, RemittanceRun
from courier_api.core import clock
from courier_api.core.ids import new_id
from courier_api.core.outbox import emit_rows, event_row, owner_audience
from courier_api.core.pg import insert_rows, update_rows
from courier_api.extensions import db
from courier_api.ledger import service as ledger
from courier_api.shipments.models import Shipment

REMITTED = "cod.remitted"


def due_business_date(now: datetime, cutoff: time, zone: ZoneInfo) -> date:
    """The latest business day whose cut-off has passed (today after it, else yesterday),
    so a run missed while the worker was down is made up at its next start."""
    local = now.astimezone(zone)
    return local.date() if local.time() >= cutoff else local.date() - timedelta(days=1)


def cutoff_at(day: date, cutoff: time, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, cutoff, zone)


def _due(cutoff: datetime) -> sa.ColumnElement[bool]:
    """Money the network holds by the cut-off and has not paid out."""
    return sa.and_(
        CodItem.remittance_id.is_(None),
        sa.or_(
            sa.and_(CodItem.place == "station", CodItem.handed_in_at <= cutoff),
            sa.and_(CodItem.place == "clearing", CodItem.collected_at <= cutoff),
        ),
    )


def run(*, business_date: date, cutoff: datetime) -> RemittanceRun | None:
    """Remit what is due at `cutoff` for `business_date`; None when the day has run."""
    now = clock.now()
    day = RemittanceRun(
        id=new_id("rrn"), business_date=business_date, cutoff_at=cutoff, started_at=now
    )
    try:
        with db.session.begin_nested():
            db.session.add(day)
    except sa.exc.IntegrityError:
        return None
    payees = db.session.execute(
        sa.select(CodItem.payee_kind, CodItem.payee_id)
        .where(_due(cutoff))
        .group_by(CodItem.payee_kind, CodItem.payee_id)
        .order_by(CodItem.payee_kind, CodItem.payee_id)
    ).all()
    if not payees:
        return day
    remittances = [
        {
            "id": new_id("rem"),
            "run_id": day.id,
            "reference": f"COD{business_date:%Y%m%d}-{n:05d}",
            "payee_kind": kind,
            "payee_id": payee_id,
            "gross_fen": 0,
            "fee_fen": 0,
            "net_fen": 0,
            "item_count": 0,
            "transaction_id": "",
            "created_at": now,
        }
        for n, (kind, payee_id) in enumerate(payees, start=1)
    ]
    insert_rows(Remittance.__table__, remittances)
    _claim_items(day.id, cutoff, now)
    _settle(day, remittances)
    db.session.flush()
    return day


def _claim_items(run_id: str, cutoff: datetime, now: datetime) -> None:
    """Give each due parcel of a payee this run has a remittance for to that remittance
    (one UPDATE ... FROM)."""
    db.session.execute(
        sa.update(CodItem)
        .where(
            _due(cutoff),
            Remittance.run_id == run_id,
            Remittance.payee_kind == CodItem.payee_kind,
            Remittance.payee_id == CodItem.payee_id,
        )
        .values(remittance_id=Remittance.id, place="remitted", remitted_at=now)
        .execution_options(synchronize_session=False)
    )


def _settle(day: RemittanceRun, remittances: list[dict]) -> None:
    """Total what each remittance took, post it, and tell the senders."""
    sums = db.session.execute(
        sa.select(
            CodItem.remittance_id,
            CodItem.station_id,
            sa.func.sum(CodItem.amount_fen),
            sa.func.sum(CodItem.fee_fen),
            sa.func.count(),
        )
        .join(Remittance, Remittance.id == CodItem.remittance_id)
        .where(Remittance.run_id == day.id)
        .group_by(CodItem.remittance_id, CodItem.station_id)
    ).all()
    by_remittance: dict[str, list] = defaultdict(list)
    for remittance_id, station_id, amount, fee, count in sums:
        by_remittance[remittance_id].append((station_id, int(amount), int(fee), count))
    paid, entries, events, empty = [], [], [], []
    for remittance in remittances:
        parts = by_remittance.get(remittance["id"])
        if not parts:
            empty.append(remittance["id"])  # its parcels went to another run meanwhile
            continue
        gross = sum(amount for _, amount, _, _ in parts)
        fee = sum(fee for _, _, fee, _ in parts)
        remittance |= {
            "gross_fen": gross,
            "fee_fen": fee,
            "net_fen": gross - fee,
            "item_count": sum(count for *_, count in parts),
        }
        entries.append(_entry(remittance, parts))
        paid.append(remittance)
    for remittance, txn_id in zip(paid, ledger.post_many(entries), strict=True):
        remittance["transaction_id"] = txn_id
        events.append(_remitted_event(remittance, day))
    update_rows(
        Remittance.__table__,
        "id",
        [
            {
                k: r[k]
                for k in ("id", "gross_fen", "fee_fen", "net_fen", "item_count", "transaction_id")
            }
            for r in paid
        ],
    )
    if empty:
        db.session.execute(sa.delete(Remittance).where(Remittance.id.in_(empty)))
    emit_rows(events)
    day.remittance_count = len(paid)
    day.item_count = sum(r["item_count"] for r in paid)
    day.net_fen = sum(r["net_fen"] for r in paid)


def _entry(remittance: dict, parts: list) -> ledger.Entry:
    """The sender is owed nothing more of it; the cash leaves the stations (or the clearing
    account); the fee kept stays in the network's bank as revenue."""
    payable = ledger.account("cod_payable", f"{remittance['payee_kind']}:{remittance['payee_id']}")
    postings = [(payable, remittance["gross_fen"])]
    for station_id, amount, _, _ in parts:
        source = ledger.account("station_cash", station_id) if station_id else "cod_clearing"
        postings.append((source, -amount))
    if remittance["fee_fen"]:
        postings += [
            ("network_bank", remittance["fee_fen"]),
            ("cod_fee_revenue", -remittance["fee_fen"]),
        ]
    return ledger.Entry(
        "cod_remitted", "cod_remittance", remittance["id"], postings, memo=remittance["reference"]
    )


def _remitted_event(remittance: dict, day: RemittanceRun) -> dict:
    return event_row(
        REMITTED,
        subject_type="cod_remittance",
        subject_id=remittance["id"],
        payload={
            "remittance_id": remittance["id"],
            "reference": remittance["reference"],
            "business_date": day.business_date.isoformat(),
            "gross_fen": remittance["gross_fen"],
            "fee_fen": remittance["fee_fen"],
            "net_fen": remittance["net_fen"],
            "item_count": remittance["item_count"],
            "currency": "CNY",
        },
        **owner_audience(remittance["payee_kind"], remittance["payee_id"]),
    )


# --- the statement ------------------------------------------------------------------------

STATEMENT_COLUMNS = (
    "reference",
    "waybill",
    "delivered_at",
    "method",
    "amount_fen",
    "fee_fen",
    "net_fen",
)


def statement_csv(remittance: Remittance) -> str:
    """One line per parcel the remittance paid, then the totals."""
    rows = db.session.execute(
        sa.select(
            Shipment.waybill,
            CodItem.collected_at,
            CodItem.method,
            CodItem.amount_fen,
            CodItem.fee_fen,
        )
        .join(Shipment, Shipment.id == CodItem.shipment_id)
        .where(CodItem.remittance_id == remittance.id)
        .order_by(Shipment.waybill)
    ).all()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(STATEMENT_COLUMNS)
    for waybill, collected_at, method, amount, fee in rows:
        writer.writerow(
            [
                remittance.reference,
                waybill,
                clock.to_rfc3339(collected_at),
                method,
                amount,
                fee,
                amount - fee,
            ]
        )
    writer.writerow(
        [
            remittance.reference,
            "TOTAL",
            "",
            "",
            remittance.gross_fen,
            remittance.fee_fen,
            remittance.net_fen,
        ]
    )
    return out.getvalue()


def remit_due(*, cutoff: time, business_date: date | None = None) -> RemittanceRun | None:
    """The run of `business_date` (default: the latest day whose cut-off has passed), once."""
    zone = clock.business_zone()
    day = business_date or due_business_date(clock.now(), cutoff, zone)
    return run(business_date=day, cutoff=cutoff_at(day, cutoff, zone))
