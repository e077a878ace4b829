"""PIN sign-off (密码签收): the current PIN of each shipment that needs one."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from courier_api.core.db import UTCDateTime
from courier_api.extensions import db

#: Wrong tries after which a PIN is locked (DESIGN.md "PIN sign-off").
MAX_TRIES = 5
#: New PINs a shipment may be sent after the first one (besides the rate limit).
MAX_RESENDS = 3


class DeliveryPin(db.Model):
    """One row per shipment: the PIN of its current delivery attempt, as a keyed hash only.

    The key lives outside the database (HASH_KEY), so a copy of this table does not let
    anyone try the million PINs offline.
    """

    __tablename__ = "delivery_pins"

    shipment_id: Mapped[str] = mapped_column(
        sa.ForeignKey("shipments.id", ondelete="CASCADE"), primary_key=True
    )
    #: The delivery task the PIN was issued for.
    task_id: Mapped[str] = mapped_column(sa.ForeignKey("tasks.id"), nullable=False)
    pin_hash: Mapped[str] = mapped_column(sa.String(64), nullable=False)
    failed_tries: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    locked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    #: PINs sent for this attempt: the first one and every resend.
    sends: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def state(self) -> str:
        if self.verified_at is not None:
            return "verified"
        return "locked" if self.locked_at is not None else "issued"

    @property
    def resends_left(self) -> int:
        return max(0, MAX_RESENDS - (self.sends - 1))
