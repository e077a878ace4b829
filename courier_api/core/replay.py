"""The nonce store for signed requests: a nonce is accepted once per client.

Redis (`SET NX EX`) when configured, else a database table. Unlike rate limits this fails
closed: if the store cannot be reached, signed requests are refused with 503, because
accepting them would let a captured request be replayed.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from courier_api.core import clock
from courier_api.core.db import UTCDateTime, insert_ignoring_conflicts
from courier_api.core.errors import Problem
from courier_api.core.redis import get_redis
from courier_api.extensions import db

log = logging.getLogger("courier_api.replay")


class SeenNonce(db.Model):
    __tablename__ = "seen_nonces"

    client_id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    nonce: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, index=True)


def nonce_store_unavailable() -> Problem:
    return Problem(
        503,
        "nonce_store_unavailable",
        "Signed requests cannot be checked for replay right now; retry shortly.",
        headers={"Retry-After": "5"},
    )


def claim_nonce(client_id: str, nonce: str, ttl_s: int) -> bool:
    """True the first time (client, nonce) is seen within `ttl_s`; False on a replay."""
    try:
        client = get_redis()
        if client is not None:
            return bool(client.set(f"nonce:{client_id}:{nonce}", b"1", nx=True, ex=ttl_s))
        table = SeenNonce.__table__
        stmt = (
            insert_ignoring_conflicts(table)
            .values(client_id=client_id, nonce=nonce, seen_at=clock.now())
            .returning(table.c.nonce)
        )
        # Its own transaction: the nonce is spent even if the request later fails.
        with db.engine.begin() as connection:
            return connection.execute(stmt).first() is not None
    except Exception as exc:
        log.error("nonce store unavailable: %s", type(exc).__name__)
        raise nonce_store_unavailable() from exc


def purge_seen_nonces(older_than_s: int) -> int:
    cutoff = clock.now() - timedelta(seconds=older_than_s)
    result = db.session.execute(sa.delete(SeenNonce).where(SeenNonce.seen_at < cutoff))
    return result.rowcount or 0
