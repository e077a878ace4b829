"""What people see of the COD money: a sender's totals, the staff's cash positions with
their age, and the report of delivery-to-remittance time and discrepancies. No Flask;
reads only."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from statistics import median
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from courier_api.cod.models import CashHandin, CodItem
from courier_api.core import clock
from courier_api.core.scoping import station_scope
from courier_api.core.security import Principal
from courier_api.extensions import db
from courier_api.identity.models import Courier

#: Age bands of money not yet handed in or remitted, in hours since it was taken.
AGE_BANDS = (("under_24h", 0, 24), ("from_24h_to_48h", 24, 48), ("over_48h", 48, None))


def sender_totals(caller: Principal) -> dict[str, int]:
    """The caller's COD as a sender: collected, where it is, remitted, still owed."""
    kind, owner_id = caller.owner
    rows = db.session.execute(
        sa.select(CodItem.place, sa.func.sum(CodItem.amount_fen), sa.func.count())
        .where(CodItem.payee_kind == kind, CodItem.payee_id == owner_id)
        .group_by(CodItem.place)
    ).all()
    by_place = {place: (int(total), count) for place, total, count in rows}
    amount = {
        place: by_place.get(place, (0, 0))[0]
        for place in ("courier", "clearing", "station", "remitted")
    }
    collected = sum(amount.values())
    return {
        "collected_fen": collected,
        "parcel_count": sum(count for _, count in by_place.values()),
        "with_couriers_fen": amount["courier"],
        "handed_in_fen": amount["station"] + amount["clearing"],
        "remitted_fen": amount["remitted"],
        "outstanding_fen": collected - amount["remitted"],
    }


def _aged(taken_at: sa.ColumnElement, now: datetime) -> list[sa.ColumnElement]:
    columns = []
    for name, low, high in AGE_BANDS:
        condition = taken_at <= now - timedelta(hours=low)
        if high is not None:
            condition = sa.and_(condition, taken_at > now - timedelta(hours=high))
        columns.append(
            sa.func.coalesce(
                sa.func.sum(sa.case((condition, CodItem.amount_fen), else_=0)), 0
            ).label(name)
        )
    return columns


def cash_positions(caller: Principal) -> dict[str, Any]:
    """Cash in couriers' hands (not yet handed in) and in stations' safes (not yet
    remitted), with its age, for the stations the caller works at (admins: all)."""
    now = clock.now()
    in_hand = sa.and_(
        CodItem.place == "courier", station_scope(Courier.station_id, caller, _nobody)
    )
    in_safe = sa.and_(
        CodItem.place == "station", station_scope(CodItem.station_id, caller, _nobody)
    )
    return {
        "as_of": now,
        "couriers": _positions(
            {"courier_id": CodItem.courier_id, "station_id": Courier.station_id},
            CodItem.collected_at,
            in_hand,
            now,
        ),
        "stations": _positions(
            {"station_id": CodItem.station_id}, CodItem.handed_in_at, in_safe, now
        ),
    }


def _positions(
    keys: dict[str, sa.ColumnElement], taken_at: sa.ColumnElement, where: Any, now: datetime
) -> list[dict[str, Any]]:
    """Money by `keys`: parcels, amount, the oldest, and its age bands."""
    stmt = (
        sa.select(
            *keys.values(),
            sa.func.count(),
            sa.func.sum(CodItem.amount_fen),
            sa.func.min(taken_at),
            *_aged(taken_at, now),
        )
        .join(Courier, Courier.id == CodItem.courier_id)
        .where(where)
        .group_by(*keys.values())
        .order_by(*keys.values())
    )
    bands = [name for name, _, _ in AGE_BANDS]
    positions = []
    for row in db.session.execute(stmt):
        named = dict(zip(keys, row, strict=False))
        count, amount, oldest, *aged = row[len(keys) :]
        positions.append(
            {
                **named,
                "parcel_count": count,
                "amount_fen": int(amount),
                "oldest_at": oldest,
                "ageing": dict(zip(bands, map(int, aged), strict=True)),
            }
        )
    return positions


def _nobody(_: Principal) -> sa.ColumnElement[bool]:
    return sa.false()


def discrepancies(*, caller: Principal, station_id: str | None = None) -> sa.Select:
    """Hand-ins whose count differed from what was collected, newest first."""
    stmt = sa.select(CashHandin).where(
        CashHandin.discrepancy_fen != 0, CashHandin.visible_to(caller)
    )
    return stmt.where(CashHandin.station_id == station_id) if station_id else stmt


def report(*, first_day: date, last_day: date, zone: ZoneInfo) -> dict[str, Any]:
    """COD taken between two business days: how long it took to reach the sender against
    the T+1 target (paid by the end of the business day after it was taken), and the
    hand-ins that did not count up."""
    start, end = clock.days_bounds(first_day, last_day, zone)
    rows = db.session.execute(
        sa.select(CodItem.collected_at, CodItem.remitted_at, CodItem.amount_fen).where(
            CodItem.collected_at >= start, CodItem.collected_at < end
        )
    ).all()
    hours, within = [], 0
    for collected_at, remitted_at, _ in rows:
        if remitted_at is None:
            continue
        hours.append((remitted_at - collected_at).total_seconds() / 3600)
        target = collected_at.astimezone(zone).date() + timedelta(days=1)
        within += remitted_at.astimezone(zone).date() <= target
    handins = db.session.execute(
        sa.select(
            sa.func.count(),
            sa.func.coalesce(
                sa.func.sum(
                    sa.case((CashHandin.discrepancy_fen < 0, -CashHandin.discrepancy_fen), else_=0)
                ),
                0,
            ),
            sa.func.coalesce(
                sa.func.sum(
                    sa.case((CashHandin.discrepancy_fen > 0, CashHandin.discrepancy_fen), else_=0)
                ),
                0,
            ),
        ).where(
            CashHandin.created_at >= start,
            CashHandin.created_at < end,
            CashHandin.discrepancy_fen != 0,
        )
    ).one()
    return {
        "from_": first_day,
        "to": last_day,
        "collected_count": len(rows),
        "collected_fen": sum(int(amount) for *_, amount in rows),
        "remitted_count": len(hours),
        "median_hours_to_remittance": round(median(hours), 1) if hours else None,
        "max_hours_to_remittance": round(max(hours), 1) if hours else None,
        "within_t_plus_1_count": within,
        "within_t_plus_1_share": round(within / len(hours), 4) if hours else None,
        "discrepancy_count": handins[0],
        "shortage_fen": int(handins[1]),
        "surplus_fen": int(handins[2]),
    }
