"""Court jobs and their documents; traffic-archive transfers. Each document or archive is
one shipment (its waybill, custody chain, attempts and proof live in the shipment core);
these rows keep what the court or the office said about it."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from courier_api.core.db import Timestamps, UTCDateTime, id_column
from courier_api.core.ids import ID_LENGTH
from courier_api.core.security import Principal
from courier_api.extensions import db
from courier_api.shipments.models import Shipment, of_callers_kind
from courier_api.tasks.models import task_of_callers_kind

ADDRESSEE_KINDS = ("person", "organisation")
ADDRESSEE_ROLES = ("plaintiff", "defendant", "third_party", "appellant", "appellee", "other")


def _own_organisation(caller: Principal) -> str | None:
    """The organisation a clerk or an API client acts for (None: no organisation)."""
    return caller.org_id if caller.role in ("org_clerk", "api_client") else None


class CourtJob(Timestamps, db.Model):
    """One batch a court submitted: which rows became documents, which were rejected."""

    __tablename__ = "court_jobs"

    id: Mapped[str] = id_column()
    organisation_id: Mapped[str] = mapped_column(
        sa.ForeignKey("organisations.id"), nullable=False, index=True
    )
    submitted_by: Mapped[str] = mapped_column(sa.String(ID_LENGTH), nullable=False)
    #: "json" or "csv".
    source: Mapped[str] = mapped_column(sa.String(8), nullable=False)
    rows_total: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    #: [{row, status, code, field, message, …}] for every rejected row, in row order.
    rejected: Mapped[list] = mapped_column(sa.JSON, nullable=False, default=list)
    #: The courier's task collecting the documents at the court.
    pickup_task_id: Mapped[str | None] = mapped_column(sa.ForeignKey("tasks.id"))

    documents: Mapped[list[CourtDocument]] = relationship(
        back_populates="job", order_by="CourtDocument.row", lazy="select"
    )

    @classmethod
    def visible_to(cls, caller: Principal) -> sa.ColumnElement[bool]:
        """The court that submitted it (its clerks and API clients); admins. A job whose
        every row was refused has no task, and is nobody's sandbox."""
        if caller.role == "admin":
            court = sa.true()
        else:
            organisation = _own_organisation(caller)
            court = cls.organisation_id == organisation if organisation else sa.false()
        return sa.and_(
            court,
            sa.or_(cls.pickup_task_id.is_(None), task_of_callers_kind(cls.pickup_task_id, caller)),
        )


class CourtDocument(db.Model):
    """One document to serve: one `court_document` shipment."""

    __tablename__ = "court_documents"

    id: Mapped[str] = id_column()
    job_id: Mapped[str] = mapped_column(sa.ForeignKey("court_jobs.id"), nullable=False, index=True)
    #: The row of the batch it came from (1-based, as the court counts its rows).
    row: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    #: The court's own reference for the document, as it sent it (None before it could).
    reference: Mapped[str | None] = mapped_column(sa.String(64))
    shipment_id: Mapped[str] = mapped_column(
        sa.ForeignKey("shipments.id"), nullable=False, unique=True
    )
    case_number: Mapped[str] = mapped_column(sa.String(64), nullable=False, index=True)
    #: The cause of action (案由) as the court names it; None on documents sent before the
    #: receipt printed it.
    cause: Mapped[str | None] = mapped_column(sa.String(64))
    document_type: Mapped[str] = mapped_column(sa.String(64), nullable=False)
    mediation: Mapped[bool] = mapped_column(sa.Boolean, nullable=False)
    addressee_name: Mapped[str] = mapped_column(sa.String(100), nullable=False)
    addressee_kind: Mapped[str] = mapped_column(sa.String(16), nullable=False)
    addressee_role: Mapped[str] = mapped_column(sa.String(16), nullable=False)
    opposing_party_name: Mapped[str | None] = mapped_column(sa.String(100))
    service_deadline: Mapped[date] = mapped_column(sa.Date, nullable=False)

    job: Mapped[CourtJob] = relationship(back_populates="documents")
    shipment: Mapped[Shipment] = relationship(lazy="joined", innerjoin=True)

    __table_args__ = (sa.UniqueConstraint("job_id", "row"),)


class ArchiveTransfer(Timestamps, db.Model):
    """A sealed driver archive moved between traffic-police offices or to the driver."""

    __tablename__ = "archive_transfers"

    id: Mapped[str] = id_column()
    archive_no: Mapped[str] = mapped_column(sa.String(64), nullable=False, index=True)
    driver_name: Mapped[str] = mapped_column(sa.String(100), nullable=False)
    driver_id_hash: Mapped[str] = mapped_column(sa.String(64), nullable=False)
    driver_id_encrypted: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    driver_id_masked: Mapped[str] = mapped_column(sa.String(24), nullable=False)
    from_organisation_id: Mapped[str] = mapped_column(
        sa.ForeignKey("organisations.id"), nullable=False, index=True
    )
    #: "office" (to_organisation_id receives) or "driver" (mailed to the driver's address).
    destination: Mapped[str] = mapped_column(sa.String(8), nullable=False)
    to_organisation_id: Mapped[str | None] = mapped_column(
        sa.ForeignKey("organisations.id"), index=True
    )
    shipment_id: Mapped[str] = mapped_column(
        sa.ForeignKey("shipments.id"), nullable=False, unique=True
    )
    submitted_by: Mapped[str] = mapped_column(sa.String(ID_LENGTH), nullable=False)
    pickup_task_id: Mapped[str | None] = mapped_column(sa.ForeignKey("tasks.id"))
    #: Who recorded the bag's seal number: "sender" (the sending office, when it created
    #: the transfer; an office-bound one is then confirmed by the receiving office) or
    #: "first_scan" (transfers made before that: the courier's first scan recorded it and
    #: the office clerk signed at the door).
    seal_set_by: Mapped[str] = mapped_column(sa.String(16), nullable=False)
    #: When the receiving office confirmed receipt, and which clerk or system of it did.
    received_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    received_by: Mapped[str | None] = mapped_column(sa.String(ID_LENGTH))

    shipment: Mapped[Shipment] = relationship(lazy="joined", innerjoin=True)

    @classmethod
    def visible_to(cls, caller: Principal) -> sa.ColumnElement[bool]:
        """Both offices (clerks and API clients); admins."""
        return sa.and_(of_callers_kind(cls.shipment_id, caller), cls._reachable_by(caller))

    @classmethod
    def _reachable_by(cls, caller: Principal) -> sa.ColumnElement[bool]:
        if caller.role == "admin":
            return sa.true()
        organisation = _own_organisation(caller)
        if not organisation:
            return sa.false()
        return sa.or_(
            cls.from_organisation_id == organisation, cls.to_organisation_id == organisation
        )
