"""Claims on shipments, their payouts, and the internal liability behind a fast claim."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from courier_api.core.db import Timestamps, UTCDateTime, Versioned, id_column
from courier_api.core.ids import ID_LENGTH
from courier_api.core.security import Principal
from courier_api.extensions import db

CLAIM_STATES = (
    "submitted",
    "under_review",
    "approved",
    "partially_approved",
    "rejected",
    "paid",
    "closed",
    "withdrawn",
)
#: A liability is recorded open; recovering it from the station is not tracked (yet).
LIABILITY_STATUSES = ("open",)
#: Allowed moves (issue #10). `submitted -> approved` is the fast path: the system only.
TRANSITIONS: dict[str, frozenset[str]] = {
    "submitted": frozenset({"under_review", "approved", "withdrawn"}),
    "under_review": frozenset({"approved", "partially_approved", "rejected", "withdrawn"}),
    # Payouts keep an approved claim open until all of it is paid; an adjuster may close
    # it with a reason before that (issue #24).
    "approved": frozenset({"paid", "closed"}),
    "partially_approved": frozenset({"paid", "closed"}),
    "rejected": frozenset(),
    "paid": frozenset(),
    "closed": frozenset(),
    "withdrawn": frozenset(),
}
#: The adjusters' queue: claims still waiting for an answer (the 30-day period runs).
UNANSWERED = ("submitted", "under_review")
#: A claim in one of these blocks another of the same kind on the same shipment: it is
#: being answered, or it was granted (claiming twice for one loss is not a new claim).
BLOCKING = (*UNANSWERED, "approved", "partially_approved", "paid", "closed")
#: Approved claims that still take payouts (until paid in full or closed).
PAYABLE = ("approved", "partially_approved")
#: How staff pay a claim; `fast_claim` is the system's payment run for fast claims, and
#: `unrecorded` marks payouts made before the channel was recorded.
STAFF_CHANNELS = ("bank_transfer", "wechat_pay", "alipay", "cash", "cheque")
FAST_CLAIM_CHANNEL = "fast_claim"
PAYOUT_CHANNELS = (*STAFF_CHANNELS, FAST_CLAIM_CHANNEL, "unrecorded")


class Claim(Versioned, Timestamps, db.Model):
    __tablename__ = "claims"

    id: Mapped[str] = id_column()
    shipment_id: Mapped[str] = mapped_column(sa.ForeignKey("shipments.id"), nullable=False)
    #: Copied from the shipment for the report (by product and month) without a join.
    product: Mapped[str] = mapped_column(sa.String(32), nullable=False)
    kind: Mapped[str] = mapped_column(sa.String(24), nullable=False)
    status: Mapped[str] = mapped_column(sa.String(24), nullable=False, index=True)
    #: The owner claiming: ("citizen", citizen id) or ("organisation", organisation id).
    claimant_kind: Mapped[str] = mapped_column(sa.String(16), nullable=False)
    claimant_id: Mapped[str] = mapped_column(sa.String(ID_LENGTH), nullable=False)
    #: The person or API client who filed it (a clerk files for their organisation).
    filed_by: Mapped[str] = mapped_column(sa.String(ID_LENGTH), nullable=False)
    claimed_fen: Mapped[int] = mapped_column(sa.BigInteger, nullable=False)
    description: Mapped[str] = mapped_column(sa.String(1000), nullable=False, default="")
    #: SHA-256 names of uploaded blobs (photos, PDFs).
    evidence: Mapped[list] = mapped_column(sa.JSON, nullable=False, default=list)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    answer_due_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    reviewer_id: Mapped[str | None] = mapped_column(sa.String(ID_LENGTH))
    review_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Set when the answer period ended with the item still not found (compensated as lost).
    treated_as_lost_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by_kind: Mapped[str | None] = mapped_column(sa.String(16))
    decided_by_id: Mapped[str | None] = mapped_column(sa.String(ID_LENGTH))
    decision_reason: Mapped[str | None] = mapped_column(sa.String(1000))
    cause: Mapped[str | None] = mapped_column(sa.String(24))
    actual_loss_fen: Mapped[int | None] = mapped_column(sa.BigInteger)
    approved_fen: Mapped[int | None] = mapped_column(sa.BigInteger)
    fast: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=False)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: What the payouts add up to; the row lock on the claim keeps it within approved_fen.
    paid_fen: Mapped[int] = mapped_column(
        sa.BigInteger, nullable=False, default=0, server_default="0"
    )
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_by_id: Mapped[str | None] = mapped_column(sa.String(ID_LENGTH))
    close_reason: Mapped[str | None] = mapped_column(sa.String(1000))
    #: The basis of the decision as recorded when it was made (`claims.basis_of`): the
    #: shipment's values, the rule and the arithmetic. NULL on claims decided before it.
    basis: Mapped[dict | None] = mapped_column(sa.JSON)
    #: "<shipment id>:<kind>" while the claim blocks another (BLOCKING), else NULL: the
    #: unique index makes "one open claim per shipment and kind" hold under races.
    open_key: Mapped[str | None] = mapped_column(sa.String(ID_LENGTH + 25), unique=True)

    # Every answer shows them. The liability is joined (at most one; the row lock of a
    # claim is `FOR UPDATE OF claims`, which PostgreSQL allows over outer joins); the
    # payouts, possibly several, come in one more query.
    payouts: Mapped[list[Payout]] = relationship(lazy="selectin", order_by="Payout.id")
    liability: Mapped[Liability | None] = relationship(lazy="joined", uselist=False)

    __table_args__ = (
        sa.Index("ix_claims_claimant", "claimant_kind", "claimant_id"),
        sa.Index("ix_claims_shipment", "shipment_id"),
        sa.CheckConstraint("claimed_fen > 0", name="claimed_positive"),
        sa.CheckConstraint("approved_fen IS NULL OR approved_fen <= claimed_fen", name="within"),
        sa.CheckConstraint("paid_fen <= COALESCE(approved_fen, 0)", name="paid_within"),
    )

    @classmethod
    def visible_to(cls, caller: Principal) -> sa.ColumnElement[bool]:
        """Adjusters and admins see every claim; a claimant only their own."""
        if caller.role in ("admin", "claims_adjuster"):
            return sa.true()
        if caller.role == "citizen":
            return sa.and_(cls.claimant_kind == "citizen", cls.claimant_id == caller.id)
        if caller.role in ("org_clerk", "api_client") and caller.org_id:
            return sa.and_(cls.claimant_kind == "organisation", cls.claimant_id == caller.org_id)
        return sa.false()


class Payout(db.Model):
    """Money paid on a claim: one or more, together at most what was approved."""

    __tablename__ = "claim_payouts"

    id: Mapped[str] = id_column()
    claim_id: Mapped[str] = mapped_column(sa.ForeignKey("claims.id"), nullable=False, index=True)
    amount_fen: Mapped[int] = mapped_column(sa.BigInteger, nullable=False)
    paid_by_kind: Mapped[str] = mapped_column(sa.String(16), nullable=False)
    paid_by_id: Mapped[str] = mapped_column(sa.String(ID_LENGTH), nullable=False)
    #: How it was paid (PAYOUT_CHANNELS) and the transfer's reference there (NULL only on
    #: staff payouts made before it was required).
    channel: Mapped[str] = mapped_column(sa.String(16), nullable=False)
    reference: Mapped[str | None] = mapped_column(sa.String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)

    __table_args__ = (sa.CheckConstraint("amount_fen > 0", name="payout_positive"),)


class Liability(db.Model):
    """After a fast claim is paid ("pay the customer first, settle inside afterwards"): who
    inside the network answers for it, from the custody record, for an adjuster to review."""

    __tablename__ = "claim_liabilities"

    id: Mapped[str] = id_column()
    claim_id: Mapped[str] = mapped_column(sa.ForeignKey("claims.id"), nullable=False, unique=True)
    station_id: Mapped[str | None] = mapped_column(sa.String(ID_LENGTH), index=True)
    courier_id: Mapped[str | None] = mapped_column(sa.String(ID_LENGTH))
    amount_fen: Mapped[int] = mapped_column(sa.BigInteger, nullable=False)
    #: The custody link that supports the claim (the loss or the recorded damage).
    custody_seq: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    status: Mapped[str] = mapped_column(
        sa.String(16), nullable=False, default=LIABILITY_STATUSES[0]
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
