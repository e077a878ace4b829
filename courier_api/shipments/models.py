"""Shipments (邮件): one item with one waybill, whatever the product."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from courier_api.core.db import Timestamps, UTCDateTime, id_column, uncorrelated
from courier_api.core.ids import ID_LENGTH
from courier_api.core.security import Principal
from courier_api.extensions import db
from courier_api.shipments.pricing import breakdown

#: On the way to the recipient, not yet delivered: a passed promise means it is late.
UNDELIVERED = (
    "created",
    "awaiting_pickup",
    "picked_up",
    "at_station",
    "out_for_delivery",
    "attempt_failed",
)
SHIPMENT_STATES = (*UNDELIVERED, "delivered", "returning", "returned", "cancelled", "lost")

#: Allowed moves of the shipment state machine (DESIGN.md "Core data model").
TRANSITIONS: dict[str, frozenset[str]] = {
    "created": frozenset({"awaiting_pickup", "cancelled"}),
    "awaiting_pickup": frozenset({"picked_up", "cancelled"}),
    "picked_up": frozenset({"at_station", "lost"}),
    "at_station": frozenset({"out_for_delivery", "returning", "lost"}),
    "out_for_delivery": frozenset({"delivered", "attempt_failed", "lost"}),
    "attempt_failed": frozenset({"at_station", "returning", "lost"}),
    "returning": frozenset({"returned", "lost"}),
    "delivered": frozenset(),
    "returned": frozenset(),
    "cancelled": frozenset(),
    "lost": frozenset(),
}
#: What a move of a shipment changes (written set-based for a sync batch).
PROGRESS_COLUMNS = (
    "state",
    "state_changed_at",
    "holder_kind",
    "holder_id",
    "delivered_at",
    "attempts",
    "first_attempt_at",
    "outcome",
    "outcome_at",
)
LIVE_STATES = frozenset(s for s, nxt in TRANSITIONS.items() if nxt)
OWNER_KINDS = ("citizen", "organisation")
NAMED_ROLES = ("addressee", "mother", "father", "driver", "opposing_party", "receiving_clerk")


class ShipmentOwner(db.Model):
    """Who may read a shipment and claim on it (DESIGN.md "Owners")."""

    __tablename__ = "shipment_owners"

    shipment_id: Mapped[str] = mapped_column(
        sa.ForeignKey("shipments.id", ondelete="CASCADE"), primary_key=True
    )
    owner_kind: Mapped[str] = mapped_column(sa.String(16), primary_key=True)
    owner_id: Mapped[str] = mapped_column(sa.String(ID_LENGTH), primary_key=True)

    __table_args__ = (sa.Index("ix_shipment_owners_owner", "owner_kind", "owner_id"),)


class NamedRecipient(db.Model):
    """Who alone may receive (or, for `opposing_party`, who may not sign as a substitute).

    The ID number is kept encrypted, with a keyed hash for matching and a masked form for
    display."""

    __tablename__ = "named_recipients"

    id: Mapped[str] = id_column()
    shipment_id: Mapped[str] = mapped_column(
        sa.ForeignKey("shipments.id", ondelete="CASCADE"), nullable=False, index=True
    )
    role: Mapped[str] = mapped_column(sa.String(24), nullable=False)
    name: Mapped[str] = mapped_column(sa.String(100), nullable=False)
    #: A `proxy`'s relation to the recipient (family, agent, …), as the sender named it.
    relation: Mapped[str | None] = mapped_column(sa.String(32))
    id_hash: Mapped[str | None] = mapped_column(sa.String(64))
    id_encrypted: Mapped[str | None] = mapped_column(sa.String(200))
    id_masked: Mapped[str | None] = mapped_column(sa.String(24))

    #: Read only to learn who owns the name (masking); the shipment is usually loaded.
    shipment: Mapped[Shipment] = relationship(viewonly=True, lazy="select")

    @property
    def kind(self) -> str | None:
        """An addressee is what the recipient is (a court may serve an organisation); any
        other named party is a person (None)."""
        return self.shipment.recipient_kind if self.role == "addressee" else None


class Shipment(Timestamps, db.Model):
    __tablename__ = "shipments"

    id: Mapped[str] = id_column()
    waybill: Mapped[str] = mapped_column(sa.String(13), unique=True, nullable=False)
    product: Mapped[str] = mapped_column(sa.String(32), nullable=False)
    catalogue_version: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    state: Mapped[str] = mapped_column(sa.String(24), nullable=False, index=True)
    state_changed_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    origin_station_id: Mapped[str | None] = mapped_column(sa.ForeignKey("stations.id"), index=True)
    destination_station_id: Mapped[str | None] = mapped_column(
        sa.ForeignKey("stations.id"), index=True
    )
    #: Who holds the item now, as the custody log last recorded it.
    holder_kind: Mapped[str] = mapped_column(sa.String(16), nullable=False)
    holder_id: Mapped[str] = mapped_column(sa.String(ID_LENGTH), nullable=False)
    sender_name: Mapped[str] = mapped_column(sa.String(100), nullable=False)
    sender_phone: Mapped[str] = mapped_column(sa.String(20), nullable=False)
    sender_address: Mapped[str] = mapped_column(sa.String(300), nullable=False)
    sender_lat: Mapped[float] = mapped_column(sa.Float, nullable=False)
    sender_lng: Mapped[float] = mapped_column(sa.Float, nullable=False)
    recipient_name: Mapped[str] = mapped_column(sa.String(100), nullable=False)
    recipient_phone: Mapped[str] = mapped_column(sa.String(20), nullable=False)
    recipient_address: Mapped[str] = mapped_column(sa.String(300), nullable=False)
    recipient_lat: Mapped[float] = mapped_column(sa.Float, nullable=False)
    recipient_lng: Mapped[float] = mapped_column(sa.Float, nullable=False)
    weight_g: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0)
    declared_value_fen: Mapped[int] = mapped_column(sa.BigInteger, nullable=False, default=0)
    insured_amount_fen: Mapped[int] = mapped_column(sa.BigInteger, nullable=False, default=0)
    premium_fen: Mapped[int] = mapped_column(sa.BigInteger, nullable=False, default=0)
    fee_fen: Mapped[int] = mapped_column(sa.BigInteger, nullable=False, default=0)
    cod_amount_fen: Mapped[int] = mapped_column(sa.BigInteger, nullable=False, default=0)
    #: How `fee_fen` was made up, as priced ([{code, amount_fen}]: pricing.PARTS); None on
    #: shipments priced before the lines were kept (their total stands as recorded).
    fee_lines: Mapped[list | None] = mapped_column(sa.JSON(none_as_null=True))
    pin_required: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=False)
    deliver_by: Mapped[datetime | None] = mapped_column(UTCDateTime)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Set by the sweep when `deliver_by` passed without delivery (a flag, not a state).
    overdue_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    attempts: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0)
    #: When the first counted delivery attempt happened (by the handheld's clock), for
    #: products whose attempts end after a window: kept here with the count, so a door
    #: action reads it with the shipment it locks instead of aggregating the attempts.
    first_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: What the recipient is where the product's rules depend on it (who may sign as a
    #: substitute) or where it is an institution (an office receiving an archive):
    #: "person" or "organisation"; None counts as a person. Masking reads it too.
    recipient_kind: Mapped[str | None] = mapped_column(sa.String(16))
    #: "organisation" when the sender is an institution's desk (a hospital's pharmacy, a
    #: court's office), whose name is not masked; None: a person.
    sender_kind: Mapped[str | None] = mapped_column(sa.String(16))
    #: The kind of document where the product's outcomes depend on it (court: "mediation",
    #: which may not be served by lodging, or "other").
    document_class: Mapped[str | None] = mapped_column(sa.String(24))
    #: The product's named result (court: served, served_by_lodging, refused,
    #: undeliverable) and when it happened (the service date); None for other products.
    outcome: Mapped[str | None] = mapped_column(sa.String(24), index=True)
    outcome_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: The sealed bag's number, recorded by the sender (archive transfers) or else at the
    #: first hand-over of a sealed product; every hand-over and the delivery must carry it.
    seal_no: Mapped[str | None] = mapped_column(sa.String(40))
    #: The pickup order it was collected under, for on-demand pickups.
    pickup_order_id: Mapped[str | None] = mapped_column(sa.String(ID_LENGTH), index=True)
    #: Ordered by a sandbox caller: carried by the robo-courier, in no report, round or
    #: board, and shown to no live caller (docs/integrators/sandbox.md).
    sandbox: Mapped[bool] = mapped_column(
        sa.Boolean, nullable=False, default=False, server_default=sa.false()
    )

    owners: Mapped[list[ShipmentOwner]] = relationship(cascade="all, delete-orphan", lazy="select")
    named_recipients: Mapped[list[NamedRecipient]] = relationship(
        cascade="all, delete-orphan", lazy="select", order_by="NamedRecipient.id"
    )

    __table_args__ = (
        sa.CheckConstraint(
            "insured_amount_fen <= declared_value_fen OR declared_value_fen = 0",
            name="insured_within_declared",
        ),
    )

    @property
    def price(self) -> dict[str, Any]:
        """The price by part as charged (base, premium, PIN, COD fee) with its lines."""
        return breakdown(self.fee_lines, self.fee_fen, self.premium_fen)

    @property
    def options(self) -> dict[str, Any]:
        """The options the sender chose, as priced."""
        return {
            "declared_value_fen": self.declared_value_fen,
            "insured_amount_fen": self.insured_amount_fen,
            "pin_sign_off": self.pin_required,
            "cod_amount_fen": self.cod_amount_fen,
        }

    @property
    def owner_keys(self) -> list[tuple[str, str]]:
        return [(owner.owner_kind, owner.owner_id) for owner in self.owners]

    @classmethod
    def visible_to(cls, caller: Principal) -> sa.ColumnElement[bool]:
        """Owners; staff who work on shipments (admins, adjusters, dispatchers of a station
        the item passes through)."""
        # Sandbox items are shown to sandbox callers only, live ones to live callers only.
        return sa.and_(cls.sandbox.is_(caller.sandbox), cls._reachable_by(caller))

    @classmethod
    def _reachable_by(cls, caller: Principal) -> sa.ColumnElement[bool]:
        if caller.role in ("admin", "claims_adjuster"):
            return sa.true()
        if caller.role == "dispatcher":
            stations = sorted(caller.station_ids)
            return sa.or_(
                cls.origin_station_id.in_(stations), cls.destination_station_id.in_(stations)
            )
        if caller.role == "citizen":
            owner = ("citizen", caller.id)
        elif caller.role in ("org_clerk", "api_client") and caller.org_id:
            owner = ("organisation", caller.org_id)
        else:
            return sa.false()
        return sa.exists().where(
            ShipmentOwner.shipment_id == cls.id,
            ShipmentOwner.owner_kind == owner[0],
            ShipmentOwner.owner_id == owner[1],
        )


def of_callers_kind(shipment_id: sa.ColumnElement, caller: Principal) -> sa.ColumnElement[bool]:
    """An order over this shipment is the caller's kind: sandbox for a sandbox caller, live
    for a live one (the other kind is not there for them)."""
    inner = uncorrelated(Shipment)
    return sa.exists().where(inner.id == shipment_id, inner.sandbox.is_(caller.sandbox))


class WaybillSequence(db.Model):
    """The next serial per waybill prefix; allocation is one UPDATE ... RETURNING, so
    workers never hand out the same number."""

    __tablename__ = "waybill_sequences"

    prefix: Mapped[str] = mapped_column(sa.String(2), primary_key=True)
    next_serial: Mapped[int] = mapped_column(sa.BigInteger, nullable=False)
