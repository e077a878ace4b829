"""Posting to the ledger and reading balances. No Flask; never commits.

A transaction is a list of (account key, amount in fen) that sums to zero; debits are
positive, credits negative. Nothing here updates or deletes: `reverse` posts the mirror
image of a transaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import sqlalchemy as sa

from courier_api.core import clock
from courier_api.core.ids import new_id
from courier_api.core.pg import insert_rows
from courier_api.extensions import db
from courier_api.ledger.models import ACCOUNT_KINDS, LedgerAccount, LedgerPosting, LedgerTransaction

Posting = tuple[str, int]


class UnbalancedTransaction(ValueError):
    """A transaction whose postings do not sum to zero (a bug, never a caller's input)."""


def account(kind: str, owner: str | None = None) -> str:
    """An account's key: `courier_cash:cou_…`, `cod_payable:organisation:org_…`, `network_bank`."""
    if kind not in ACCOUNT_KINDS:
        raise ValueError(f"unknown account kind {kind!r}")
    return f"{kind}:{owner}" if owner else kind


@dataclass(frozen=True)
class Entry:
    """One transaction to post: what it is, what it is about, and its postings."""

    kind: str
    subject_type: str
    subject_id: str
    postings: Sequence[Posting]
    memo: str | None = None
    reverses_id: str | None = None

    def netted(self) -> list[Posting]:
        """The postings with one line per account (zero lines dropped), checked to balance."""
        by_account: dict[str, int] = defaultdict(int)
        for key, amount in self.postings:
            by_account[key] += amount
        if sum(by_account.values()) != 0:
            raise UnbalancedTransaction(f"{self.kind} on {self.subject_id}: {self.postings}")
        return [(key, amount) for key, amount in sorted(by_account.items()) if amount]


def post(entry: Entry) -> str:
    """Post one transaction; returns its id."""
    return post_many([entry])[0]


def post_many(entries: Sequence[Entry]) -> list[str]:
    """Post transactions set-based (three inserts however many); returns their ids. An
    entry whose postings all cancel out writes nothing and has no id ("")."""
    now = clock.now()
    transactions, postings, ids = [], [], []
    for entry in entries:
        lines = entry.netted()
        if not lines:
            ids.append("")
            continue
        txn_id = new_id("txn")
        ids.append(txn_id)
        transactions.append(
            {
                "id": txn_id,
                "kind": entry.kind,
                "subject_type": entry.subject_type,
                "subject_id": entry.subject_id,
                "memo": entry.memo,
                "reverses_id": entry.reverses_id,
                "created_at": now,
            }
        )
        postings += [
            {"transaction_id": txn_id, "account": key, "amount_fen": amount}
            for key, amount in lines
        ]
    _open_accounts({row["account"] for row in postings}, now)
    insert_rows(LedgerTransaction.__table__, transactions)
    insert_rows(LedgerPosting.__table__, postings)
    return ids


def _open_accounts(keys: Iterable[str], now) -> None:
    rows = []
    for key in sorted(keys):
        kind, _, owner = key.partition(":")
        rows.append({"key": key, "kind": kind, "owner": owner or None, "created_at": now})
    insert_rows(LedgerAccount.__table__, rows, ignore_conflicts=True)


def reverse(transaction_id: str, *, memo: str) -> str:
    """Undo a transaction by posting its mirror image (a transaction is reversed once)."""
    original = db.session.get(LedgerTransaction, transaction_id)
    if original is None:
        raise LookupError(transaction_id)
    lines = db.session.execute(
        sa.select(LedgerPosting.account, LedgerPosting.amount_fen).where(
            LedgerPosting.transaction_id == transaction_id
        )
    ).all()
    return post(
        Entry(
            "reversal",
            original.subject_type,
            original.subject_id,
            [(key, -amount) for key, amount in lines],
            memo=memo,
            reverses_id=transaction_id,
        )
    )


def balances(keys: Iterable[str] | None = None, *, kind: str | None = None) -> dict[str, int]:
    """Balances by account key (accounts with no postings are left out): the given keys,
    or every account of `kind`, or all."""
    stmt = sa.select(LedgerPosting.account, sa.func.sum(LedgerPosting.amount_fen)).group_by(
        LedgerPosting.account
    )
    if keys is not None:
        stmt = stmt.where(LedgerPosting.account.in_(sorted(set(keys))))
    if kind is not None:
        stmt = stmt.where(
            sa.or_(LedgerPosting.account == kind, LedgerPosting.account.like(f"{kind}:%"))
        )
    return {key: int(total) for key, total in db.session.execute(stmt)}


def balance(key: str) -> int:
    return balances([key]).get(key, 0)


def unbalanced_transactions() -> list[str]:
    """Transactions whose postings do not sum to zero (none, unless rows were tampered with)."""
    stmt = (
        sa.select(LedgerPosting.transaction_id)
        .group_by(LedgerPosting.transaction_id)
        .having(sa.func.sum(LedgerPosting.amount_fen) != 0)
        .order_by(LedgerPosting.transaction_id)
    )
    return list(db.session.scalars(stmt))
