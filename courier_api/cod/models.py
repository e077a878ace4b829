"""What the COD path keeps beside the ledger: where each collected parcel's money is, the
hand-ins at stations, the daily runs and the remittances they paid."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from courier_api.core.db import UTCDateTime, id_column
from courier_api.core.ids import ID_LENGTH
from courier_api.core.scoping import station_scope
from courier_api.core.security import Principal
from courier_api.extensions import db

#: Where a collected parcel's money is: in the courier's hand (cash), in the network's
#: clearing account (paid electronically at the door), in a station's safe (handed in),
#: or paid to the sender.
PLACES = ("courier", "clearing", "station", "remitted")
#: Electronic payments at the door reach the network's account, not the courier's hand.
CASH = "cash"


class CodItem(db.Model):
    """One delivered COD parcel's money: at most one per shipment."""

    __tablename__ = "cod_items"

    shipment_id: Mapped[str] = mapped_column(sa.ForeignKey("shipments.id"), primary_key=True)
    #: Who is paid: the shipment's sender as an owner key ("organisation", "org_…").
    payee_kind: Mapped[str] = mapped_column(sa.String(16), nullable=False)
    payee_id: Mapped[str] = mapped_column(sa.String(ID_LENGTH), nullable=False)
    amount_fen: Mapped[int] = mapped_column(sa.BigInteger, nullable=False)
    #: The COD fee kept from the remittance (0 where the catalogue bills it with postage).
    fee_fen: Mapped[int] = mapped_column(sa.BigInteger, nullable=False)
    method: Mapped[str] = mapped_column(sa.String(16), nullable=False)
    courier_id: Mapped[str] = mapped_column(sa.String(ID_LENGTH), nullable=False)
    collected_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    place: Mapped[str] = mapped_column(
        sa.Enum(*PLACES, name="cod_place", native_enum=False), nullable=False
    )
    station_id: Mapped[str | None] = mapped_column(sa.String(ID_LENGTH))
    handin_id: Mapped[str | None] = mapped_column(sa.ForeignKey("cod_handins.id"))
    handed_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    remittance_id: Mapped[str | None] = mapped_column(sa.ForeignKey("cod_remittances.id"))
    remitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (
        sa.CheckConstraint("amount_fen > 0", name="cod_amount_positive"),
        sa.Index("ix_cod_items_place_courier", "place", "courier_id"),
        sa.Index("ix_cod_items_payee", "payee_kind", "payee_id"),
        sa.Index("ix_cod_items_remittance", "remittance_id"),
        sa.Index("ix_cod_items_handin", "handin_id"),
    )


class CashHandin(db.Model):
    """A courier's cash counted in at a station (交款), against the parcels it covers."""

    __tablename__ = "cod_handins"

    id: Mapped[str] = id_column()
    station_id: Mapped[str] = mapped_column(sa.ForeignKey("stations.id"), nullable=False)
    courier_id: Mapped[str] = mapped_column(sa.ForeignKey("couriers.id"), nullable=False)
    recorded_by: Mapped[str] = mapped_column(sa.String(ID_LENGTH), nullable=False)
    expected_fen: Mapped[int] = mapped_column(sa.BigInteger, nullable=False)
    counted_fen: Mapped[int] = mapped_column(sa.BigInteger, nullable=False)
    #: counted - expected: negative a shortage, positive a surplus.
    discrepancy_fen: Mapped[int] = mapped_column(sa.BigInteger, nullable=False)
    reason: Mapped[str | None] = mapped_column(sa.String(300))
    item_count: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    transaction_id: Mapped[str] = mapped_column(sa.String(ID_LENGTH), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, index=True)

    __table_args__ = (sa.Index("ix_cod_handins_station", "station_id", "created_at"),)

    @classmethod
    def visible_to(cls, caller: Principal) -> sa.ColumnElement[bool]:
        """Admins; dispatchers of the station; a courier their own."""
        return station_scope(cls.station_id, caller, lambda c: cls.courier_id == c.id)


class RemittanceRun(db.Model):
    """One day's remittance run: at most one per business day, so a second run pays nothing."""

    __tablename__ = "cod_remittance_runs"

    id: Mapped[str] = id_column()
    business_date: Mapped[date] = mapped_column(sa.Date, nullable=False, unique=True)
    #: Parcels handed in (or paid electronically) up to this instant are paid.
    cutoff_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    remittance_count: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0)
    item_count: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0)
    net_fen: Mapped[int] = mapped_column(sa.BigInteger, nullable=False, default=0)


class Remittance(db.Model):
    """What one run paid one sender, with the reference the bank transfer carries."""

    __tablename__ = "cod_remittances"

    id: Mapped[str] = id_column()
    run_id: Mapped[str] = mapped_column(
        sa.ForeignKey("cod_remittance_runs.id"), nullable=False, index=True
    )
    reference: Mapped[str] = mapped_column(sa.String(40), nullable=False, unique=True)
    payee_kind: Mapped[str] = mapped_column(sa.String(16), nullable=False)
    payee_id: Mapped[str] = mapped_column(sa.String(ID_LENGTH), nullable=False)
    gross_fen: Mapped[int] = mapped_column(sa.BigInteger, nullable=False)
    fee_fen: Mapped[int] = mapped_column(sa.BigInteger, nullable=False)
    net_fen: Mapped[int] = mapped_column(sa.BigInteger, nullable=False)
    item_count: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    transaction_id: Mapped[str] = mapped_column(sa.String(ID_LENGTH), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)

    __table_args__ = (sa.Index("ix_cod_remittances_payee", "payee_kind", "payee_id", "id"),)

    @classmethod
    def visible_to(cls, caller: Principal) -> sa.ColumnElement[bool]:
        """Admins see every remittance; a sender (citizen, or its organisation's clerks and
        API clients) only its own."""
        if caller.role == "admin":
            return sa.true()
        if caller.role in ("citizen", "org_clerk", "api_client"):
            kind, owner_id = caller.owner
            return sa.and_(cls.payee_kind == kind, cls.payee_id == owner_id)
        return sa.false()
