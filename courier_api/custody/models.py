"""The custody log: an append-only, per-shipment hash chain of changes of hands and place.

No personal data is stored here (ids, codes and hashes only), so the chain can be kept
forever while personal data is deleted on schedule.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from courier_api.core.db import UTCDateTime
from courier_api.core.ids import ID_LENGTH
from courier_api.extensions import db

CUSTODY_KINDS = (
    "created",
    "picked_up",
    "handed_over",
    "arrived_station",
    "departed_station",
    "out_for_delivery",
    "delivery_attempted",
    "delivered",
    "refused",
    "returned",
    "exception",
)
GENESIS_HASH = "0" * 64

#: BIGINT on PostgreSQL; SQLite only autoincrements an INTEGER primary key.
RecordingOrder = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


class CustodyEvent(db.Model):
    __tablename__ = "custody_events"

    #: Global recording order (checkpoints cover ranges of it).
    id: Mapped[int] = mapped_column(RecordingOrder, primary_key=True, autoincrement=True)
    shipment_id: Mapped[str] = mapped_column(sa.String(ID_LENGTH), nullable=False)
    seq: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    kind: Mapped[str] = mapped_column(sa.String(32), nullable=False)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    actor_kind: Mapped[str] = mapped_column(sa.String(16), nullable=False)
    actor_id: Mapped[str] = mapped_column(sa.String(ID_LENGTH), nullable=False)
    station_id: Mapped[str | None] = mapped_column(sa.String(ID_LENGTH))
    task_id: Mapped[str | None] = mapped_column(sa.String(ID_LENGTH))
    #: References and hashes only: blob SHA-256s, seal numbers, reason codes.
    refs: Mapped[dict] = mapped_column(sa.JSON, nullable=False)
    prev_hash: Mapped[str] = mapped_column(sa.String(64), nullable=False)
    hash: Mapped[str] = mapped_column(sa.String(64), nullable=False)

    __table_args__ = (sa.UniqueConstraint("shipment_id", "seq"),)


class CustodyHead(db.Model):
    """The newest link of each chain; its row lock serialises appends to one shipment."""

    __tablename__ = "custody_heads"

    shipment_id: Mapped[str] = mapped_column(sa.String(ID_LENGTH), primary_key=True)
    seq: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    hash: Mapped[str] = mapped_column(sa.String(64), nullable=False)


class CustodyCheckpoint(db.Model):
    """A signed digest of every event hash recorded in (first_event_id, last_event_id],
    chained to the previous checkpoint: rewriting a whole chain changes its hashes and no
    longer matches a signature made with a key the database does not hold."""

    __tablename__ = "custody_checkpoints"

    id: Mapped[int] = mapped_column(RecordingOrder, primary_key=True, autoincrement=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    first_event_id: Mapped[int] = mapped_column(sa.BigInteger, nullable=False)
    last_event_id: Mapped[int] = mapped_column(sa.BigInteger, nullable=False, unique=True)
    digest: Mapped[str] = mapped_column(sa.String(64), nullable=False)
    signature: Mapped[str] = mapped_column(sa.String(64), nullable=False)
