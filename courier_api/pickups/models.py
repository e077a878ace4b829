"""Quotes and pickup orders."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from courier_api.core.db import Timestamps, UTCDateTime, id_column
from courier_api.core.ids import ID_LENGTH
from courier_api.core.security import Principal
from courier_api.extensions import db
from courier_api.tasks.models import task_of_callers_kind

ORDER_STATES = ("open", "picked_up", "partly_picked_up", "cancelled")


def _requester_scope(cls, caller: Principal) -> sa.ColumnElement[bool]:
    if caller.role == "admin":
        return sa.true()
    if caller.role == "citizen":
        return sa.and_(cls.requester_kind == "citizen", cls.requester_id == caller.id)
    if caller.role in ("org_clerk", "api_client") and caller.org_id:
        return cls.organisation_id == caller.org_id
    if caller.role == "dispatcher":
        return cls.origin_station_id.in_(sorted(caller.station_ids))
    return sa.false()


class Quote(db.Model):
    """A priced offer valid for 15 minutes; an order may be placed from it once."""

    __tablename__ = "quotes"

    id: Mapped[str] = id_column()
    requester_kind: Mapped[str] = mapped_column(sa.String(16), nullable=False)
    requester_id: Mapped[str] = mapped_column(sa.String(ID_LENGTH), nullable=False, index=True)
    organisation_id: Mapped[str | None] = mapped_column(sa.String(ID_LENGTH))
    origin_station_id: Mapped[str] = mapped_column(sa.ForeignKey("stations.id"), nullable=False)
    catalogue_version: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    #: The request as given (coordinates already WGS-84) and the answer, to order from.
    request: Mapped[dict] = mapped_column(sa.JSON, nullable=False)
    answer: Mapped[dict] = mapped_column(sa.JSON, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    used_by_order_id: Mapped[str | None] = mapped_column(sa.String(ID_LENGTH))

    @classmethod
    def visible_to(cls, caller: Principal) -> sa.ColumnElement[bool]:
        return _requester_scope(cls, caller)


class PickupOrder(Timestamps, db.Model):
    """What a sender asked for: one pickup task and 1..n shipments."""

    __tablename__ = "pickup_orders"

    id: Mapped[str] = id_column()
    requester_kind: Mapped[str] = mapped_column(sa.String(16), nullable=False)
    requester_id: Mapped[str] = mapped_column(sa.String(ID_LENGTH), nullable=False, index=True)
    organisation_id: Mapped[str | None] = mapped_column(sa.String(ID_LENGTH), index=True)
    product: Mapped[str] = mapped_column(sa.String(32), nullable=False)
    state: Mapped[str] = mapped_column(sa.String(24), nullable=False)
    origin_station_id: Mapped[str] = mapped_column(
        sa.ForeignKey("stations.id"), nullable=False, index=True
    )
    task_id: Mapped[str] = mapped_column(sa.ForeignKey("tasks.id"), nullable=False)
    quote_id: Mapped[str | None] = mapped_column(sa.String(ID_LENGTH))
    pickup_name: Mapped[str] = mapped_column(sa.String(100), nullable=False)
    pickup_phone: Mapped[str] = mapped_column(sa.String(20), nullable=False)
    pickup_address: Mapped[str] = mapped_column(sa.String(300), nullable=False)
    pickup_lat: Mapped[float] = mapped_column(sa.Float, nullable=False)
    pickup_lng: Mapped[float] = mapped_column(sa.Float, nullable=False)
    promise_start: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    pickup_by: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    #: The 1-hour promise could not be kept when ordered: `pickup_by` is the honest later
    #: time the sender accepted (the SLA report counts these apart).
    promised_beyond_hour: Mapped[bool] = mapped_column(
        sa.Boolean, nullable=False, default=False, server_default=sa.false()
    )
    total_fee_fen: Mapped[int] = mapped_column(sa.BigInteger, nullable=False)
    cancel_fee_fen: Mapped[int] = mapped_column(sa.BigInteger, nullable=False, default=0)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    task = relationship("Task", lazy="joined")
    shipments = relationship(
        "Shipment",
        primaryjoin="PickupOrder.id == foreign(Shipment.pickup_order_id)",
        order_by="Shipment.id",
        lazy="selectin",
        viewonly=True,
    )

    @classmethod
    def visible_to(cls, caller: Principal) -> sa.ColumnElement[bool]:
        return sa.and_(_requester_scope(cls, caller), task_of_callers_kind(cls.task_id, caller))
