"""Fixed-window rate limits, in Redis when configured, else in the database.

Limits fail open: if the store cannot be reached the request goes through and the
failure is logged (a limiter outage must not become an API outage).
"""

from __future__ import annotations

import hashlib
import logging
import math
import time

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import Mapped, mapped_column

from courier_api.core.errors import Problem
from courier_api.core.redis import get_redis
from courier_api.extensions import db

log = logging.getLogger("courier_api.ratelimit")


class RateLimitBucket(db.Model):
    __tablename__ = "rate_limit_buckets"

    key: Mapped[str] = mapped_column(sa.String(80), primary_key=True)
    window_start: Mapped[int] = mapped_column(sa.BigInteger, primary_key=True)
    count: Mapped[int] = mapped_column(sa.Integer, nullable=False)


def parse_limit(spec: str) -> tuple[int, int]:
    count, _, seconds = spec.partition("/")
    return int(count), int(seconds)


def _bucket_key(name: str, subject: str) -> str:
    # Subjects can be usernames or addresses: store a digest, not the value.
    digest = hashlib.sha256(f"{name}\x00{subject}".encode()).hexdigest()[:40]
    return f"{name}:{digest}"


def _count_in_redis(client, key: str, window_start: int, window: int) -> int:
    redis_key = f"rl:{key}:{window_start}"
    pipe = client.pipeline()
    pipe.incr(redis_key)
    pipe.expire(redis_key, window + 1)
    return int(pipe.execute()[0])


def _count_in_database(key: str, window_start: int) -> int:
    table = RateLimitBucket.__table__
    if db.engine.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    stmt = (
        insert(table)
        .values(key=key, window_start=window_start, count=1)
        .on_conflict_do_update(
            index_elements=[table.c.key, table.c.window_start],
            set_={"count": table.c.count + 1},
        )
        .returning(table.c.count)
    )
    # Its own connection: the count must stick even when the request is rolled back.
    with db.engine.begin() as connection:
        return int(connection.execute(stmt).scalar_one())


def hit(name: str, subject: str) -> None:
    """Count one request against limit `name` for `subject`; 429 with Retry-After past it."""
    limit, window = parse_limit(current_app.config["RATE_LIMITS"][name])
    now = time.time()
    window_start = int(now // window * window)
    key = _bucket_key(name, subject)
    try:
        client = get_redis()
        if client is not None:
            count = _count_in_redis(client, key, window_start, window)
        else:
            count = _count_in_database(key, window_start)
    except Exception:
        log.warning("rate limit store unavailable; letting %s through", name, exc_info=True)
        return
    if count > limit:
        retry_after = max(1, math.ceil(window_start + window - now))
        raise Problem(
            429,
            "rate_limited",
            f"Too many requests; retry in {retry_after} s.",
            headers={"Retry-After": str(retry_after)},
        )


def purge_old_buckets(before_epoch: int) -> int:
    result = db.session.execute(
        sa.delete(RateLimitBucket).where(RateLimitBucket.window_start < before_epoch)
    )
    return result.rowcount or 0
