"""Courier tasks: a unit of work at one place in a time window, over task items."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from courier_api.core.db import Timestamps, UTCDateTime, id_column, uncorrelated
from courier_api.core.ids import ID_LENGTH
from courier_api.core.scoping import station_scope
from courier_api.core.security import Principal
from courier_api.extensions import db

TASK_KINDS = ("pickup", "delivery", "return")
TASK_STATES = ("open", "offered", "accepted", "arrived", "completed", "failed", "cancelled")
TASK_TRANSITIONS: dict[str, frozenset[str]] = {
    "open": frozenset({"offered", "cancelled"}),
    # A decline or an expired offer returns the task to the pool.
    "offered": frozenset({"accepted", "open", "cancelled"}),
    "accepted": frozenset({"arrived", "open", "failed", "cancelled"}),
    "arrived": frozenset({"completed", "failed", "cancelled"}),
    "completed": frozenset(),
    "failed": frozenset(),
    "cancelled": frozenset(),
}
#: A task a courier holds and is working on.
ACTIVE_STATES = ("accepted", "arrived")
FINISHED_STATES = ("completed", "failed", "cancelled")
ITEM_STATUSES = ("expected", "scanned", "missing", "extra")
#: What a courier's action changes on a task (written set-based for a sync batch).
PROGRESS_COLUMNS = (
    "state",
    "courier_id",
    "accepted_at",
    "arrived_at",
    "finished_at",
    "failure_reason",
)
OFFER_STATUSES = ("pending", "accepted", "declined", "expired", "withdrawn")


class Task(Timestamps, db.Model):
    __tablename__ = "tasks"

    id: Mapped[str] = id_column()
    kind: Mapped[str] = mapped_column(sa.String(16), nullable=False)
    state: Mapped[str] = mapped_column(sa.String(16), nullable=False, index=True)
    station_id: Mapped[str] = mapped_column(sa.ForeignKey("stations.id"), nullable=False)
    courier_id: Mapped[str | None] = mapped_column(sa.ForeignKey("couriers.id"), index=True)
    #: Where the work happens (full address: the courier holding the task sees it).
    address: Mapped[str] = mapped_column(sa.String(300), nullable=False)
    lat: Mapped[float] = mapped_column(sa.Float, nullable=False)
    lng: Mapped[float] = mapped_column(sa.Float, nullable=False)
    contact_name: Mapped[str | None] = mapped_column(sa.String(100))
    contact_phone: Mapped[str | None] = mapped_column(sa.String(20))
    #: "organisation" when the contact is an institution's desk (a pharmacy, a court's
    #: office), whose name is not masked; None: a person.
    contact_kind: Mapped[str | None] = mapped_column(sa.String(16))
    pickup_point_id: Mapped[str | None] = mapped_column(sa.ForeignKey("pickup_points.id"))
    window_start: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    window_end: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    #: The promise is measured from here to the arrival scan (pickups: pickup_by = +60 min).
    promise_start: Mapped[datetime | None] = mapped_column(UTCDateTime)
    deadline: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    arrived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    failure_reason: Mapped[str | None] = mapped_column(sa.String(64))
    #: The offered or holding courier's predicted arrival (dispatch engine).
    eta_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: SLA flags (not states): when the task was first seen at risk, and late.
    at_risk_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    late_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    #: Over sandbox items: the robo-courier's, never offered, on no board or report.
    sandbox: Mapped[bool] = mapped_column(
        sa.Boolean, nullable=False, default=False, server_default=sa.false()
    )

    items: Mapped[list[TaskItem]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="TaskItem.id"
    )

    __mapper_args__ = {"version_id_col": version}
    # A courier's poll reads their tasks in a state (tasks.service.FIRST_PAGE): found
    # among theirs by state, not among every task they ever did.
    # A station's tasks in a state: a dispatch round's open work, a quote's backlog of
    # waiting pickups (pickups.admission), found among the few in that state rather than
    # among every task the station ever had.
    __table_args__ = (
        sa.Index("ix_tasks_courier_id_state", "courier_id", "state"),
        sa.Index("ix_tasks_station_id_state_kind", "station_id", "state", "kind"),
    )

    @property
    def etag(self) -> str:
        return f'"{self.version}"'

    @classmethod
    def visible_to(cls, caller: Principal) -> sa.ColumnElement[bool]:
        # Sandbox tasks are the robo-courier's: no live dispatcher or courier sees them.
        return sa.and_(
            cls.sandbox.is_(caller.sandbox),
            station_scope(cls.station_id, caller, cls._held_or_offered),
        )

    @classmethod
    def _held_or_offered(cls, courier: Principal) -> sa.ColumnElement[bool]:
        """A courier's tasks: the ones they hold, and the ones offered to them right now."""
        offered = sa.exists().where(
            TaskOffer.task_id == cls.id,
            TaskOffer.courier_id == courier.id,
            TaskOffer.status == "pending",
        )
        return sa.or_(cls.courier_id == courier.id, offered)


def task_of_callers_kind(task_id: sa.ColumnElement, caller: Principal) -> sa.ColumnElement[bool]:
    """An order collected by this task is the caller's kind (sandbox or live)."""
    inner = uncorrelated(Task)
    return sa.exists().where(inner.id == task_id, inner.sandbox.is_(caller.sandbox))


class TaskItem(db.Model):
    __tablename__ = "task_items"

    id: Mapped[int] = mapped_column(
        sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True, autoincrement=True
    )
    task_id: Mapped[str] = mapped_column(
        sa.ForeignKey("tasks.id", ondelete="CASCADE"), nullable=False, index=True
    )
    shipment_id: Mapped[str | None] = mapped_column(sa.ForeignKey("shipments.id"), index=True)
    waybill: Mapped[str] = mapped_column(sa.String(13), nullable=False)
    status: Mapped[str] = mapped_column(sa.String(16), nullable=False)
    scanned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (sa.UniqueConstraint("task_id", "waybill"),)


class TaskOffer(db.Model):
    """An offer of a task to one courier, with an expiry. At most one is pending per task."""

    __tablename__ = "task_offers"

    id: Mapped[str] = id_column()
    task_id: Mapped[str] = mapped_column(
        sa.ForeignKey("tasks.id", ondelete="CASCADE"), nullable=False, index=True
    )
    courier_id: Mapped[str] = mapped_column(
        sa.ForeignKey("couriers.id"), nullable=False, index=True
    )
    status: Mapped[str] = mapped_column(sa.String(16), nullable=False)
    offered_by: Mapped[str] = mapped_column(sa.String(ID_LENGTH), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reason: Mapped[str | None] = mapped_column(sa.String(200))

    __table_args__ = (
        # The database, not only the code, refuses a second live offer for a task.
        sa.Index(
            "uq_task_offers_one_pending",
            "task_id",
            unique=True,
            postgresql_where=sa.text("status = 'pending'"),
            sqlite_where=sa.text("status = 'pending'"),
        ),
        # A courier's poll finds what is on offer to them among the pending offers only.
        sa.Index(
            "ix_task_offers_pending_courier_id",
            "courier_id",
            postgresql_where=sa.text("status = 'pending'"),
            sqlite_where=sa.text("status = 'pending'"),
        ),
    )


class ContactLog(db.Model):
    """Every time a courier asked for a callable number (DESIGN.md: audited)."""

    __tablename__ = "contact_logs"

    id: Mapped[str] = id_column()
    task_id: Mapped[str] = mapped_column(sa.ForeignKey("tasks.id"), nullable=False, index=True)
    courier_id: Mapped[str] = mapped_column(sa.String(ID_LENGTH), nullable=False)
    via: Mapped[str] = mapped_column(sa.String(16), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)


BREACH_KINDS = ("at_risk", "late")
BREACH_CAUSES = ("no_courier_available", "declined", "offer_expired", "courier_late")


class SlaBreach(db.Model):
    """A promise at risk or broken, with its cause (one row per task and kind)."""

    __tablename__ = "sla_breaches"

    id: Mapped[str] = id_column()
    task_id: Mapped[str] = mapped_column(sa.ForeignKey("tasks.id"), nullable=False)
    station_id: Mapped[str] = mapped_column(sa.String(ID_LENGTH), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(sa.String(16), nullable=False)
    cause: Mapped[str] = mapped_column(sa.String(32), nullable=False)
    detected_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)

    __table_args__ = (sa.UniqueConstraint("task_id", "kind"),)
