"""A complaint about a shipment or a pickup, and its answer."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from courier_api.core.db import Timestamps, UTCDateTime, id_column
from courier_api.core.ids import ID_LENGTH
from courier_api.core.security import Principal
from courier_api.extensions import db

CATEGORIES = ("late", "damaged", "courier_conduct", "wrong_delivery", "other")
STATUSES = ("open", "answered")
#: 快递暂行条例 art. 28: a complaint is answered within 7 days of its receipt.
ANSWER_DAYS = 7
#: Staff who answer complaints and see every one of them.
HANDLERS = ("customer_service", "admin")


class Complaint(Timestamps, db.Model):
    __tablename__ = "complaints"

    id: Mapped[str] = id_column()
    #: What it is about: a shipment or a pickup order, exactly one.
    shipment_id: Mapped[str | None] = mapped_column(sa.ForeignKey("shipments.id"), index=True)
    pickup_id: Mapped[str | None] = mapped_column(sa.ForeignKey("pickup_orders.id"), index=True)
    category: Mapped[str] = mapped_column(sa.String(24), nullable=False)
    description: Mapped[str] = mapped_column(sa.String(2000), nullable=False)
    status: Mapped[str] = mapped_column(sa.String(16), nullable=False)
    #: The owner complaining: ("citizen", citizen id) or ("organisation", organisation id).
    complainant_kind: Mapped[str] = mapped_column(sa.String(16), nullable=False)
    complainant_id: Mapped[str] = mapped_column(sa.String(ID_LENGTH), nullable=False)
    #: The person or API client who filed it (a clerk files for their organisation).
    filed_by: Mapped[str] = mapped_column(sa.String(ID_LENGTH), nullable=False)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    answer_due_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answered_by_id: Mapped[str | None] = mapped_column(sa.String(ID_LENGTH))
    answer: Mapped[str | None] = mapped_column(sa.String(2000))

    __table_args__ = (
        sa.Index("ix_complaints_complainant", "complainant_kind", "complainant_id"),
        # The overdue list: open complaints by due time.
        sa.Index("ix_complaints_due", "status", "answer_due_at"),
        sa.CheckConstraint("(shipment_id IS NULL) <> (pickup_id IS NULL)", name="one_subject"),
        sa.CheckConstraint(
            "(status = 'answered') = (answered_at IS NOT NULL)", name="answered_when"
        ),
    )

    @classmethod
    def visible_to(cls, caller: Principal) -> sa.ColumnElement[bool]:
        """Customer service and admins see every complaint; a complainant their own."""
        if caller.role in HANDLERS:
            return sa.true()
        if caller.role == "citizen":
            return sa.and_(cls.complainant_kind == "citizen", cls.complainant_id == caller.id)
        if caller.role in ("org_clerk", "api_client") and caller.org_id:
            return sa.and_(
                cls.complainant_kind == "organisation", cls.complainant_id == caller.org_id
            )
        return sa.false()
