"""Accounts, transactions and their postings (docs/cod.md#the-ledger).

Append-only: a posting is never updated or deleted; a mistake is corrected by a
transaction that reverses it. Balances are sums of postings, never stored.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from courier_api.core.db import UTCDateTime
from courier_api.core.ids import ID_LENGTH
from courier_api.extensions import db

#: Debits are positive, credits negative. An asset's balance is what the network holds; a
#: payable's (negative) balance is what it owes.
ACCOUNT_KINDS = (
    "courier_cash",  # cash in a courier's hand (asset), per courier
    "station_cash",  # cash in a station's safe (asset), per station
    "cod_clearing",  # COD paid at the door by WeChat Pay, Alipay or card (asset)
    "network_bank",  # the network's own money kept from remittances (asset)
    "cash_shortage",  # what a courier handed in short (receivable), per courier
    "cash_surplus",  # what a station was handed over the count (liability), per station
    "cod_payable",  # what is owed to a sender for its COD (liability), per sender
    "cod_fee_revenue",  # COD fees kept from remittances
    "claims_payable",  # compensation owed to a claimant (liability), per claimant
    "refunds_payable",  # delay refunds owed to a claimant (liability), per claimant
    "claims_expense",
    "refunds_expense",
)
TRANSACTION_KINDS = (
    "cod_collected",
    "cash_handin",
    "cod_remitted",
    "claim_approved",
    "claim_paid",
    "claim_closed",
    "reversal",
)

#: BIGINT on PostgreSQL; SQLite only autoincrements an INTEGER primary key.
PostingOrder = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


class LedgerAccount(db.Model):
    """An account, named by its key: `kind` or `kind:owner` (owner: a courier, a station,
    or an owner key such as `organisation:org_…`)."""

    __tablename__ = "ledger_accounts"

    key: Mapped[str] = mapped_column(sa.String(80), primary_key=True)
    kind: Mapped[str] = mapped_column(
        sa.Enum(*ACCOUNT_KINDS, name="ledger_account_kind", native_enum=False), nullable=False
    )
    owner: Mapped[str | None] = mapped_column(sa.String(60))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)


class LedgerTransaction(db.Model):
    __tablename__ = "ledger_transactions"

    id: Mapped[str] = mapped_column(sa.String(ID_LENGTH), primary_key=True)
    kind: Mapped[str] = mapped_column(
        sa.Enum(*TRANSACTION_KINDS, name="ledger_transaction_kind", native_enum=False),
        nullable=False,
    )
    #: What the movement is about (a shipment, a hand-in, a remittance, a claim).
    subject_type: Mapped[str] = mapped_column(sa.String(24), nullable=False)
    subject_id: Mapped[str] = mapped_column(sa.String(ID_LENGTH), nullable=False)
    memo: Mapped[str | None] = mapped_column(sa.String(200))
    #: The transaction this one undoes; a transaction is reversed at most once.
    reverses_id: Mapped[str | None] = mapped_column(
        sa.ForeignKey("ledger_transactions.id"), unique=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)

    __table_args__ = (sa.Index("ix_ledger_transactions_subject", "subject_type", "subject_id"),)


class LedgerPosting(db.Model):
    __tablename__ = "ledger_postings"

    id: Mapped[int] = mapped_column(PostingOrder, primary_key=True, autoincrement=True)
    transaction_id: Mapped[str] = mapped_column(
        sa.ForeignKey("ledger_transactions.id"), nullable=False, index=True
    )
    account: Mapped[str] = mapped_column(
        sa.ForeignKey("ledger_accounts.key"), nullable=False, index=True
    )
    amount_fen: Mapped[int] = mapped_column(sa.BigInteger, nullable=False)

    __table_args__ = (sa.CheckConstraint("amount_fen <> 0", name="posting_not_zero"),)


@sa.event.listens_for(LedgerPosting, "before_update")
@sa.event.listens_for(LedgerTransaction, "before_update")
@sa.event.listens_for(LedgerPosting, "before_delete")
@sa.event.listens_for(LedgerTransaction, "before_delete")
def _append_only(*_: object) -> None:
    raise TypeError("The ledger is append-only: correct a transaction by reversing it.")
