"""Delivery attempts and their proof. Personal data (who signed, ID numbers) lives here,
where it can be deleted on schedule; the custody log keeps only references and hashes."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from courier_api.core.db import UTCDateTime, id_column
from courier_api.core.ids import ID_LENGTH
from courier_api.extensions import db

ATTEMPT_OUTCOMES = ("delivered", "failed", "refused", "returned")
FAILURE_REASONS = (
    "nobody_home",
    "address_not_found",
    "moved",
    "refused",
    "recipient_unreachable",
    "reschedule_requested",
    "access_denied",
    "damaged",
    "other",
)
CASH_METHODS = ("cash", "wechat_pay", "alipay", "card")


class DeliveryAttempt(db.Model):
    """One visit to the door with one shipment: delivered, failed (with its reason) or
    refused. The shipment's `attempts` counts the delivery attempts."""

    __tablename__ = "delivery_attempts"

    id: Mapped[str] = id_column()
    shipment_id: Mapped[str] = mapped_column(
        sa.ForeignKey("shipments.id"), nullable=False, index=True
    )
    task_id: Mapped[str] = mapped_column(sa.ForeignKey("tasks.id"), nullable=False, index=True)
    courier_id: Mapped[str] = mapped_column(sa.String(ID_LENGTH), nullable=False)
    #: 1, 2, … for delivery attempts; 0 for the return to the sender.
    number: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    outcome: Mapped[str] = mapped_column(sa.String(16), nullable=False)
    reason_code: Mapped[str | None] = mapped_column(sa.String(32))
    note: Mapped[str | None] = mapped_column(sa.String(500))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    lat: Mapped[float | None] = mapped_column(sa.Float)
    lng: Mapped[float | None] = mapped_column(sa.Float)
    #: A phone call to the recipient (not an attempt in itself): when, and whether it reached.
    phone_called_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    phone_reached: Mapped[bool | None] = mapped_column(sa.Boolean)
    #: What happens next: "retry" (back to the station) or "return" (to the sender).
    next_step: Mapped[str | None] = mapped_column(sa.String(16))

    proof: Mapped[DeliveryProof | None] = relationship(
        lazy="selectin", uselist=False, viewonly=True
    )

    __table_args__ = (sa.UniqueConstraint("task_id", "shipment_id"),)


class DeliveryProof(db.Model):
    """What the door gave: who received (or refused) and the evidence."""

    __tablename__ = "delivery_proofs"

    id: Mapped[str] = id_column()
    attempt_id: Mapped[str] = mapped_column(
        sa.ForeignKey("delivery_attempts.id"), nullable=False, unique=True
    )
    shipment_id: Mapped[str] = mapped_column(
        sa.ForeignKey("shipments.id"), nullable=False, index=True
    )
    receiver_name: Mapped[str | None] = mapped_column(sa.String(100))
    #: "self", or a substitute's relation to the addressee.
    relation: Mapped[str | None] = mapped_column(sa.String(32))
    #: The named recipient's role the receiver matched (mother, addressee, …).
    named_role: Mapped[str | None] = mapped_column(sa.String(24))
    id_hash: Mapped[str | None] = mapped_column(sa.String(64))
    id_encrypted: Mapped[str | None] = mapped_column(sa.String(200))
    id_masked: Mapped[str | None] = mapped_column(sa.String(24))
    signature_sha256: Mapped[str | None] = mapped_column(sa.String(64))
    signature_png_sha256: Mapped[str | None] = mapped_column(sa.String(64))
    photo_sha256: Mapped[str | None] = mapped_column(sa.String(64))
    pin_verified: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=False)
    cash_amount_fen: Mapped[int | None] = mapped_column(sa.BigInteger)
    cash_method: Mapped[str | None] = mapped_column(sa.String(16))
    refusal_reason: Mapped[str | None] = mapped_column(sa.String(300))
    witness_name: Mapped[str | None] = mapped_column(sa.String(100))
    witness_affiliation: Mapped[str | None] = mapped_column(sa.String(100))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
