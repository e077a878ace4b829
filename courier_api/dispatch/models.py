"""What dispatch records beyond the task itself: escalations to the dispatcher."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from courier_api.core.db import UTCDateTime
from courier_api.core.ids import ID_LENGTH
from courier_api.extensions import db

#: Why a round handed a task to the dispatcher (see docs/dispatch.md).
ESCALATION_CAUSES = (
    "no_courier_available",  # nobody on shift with a fresh position in the region
    "no_courier_before_shift_end",  # nobody on shift can arrive and finish before their end
    "out_of_reach",  # waited past the threshold; the nearest courier is beyond `reach`
    "couriers_busy",  # waited past the threshold; the couriers near it are all taken
    "declined",  # waited past the threshold; every courier asked passed it on
)


class Escalation(db.Model):
    """A task a round could not place in time: shown on the board until a courier accepts
    it, and the cause of its breach if it is late without a courier."""

    __tablename__ = "dispatch_escalations"

    task_id: Mapped[str] = mapped_column(
        sa.String(ID_LENGTH), sa.ForeignKey("tasks.id"), primary_key=True
    )
    cause: Mapped[str] = mapped_column(sa.String(40), nullable=False)
    escalated_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    #: When the cause last changed (the round re-reads the situation every 10 s).
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
