"""Hospital orders: prescription and medical-record deliveries, birth-certificate
applications, and the hand-over runs that collect them at a pharmacy or a ward."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from courier_api.core.db import Timestamps, UTCDateTime, id_column
from courier_api.core.ids import ID_LENGTH
from courier_api.core.security import Principal
from courier_api.extensions import db
from courier_api.network.models import PickupPoint
from courier_api.shipments.models import Shipment, of_callers_kind
from courier_api.tasks.models import Task, task_of_callers_kind

CHANNELS = ("kiosk", "wechat", "window")
DELIVERY_PRODUCTS = ("prescription", "medical_record")
APPLICATION_STATES = ("submitted", "ready", "rejected")


def _hospital_scope(
    organisation_id: sa.ColumnElement, citizen_id: sa.ColumnElement | None, caller: Principal
) -> sa.ColumnElement[bool]:
    """A hospital's clerks and API clients see their hospital's objects; a citizen their own."""
    if caller.role == "admin":
        return sa.true()
    if caller.role in ("org_clerk", "api_client") and caller.org_id:
        return organisation_id == caller.org_id
    if caller.role == "citizen" and citizen_id is not None:
        return citizen_id == caller.id
    return sa.false()


class HospitalDelivery(Timestamps, db.Model):
    """A prescription or medical-record delivery ordered from a kiosk, WeChat or the window."""

    __tablename__ = "hospital_deliveries"

    id: Mapped[str] = id_column()
    # Indexed with created_at below (a hospital's day).
    organisation_id: Mapped[str] = mapped_column(sa.ForeignKey("organisations.id"), nullable=False)
    pickup_point_id: Mapped[str] = mapped_column(sa.ForeignKey("pickup_points.id"), nullable=False)
    shipment_id: Mapped[str] = mapped_column(
        sa.ForeignKey("shipments.id"), nullable=False, unique=True
    )
    channel: Mapped[str] = mapped_column(sa.String(8), nullable=False)
    product: Mapped[str] = mapped_column(sa.String(32), nullable=False)
    #: The prescription or record number: one delivery per number per hospital.
    reference_no: Mapped[str] = mapped_column(sa.String(64), nullable=False)
    #: The patient, when the delivery is linked to a citizen (WeChat, the window).
    citizen_id: Mapped[str | None] = mapped_column(sa.ForeignKey("citizens.id"), index=True)
    #: [{"name", "quantity", "cold_chain", "category"}] as the hospital's system gave them.
    items: Mapped[list] = mapped_column(sa.JSON, nullable=False)
    cold_chain: Mapped[bool] = mapped_column(sa.Boolean, nullable=False)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    confirmed_by: Mapped[str | None] = mapped_column(sa.String(ID_LENGTH))

    shipment: Mapped[Shipment] = relationship(lazy="joined", innerjoin=True)

    __table_args__ = (
        sa.UniqueConstraint(
            "organisation_id", "product", "reference_no", name="uq_hospital_delivery_reference"
        ),
        sa.Index("ix_hospital_deliveries_org_created", "organisation_id", "created_at"),
    )

    @classmethod
    def visible_to(cls, caller: Principal) -> sa.ColumnElement[bool]:
        return sa.and_(
            _hospital_scope(cls.organisation_id, cls.citizen_id, caller),
            of_callers_kind(cls.shipment_id, caller),
        )


class BirthCertificateApplication(Timestamps, db.Model):
    """A mother's application to have the birth medical certificate delivered."""

    __tablename__ = "birth_certificate_applications"

    id: Mapped[str] = id_column()
    organisation_id: Mapped[str] = mapped_column(
        sa.ForeignKey("organisations.id"), nullable=False, index=True
    )
    pickup_point_id: Mapped[str] = mapped_column(sa.ForeignKey("pickup_points.id"), nullable=False)
    #: The applicant (the mother, in the mini-program).
    citizen_id: Mapped[str] = mapped_column(
        sa.ForeignKey("citizens.id"), nullable=False, index=True
    )
    shipment_id: Mapped[str] = mapped_column(
        sa.ForeignKey("shipments.id"), nullable=False, unique=True
    )
    baby_name: Mapped[str] = mapped_column(sa.String(100), nullable=False)
    birth_date: Mapped[date] = mapped_column(sa.Date, nullable=False)
    #: PIPL art. 28: children's and medical data need separate consent; when it was given.
    consented_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    postage_on_delivery: Mapped[bool] = mapped_column(sa.Boolean, nullable=False)
    state: Mapped[str] = mapped_column(sa.String(16), nullable=False)
    certificate_no: Mapped[str | None] = mapped_column(sa.String(32))
    ready_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    rejected_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reject_reason: Mapped[str | None] = mapped_column(sa.String(300))
    decided_by: Mapped[str | None] = mapped_column(sa.String(ID_LENGTH))

    shipment: Mapped[Shipment] = relationship(lazy="joined", innerjoin=True)

    @classmethod
    def visible_to(cls, caller: Principal) -> sa.ColumnElement[bool]:
        return sa.and_(
            _hospital_scope(cls.organisation_id, cls.citizen_id, caller),
            of_callers_kind(cls.shipment_id, caller),
        )


class HospitalRun(db.Model):
    """One scheduled hand-over run at a pickup point: one pickup task over every item ready
    by then, signed for by the courier and countersigned by the clerk."""

    __tablename__ = "hospital_runs"

    id: Mapped[str] = id_column()
    # Indexed with scheduled_at below (a hospital's day of runs).
    organisation_id: Mapped[str] = mapped_column(sa.ForeignKey("organisations.id"), nullable=False)
    pickup_point_id: Mapped[str] = mapped_column(sa.ForeignKey("pickup_points.id"), nullable=False)
    scheduled_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    task_id: Mapped[str] = mapped_column(sa.ForeignKey("tasks.id"), nullable=False, unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    courier_signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    courier_signature_sha256: Mapped[str | None] = mapped_column(sa.String(64))
    clerk_signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    clerk_signature_sha256: Mapped[str | None] = mapped_column(sa.String(64))
    clerk_id: Mapped[str | None] = mapped_column(sa.String(ID_LENGTH))
    #: Who asked for an extra run now (a clerk or a dispatcher); None: a scheduled run.
    requested_by: Mapped[str | None] = mapped_column(sa.String(ID_LENGTH))

    task: Mapped[Task] = relationship(lazy="joined", innerjoin=True)
    pickup_point: Mapped[PickupPoint] = relationship(lazy="joined", innerjoin=True)

    __table_args__ = (
        # Two workers building the same run: the second insert fails, nothing is doubled.
        sa.UniqueConstraint("pickup_point_id", "scheduled_at", name="uq_hospital_run_slot"),
        sa.Index("ix_hospital_runs_org_scheduled", "organisation_id", "scheduled_at"),
    )

    @classmethod
    def visible_to(cls, caller: Principal) -> sa.ColumnElement[bool]:
        return sa.and_(task_of_callers_kind(cls.task_id, caller), cls._reachable_by(caller))

    @classmethod
    def _reachable_by(cls, caller: Principal) -> sa.ColumnElement[bool]:
        if caller.role == "courier":
            return sa.exists().where(Task.id == cls.task_id, Task.courier_id == caller.id)
        if caller.role == "dispatcher":
            return sa.exists().where(
                PickupPoint.id == cls.pickup_point_id,
                PickupPoint.station_id.in_(sorted(caller.station_ids)),
            )
        return _hospital_scope(cls.organisation_id, None, caller)


class Collection(db.Model):
    """A shipment waiting at a pickup point for its run: the first run at or after `due_at`
    takes it. An item a run missed stays here and goes on the next one."""

    __tablename__ = "hospital_collections"

    shipment_id: Mapped[str] = mapped_column(sa.ForeignKey("shipments.id"), primary_key=True)
    pickup_point_id: Mapped[str] = mapped_column(sa.ForeignKey("pickup_points.id"), nullable=False)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    #: What the clerk checks the item against: prescription, record or certificate number.
    reference_no: Mapped[str] = mapped_column(sa.String(64), nullable=False)
    run_id: Mapped[str | None] = mapped_column(sa.ForeignKey("hospital_runs.id"), index=True)

    __table_args__ = (sa.Index("ix_hospital_collections_due", "pickup_point_id", "due_at"),)


class WindowToken(db.Model):
    """What a citizen's QR code stands for at the pharmacy window: who they are and where
    the medicine goes. The QR code holds only a random id and a signature; the row is
    deleted when a window terminal uses it (single use) and is good for minutes."""

    __tablename__ = "window_tokens"

    #: SHA-256 of the token's random part (the token itself is never stored).
    token_hash: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    citizen_id: Mapped[str] = mapped_column(sa.ForeignKey("citizens.id"), nullable=False)
    recipient: Mapped[dict] = mapped_column(sa.JSON, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, index=True)
