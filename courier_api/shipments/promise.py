"""The delivery promise, watched (主动发现逾限邮件): shipments past `deliver_by` without
delivery are flagged overdue, listed for dispatchers and their owners told; the
time-limit achievement rate (时限达成率) is reported per station, product and period.
No Flask; never commits."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from courier_api.core import clock
from courier_api.core.clock import period_bounds
from courier_api.extensions import db
from courier_api.shipments.models import UNDELIVERED, Shipment
from courier_api.shipments.service import tell_owners


def sweep_overdue(now: datetime | None = None, limit: int = 1000) -> int:
    """Flag shipments whose promise has lapsed; each owner is told once (outbox)."""
    now = now or clock.now()
    lapsed = db.session.scalars(
        sa.select(Shipment)
        .where(
            Shipment.deliver_by < now,
            Shipment.overdue_at.is_(None),
            Shipment.state.in_(UNDELIVERED),
        )
        .limit(limit)
        .with_for_update(skip_locked=True, of=Shipment)
    ).all()
    for shipment in lapsed:
        shipment.overdue_at = now
        tell_owners(
            shipment,
            "shipment.overdue",
            deliver_by=clock.to_rfc3339(shipment.deliver_by),
            state=shipment.state,
        )
    db.session.flush()
    return len(lapsed)


def overdue_for(station_ids: list[str] | None) -> sa.Select:
    """Overdue shipments still undelivered (of these stations, origin or destination). A
    sandbox item's owner hears it is overdue (the sweep), no dispatcher does."""
    stmt = sa.select(Shipment).where(
        Shipment.overdue_at.is_not(None),
        Shipment.state.in_(UNDELIVERED),
        Shipment.sandbox.is_(False),
    )
    if station_ids is not None:
        stmt = stmt.where(
            sa.or_(
                Shipment.origin_station_id.in_(station_ids),
                Shipment.destination_station_id.in_(station_ids),
            )
        )
    return stmt


def delivery_report(
    *,
    station_ids: list[str] | None,
    product: str | None,
    day: date,
    period: str,
    zone: ZoneInfo,
) -> dict[str, Any]:
    """Shipments whose promise fell in the period, per destination station and product."""
    start, end = period_bounds(day, period, zone)
    now = clock.now()
    on_time = sa.and_(
        Shipment.delivered_at.is_not(None), Shipment.delivered_at <= Shipment.deliver_by
    )
    pending = sa.and_(Shipment.delivered_at.is_(None), Shipment.deliver_by >= now)
    stmt = (
        sa.select(
            Shipment.destination_station_id.label("station_id"),
            Shipment.product,
            sa.func.count().label("promises"),
            sa.func.sum(sa.case((on_time, 1), else_=0)).label("on_time"),
            sa.func.sum(sa.case((pending, 1), else_=0)).label("pending"),
        )
        .where(
            Shipment.deliver_by >= start,
            Shipment.deliver_by < end,
            Shipment.state.not_in(("cancelled",)),
            Shipment.sandbox.is_(False),
        )
        .group_by(Shipment.destination_station_id, Shipment.product)
        .order_by(Shipment.destination_station_id, Shipment.product)
    )
    if station_ids is not None:
        stmt = stmt.where(Shipment.destination_station_id.in_(station_ids))
    if product:
        stmt = stmt.where(Shipment.product == product)
    rows = []
    for row in db.session.execute(stmt):
        late = row.promises - row.on_time - row.pending
        decided = row.on_time + late
        rows.append(
            {
                "station_id": row.station_id,
                "product": row.product,
                "promises": row.promises,
                "on_time": row.on_time,
                "late": late,
                "pending": row.pending,
                "achievement_rate": round(row.on_time / decided, 4) if decided else None,
            }
        )
    return {"period": period, "from": start, "to": end, "rows": rows}
