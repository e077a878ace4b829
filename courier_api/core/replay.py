"""The nonce store for signed requests: a nonce is accepted once per client.

Redis (`SET NX EX`) when configured, else a database table. Unlike rate limits this fails
closed: if the store cannot be reached, signed requests are refused with 503, because
accepting them would let a captured request be replayed.

Redis may also come back empty (a restart without persistence, a flush): every nonce it
held is forgotten while the requests that used them are still inside the skew window.
So the store keeps an epoch, the time it was first used since it was last empty (`SET NX`,
no expiry: it goes when the nonces go), and a request signed at or before that epoch is
refused with 401 `nonce_store_restarted`: it may have been accepted before the loss. The
client signs again with the current time. The epoch is set, read and compared in the same
script as the nonce claim, one round trip. The database table does not forget, so it
needs no epoch.

What the epoch cannot catch: a request captured before the loss whose X-Timestamp is
nevertheless after the epoch, i.e. from a client whose clock ran ahead of the server's by
more than the time between that request and the store's return.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import datetime, timedelta

import redis
import sqlalchemy as sa
from redis.exceptions import NoScriptError
from sqlalchemy.orm import Mapped, mapped_column

from courier_api.core import clock
from courier_api.core.db import UTCDateTime, insert_ignoring_conflicts
from courier_api.core.errors import Problem
from courier_api.core.redis import get_redis
from courier_api.extensions import db

log = logging.getLogger("courier_api.replay")

KEY_PREFIX = ""  # of every nonce-store key in Redis (tests give each test its own)

# KEYS: the epoch, the nonce. ARGV: now (unix seconds), the request's X-Timestamp, TTL (s).
# Returns {1, epoch} when the nonce is claimed, {0, epoch} on a replay, {-1, epoch} when
# the request was signed at or before the epoch (its nonce is left unclaimed).
_CLAIM_LUA = b"""
redis.call('SET', KEYS[1], ARGV[1], 'NX')
local epoch = redis.call('GET', KEYS[1])
if tonumber(ARGV[2]) <= tonumber(epoch) then
    return {-1, epoch}
end
if redis.call('SET', KEYS[2], '1', 'NX', 'EX', ARGV[3]) then
    return {1, epoch}
end
return {0, epoch}
"""
_CLAIM_SHA = hashlib.sha1(_CLAIM_LUA).hexdigest()


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
        retry_after=5,
    )


def nonce_store_restarted(epoch: int) -> Problem:
    return Problem(
        401,
        "nonce_store_restarted",
        f"The replay store came back empty at unix time {epoch} and cannot tell whether a "
        "request signed at or before then was already used; sign it again with the current "
        "time and a fresh X-Nonce.",
        store_epoch=epoch,
    )


def claim_nonce(client_id: str, nonce: str, ttl_s: int, *, signed_at: int) -> bool:
    """True the first time (client, nonce) is seen within `ttl_s`; False on a replay.

    Raises 401 `nonce_store_restarted` when `signed_at` (the request's X-Timestamp, unix
    seconds) is not after the Redis store's epoch, 503 when the store cannot be reached.
    """
    try:
        client = get_redis()
        if client is None:
            return _claim_in_database(client_id, nonce)
        outcome, epoch = _claim_in_redis(client, client_id, nonce, ttl_s, signed_at)
    except Exception as exc:
        log.error("nonce store unavailable: %s", type(exc).__name__)
        raise nonce_store_unavailable() from exc
    if outcome < 0:
        raise nonce_store_restarted(epoch)
    return outcome == 1


def _claim_in_redis(
    client: redis.Redis, client_id: str, nonce: str, ttl_s: int, signed_at: int
) -> tuple[int, int]:
    """(1 claimed | 0 replay | -1 signed at or before the epoch, the epoch in whole seconds)."""
    keys_and_args = (
        f"{KEY_PREFIX}nonce-epoch",
        f"{KEY_PREFIX}nonce:{client_id}:{nonce}",
        f"{clock.now().timestamp():.3f}",
        signed_at,
        ttl_s,
    )
    try:
        outcome, epoch = client.evalsha(_CLAIM_SHA, 2, *keys_and_args)
    except NoScriptError:  # a new or restarted Redis: EVAL also caches the script there
        outcome, epoch = client.eval(_CLAIM_LUA, 2, *keys_and_args)
    # X-Timestamp is whole seconds: after the epoch means after its whole second.
    return int(outcome), int(float(epoch))


def _claim_in_database(client_id: str, nonce: str) -> bool:
    table = SeenNonce.__table__
    stmt = (
        insert_ignoring_conflicts(table)
        .values(client_id=client_id, nonce=nonce, seen_at=clock.now())
        .returning(table.c.nonce)
    )
    # Its own transaction: the nonce is spent even if the request later fails.
    with db.engine.begin() as connection:
        return connection.execute(stmt).first() is not None


def purge_seen_nonces(older_than_s: int) -> int:
    cutoff = clock.now() - timedelta(seconds=older_than_s)
    result = db.session.execute(sa.delete(SeenNonce).where(SeenNonce.seen_at < cutoff))
    return result.rowcount or 0
