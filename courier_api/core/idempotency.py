"""Idempotency-Key, as the IETF draft (httpapi-idempotency-key-header) describes it.

- 400 `idempotency_key_missing` when a POST that needs one comes without it;
- the first request claims (caller, key) by committing an in-flight row before any work;
- a concurrent duplicate finds that row: 409 `idempotency_key_in_flight`;
- the same key with another body (or another endpoint): 422 `idempotency_key_reused`;
- a completed key replays the stored response for `IDEMPOTENCY_TTL_S` (24 h), with
  `Idempotent-Replayed: true`;
- the stored response is written in the same transaction as the work, so a crash leaves
  either both or neither; a failed request releases its key so it can be retried.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import wraps
from typing import Any

import sqlalchemy as sa
from flask import Response, current_app, request
from sqlalchemy.orm import Mapped, mapped_column

from courier_api.core import clock
from courier_api.core.blueprint import document, document_problems
from courier_api.core.db import UTCDateTime, insert_ignoring_conflicts
from courier_api.core.errors import Problem
from courier_api.core.security import principal
from courier_api.core.transaction import commit
from courier_api.extensions import db

HEADER = "Idempotency-Key"
KEY_PATTERN = re.compile(r"^[\x21-\x7e]{1,255}$")
#: An in-flight claim older than this belongs to a request that died; it may be taken over.
ABANDONED_AFTER = timedelta(seconds=60)
REPLAYED_HEADERS = ("Location", "ETag", "Content-Type")


class IdempotencyKey(db.Model):
    __tablename__ = "idempotency_keys"

    caller_id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    key: Mapped[str] = mapped_column(sa.String(255), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(sa.String(64), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, index=True)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    response_status: Mapped[int | None] = mapped_column(sa.Integer)
    response_headers: Mapped[dict | None] = mapped_column(sa.JSON)
    response_body: Mapped[str | None] = mapped_column(sa.Text)


_TABLE = IdempotencyKey.__table__
# Built once, executed with parameters: a Core UPDATE (no ORM bulk-update machinery) and
# no per-request statement construction or cache-key generation.
_RECORD = (
    sa.update(_TABLE)
    .where(_TABLE.c.caller_id == sa.bindparam("b_caller_id"), _TABLE.c.key == sa.bindparam("b_key"))
    .values(
        completed_at=sa.bindparam("completed_at"),
        response_status=sa.bindparam("response_status"),
        response_headers=sa.bindparam("response_headers", type_=_TABLE.c.response_headers.type),
        response_body=sa.bindparam("response_body"),
    )
)


_ASYNC_COMMIT = sa.text("SET LOCAL synchronous_commit TO OFF")


@functools.cache
def _claim_statement(dialect: str) -> sa.Insert:
    return insert_ignoring_conflicts(_TABLE).returning(_TABLE.c.key)


def fingerprint_request() -> str:
    """Method, path and body; JSON bodies are compared as data, not as bytes."""
    raw = request.get_data(cache=True)
    try:
        body = json.dumps(json.loads(raw), sort_keys=True, separators=(",", ":")).encode()
    except ValueError:
        body = raw
    digest = hashlib.sha256()
    for part in (request.method.encode(), request.path.encode(), body):
        digest.update(part)
        digest.update(b"\x00")
    return digest.hexdigest()


def _key_from_header() -> str:
    key = request.headers.get(HEADER)
    if key is None:
        raise Problem(400, "idempotency_key_missing", f"This request needs an {HEADER} header.")
    if not KEY_PATTERN.match(key):
        raise Problem(
            400,
            "idempotency_key_invalid",
            f"{HEADER} must be 1-255 visible ASCII characters (a UUID is a good choice).",
        )
    return key


def _claim(caller_id: str, key: str, fingerprint: str) -> Response | None:
    """Commit an in-flight claim, or answer from the existing one (replay or refusal)."""
    now = clock.now()
    if db.engine.dialect.name == "postgresql":
        # The claim need not wait for its own fsync: the work's commit, later in the same
        # WAL, makes it durable too; if the server crashed first, the work never happened.
        db.session.execute(_ASYNC_COMMIT)
    for _ in range(2):
        inserted = db.session.execute(
            _claim_statement(db.engine.dialect.name),
            {"caller_id": caller_id, "key": key, "fingerprint": fingerprint, "created_at": now},
        ).first()
        if inserted is not None:
            db.session.commit()
            return None
        existing = db.session.get(IdempotencyKey, (caller_id, key), populate_existing=True)
        if existing is None:  # released between our insert and read: try once more
            continue
        if _expired(existing, now):
            db.session.delete(existing)
            db.session.flush()
            continue
        return _answer_from(existing, fingerprint, now)
    raise Problem(409, "idempotency_key_in_flight", "Retry this request shortly.")


def _expired(record: IdempotencyKey, now: datetime) -> bool:
    ttl = timedelta(seconds=current_app.config["IDEMPOTENCY_TTL_S"])
    if record.completed_at is None:
        return record.created_at < now - ABANDONED_AFTER
    return record.created_at < now - ttl


def _answer_from(record: IdempotencyKey, fingerprint: str, now: datetime) -> Response:
    db.session.rollback()
    if record.fingerprint != fingerprint:
        raise Problem(
            422,
            "idempotency_key_reused",
            "This Idempotency-Key was used for a different request; use a new key.",
        )
    if record.completed_at is None:
        raise Problem(
            409,
            "idempotency_key_in_flight",
            "A request with this Idempotency-Key is still being processed; retry shortly.",
            headers={"Retry-After": "1"},
        )
    response = Response(record.response_body, status=record.response_status)
    for name, value in (record.response_headers or {}).items():
        response.headers[name] = value
    response.headers["Idempotent-Replayed"] = "true"
    return response


def _release(caller_id: str, key: str) -> None:
    db.session.rollback()
    db.session.execute(
        sa.delete(IdempotencyKey).where(
            IdempotencyKey.caller_id == caller_id,
            IdempotencyKey.key == key,
            IdempotencyKey.completed_at.is_(None),
        )
    )
    db.session.commit()


def _record(caller_id: str, key: str, response: Response) -> None:
    db.session.execute(
        _RECORD,
        {
            "b_caller_id": caller_id,
            "b_key": key,
            "completed_at": clock.now(),
            "response_status": response.status_code,
            "response_headers": {
                h: response.headers[h] for h in REPLAYED_HEADERS if h in response.headers
            },
            "response_body": response.get_data(as_text=True),
        },
    )


def idempotent(func: Callable[..., Response]) -> Callable[..., Response]:
    """Require an Idempotency-Key; commit the work and its stored answer together.

    Place it below `@requires` (it needs the caller) and above `@blp.response`.
    """

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Response:
        key = _key_from_header()
        caller_id = principal().id
        replay = _claim(caller_id, key, fingerprint_request())
        if replay is not None:
            return replay
        try:
            response = func(*args, **kwargs)
            if response.status_code >= 400:
                _release(caller_id, key)
                return response
            _record(caller_id, key, response)
            commit()
        except BaseException:
            _release(caller_id, key)
            raise
        return response

    document(
        wrapper,
        parameters=[
            {
                "name": HEADER,
                "in": "header",
                "required": True,
                "description": "Unique per intended request (a UUID). Replayed for 24 h.",
                "schema": {"type": "string", "minLength": 1, "maxLength": 255},
            }
        ],
    )
    return document_problems(wrapper, (400, 409, 422))


def purge_expired(now: datetime | None = None) -> int:
    """Delete completed keys past their replay window; returns how many."""
    now = now or clock.now()
    cutoff = now - timedelta(seconds=current_app.config["IDEMPOTENCY_TTL_S"])
    result = db.session.execute(sa.delete(IdempotencyKey).where(IdempotencyKey.created_at < cutoff))
    return result.rowcount or 0
