"""What the handheld's sync keeps: each event's verdict, so an upload sent twice is applied
once."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from courier_api.core.db import UTCDateTime
from courier_api.core.ids import ID_LENGTH
from courier_api.extensions import db

SYNC_KINDS = ("accept", "decline", "arrive", "pickup", "deliver", "fail", "handover")
SYNC_STATUSES = ("accepted", "rejected")


class SyncEvent(db.Model):
    """The verdict on one handheld event, kept so that an event sent again (a batch
    uploaded twice) is answered `duplicate` and applied once."""

    __tablename__ = "sync_events"

    courier_id: Mapped[str] = mapped_column(sa.String(ID_LENGTH), primary_key=True)
    client_event_id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(16), nullable=False)
    task_id: Mapped[str | None] = mapped_column(sa.String(ID_LENGTH))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, index=True)
    status: Mapped[str] = mapped_column(sa.String(16), nullable=False)
    code: Mapped[str | None] = mapped_column(sa.String(64))
