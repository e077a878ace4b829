"""Fixed-window rate limits, in Redis when configured, else in the database.

Limits fail open: if the store cannot be reached the request goes through and the
failure is logged (a limiter outage must not become an API outage).

Every answer to a counted request says where the caller stands, in the IETF fields
(draft-ietf-httpapi-ratelimit-headers): `RateLimit-Policy: "login_ip";q=60;w=60` (quota
per window) and `RateLimit: "login_ip";r=12;t=30` (remaining, seconds to the reset); a
429 also carries Retry-After.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time

import sqlalchemy as sa
from flask import Response, after_this_request, current_app, g
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
    reset = max(1, math.ceil(window_start + window - now))
    _report(name, limit, window, remaining=max(0, limit - count), reset=reset)
    if count > limit:
        raise Problem(
            429,
            "rate_limited",
            f"Too many requests; retry in {reset} s.",
            retry_after=reset,
        )


def _report(name: str, limit: int, window: int, *, remaining: int, reset: int) -> None:
    """Add the limit's fields to this request's answer, whatever it turns out to be."""
    if "rate_limits" not in g:
        g.rate_limits = {}
        after_this_request(_add_fields)
    g.rate_limits[name] = (limit, window, remaining, reset)


def _add_fields(response: Response) -> Response:
    limits = g.get("rate_limits") or {}
    response.headers["RateLimit-Policy"] = ", ".join(
        f'"{name}";q={limit};w={window}' for name, (limit, window, _, _) in limits.items()
    )
    response.headers["RateLimit"] = ", ".join(
        f'"{name}";r={remaining};t={reset}' for name, (_, _, remaining, reset) in limits.items()
    )
    return response


def purge_old_buckets(before_epoch: int) -> int:
    result = db.session.execute(
        sa.delete(RateLimitBucket).where(RateLimitBucket.window_start < before_epoch)
    )
    return result.rowcount or 0
