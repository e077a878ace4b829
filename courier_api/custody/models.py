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
    #: A sandbox item's event (the robo-courier's journey): hashed into its link, left out
    #: of the live log's checkpoints and verification (docs/shipments.md).
    sandbox: Mapped[bool] = mapped_column(
        sa.Boolean, nullable=False, default=False, server_default=sa.false()
    )

    __table_args__ = (sa.UniqueConstraint("shipment_id", "seq"),)


class CustodyHead(db.Model):
    """The newest link of each chain; its row lock serialises appends to one shipment."""

    __tablename__ = "custody_heads"

    shipment_id: Mapped[str] = mapped_column(sa.String(ID_LENGTH), primary_key=True)
    seq: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    hash: Mapped[str] = mapped_column(sa.String(64), nullable=False)


class CustodyCheckpoint(db.Model):
    """Before the Merkle log (kept, still verified with CUSTODY_KEY; none are made now):
    a signed digest of every event hash recorded in (first_event_id, last_event_id],
    chained to the previous checkpoint: rewriting a whole chain changes its hashes and no
    longer matches a signature made with a key the database does not hold."""

    __tablename__ = "custody_checkpoints"

    id: Mapped[int] = mapped_column(RecordingOrder, primary_key=True, autoincrement=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    first_event_id: Mapped[int] = mapped_column(sa.BigInteger, nullable=False)
    last_event_id: Mapped[int] = mapped_column(sa.BigInteger, nullable=False, unique=True)
    digest: Mapped[str] = mapped_column(sa.String(64), nullable=False)
    signature: Mapped[str] = mapped_column(sa.String(64), nullable=False)


class CustodyLeaf(db.Model):
    """One event's place in the Merkle log: leaf `leaf_index` is the event's hash. Indexes
    are given by the checkpointer in recording order, never on the write path; the leaf names
    its chain and link, so verification goes by (shipment, seq), not by a row id."""

    __tablename__ = "custody_leaves"

    leaf_index: Mapped[int] = mapped_column(sa.BigInteger, primary_key=True, autoincrement=False)
    #: How far the checkpointer got in recording order (where the next run starts).
    event_id: Mapped[int] = mapped_column(sa.BigInteger, nullable=False, unique=True)
    shipment_id: Mapped[str] = mapped_column(sa.String(ID_LENGTH), nullable=False)
    seq: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    event_hash: Mapped[str] = mapped_column(sa.String(64), nullable=False)

    __table_args__ = (sa.UniqueConstraint("shipment_id", "seq"),)


class CustodyTreeNode(db.Model):
    """A complete, aligned subtree's hash (leaves [node_index * 2**level, (node_index + 1) *
    2**level)):
    kept so a proof costs O(log n) reads. Only a cache: a proof built from a forged node no
    longer leads to the signed root."""

    __tablename__ = "custody_tree_nodes"

    level: Mapped[int] = mapped_column(sa.SmallInteger, primary_key=True, autoincrement=False)
    node_index: Mapped[int] = mapped_column(sa.BigInteger, primary_key=True, autoincrement=False)
    hash: Mapped[bytes] = mapped_column(sa.LargeBinary(32), nullable=False)


class CustodyTreeHead(db.Model):
    """A signed tree head (Ed25519): the log's size and root at a time, chained to the
    previous head by its hash. Numbered from 1 without gaps."""

    __tablename__ = "custody_tree_heads"

    number: Mapped[int] = mapped_column(sa.BigInteger, primary_key=True, autoincrement=False)
    tree_size: Mapped[int] = mapped_column(sa.BigInteger, nullable=False)
    root_hash: Mapped[str] = mapped_column(sa.String(64), nullable=False)
    timestamp: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    previous_hash: Mapped[str] = mapped_column(sa.String(64), nullable=False)
    key_id: Mapped[str] = mapped_column(sa.String(32), nullable=False)
    signature: Mapped[str] = mapped_column(sa.String(128), nullable=False)


class CustodyKey(db.Model):
    """A public key that signs (or signed) tree heads; kept after rotation so old receipts
    stay verifiable."""

    __tablename__ = "custody_keys"

    key_id: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    algorithm: Mapped[str] = mapped_column(sa.String(16), nullable=False)
    #: The raw 32-byte Ed25519 public key, base64.
    public_key: Mapped[str] = mapped_column(sa.String(64), nullable=False)
    not_before: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    not_after: Mapped[datetime | None] = mapped_column(UTCDateTime)
