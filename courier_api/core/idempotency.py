"""Idempotency-Key, as the IETF draft (httpapi-idempotency-key-header) describes it.

- 400 `idempotency_key_missing` when a POST that needs one comes without it;
- a concurrent duplicate gets 409 `idempotency_key_in_flight` (never waits for the first);
- the same key with another body (or another endpoint): 422 `idempotency_key_reused`;
- a completed key replays the stored response for `IDEMPOTENCY_TTL_S` (24 h), with
  `Idempotent-Replayed: true`;
- the stored response is written in the same transaction as the work, so a crash leaves
  either both or neither; a failed request releases its key so it can be retried;
- a claim left by a request that died is taken over after 60 s.

Two ways to hold the claim while the work runs, chosen by the database:

- PostgreSQL: a transaction-scoped advisory lock on (caller, key), taken in the same
  statement that looks the key up (sent with the transaction's BEGIN), inside the
  request's one transaction. The stored answer is inserted with the work, sent with the
  COMMIT, and the lock goes with the commit: three round trips in all for a one-row
  write. A worker that dies loses its connection and so its lock; a worker whose host
  vanished is cut off by the database after 60 s idle.
- any other database (SQLite in development): an in-flight row committed before the work,
  completed with the answer in the work's transaction.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import struct
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import wraps
from typing import Any, Protocol

import sqlalchemy as sa
from flask import Response, current_app, request
from sqlalchemy.orm import Mapped, mapped_column

from courier_api.core import clock
from courier_api.core.blueprint import document_header, document_problems
from courier_api.core.db import UTCDateTime, execute_core, insert_ignoring_conflicts
from courier_api.core.errors import Problem
from courier_api.core.pg import HotStatement
from courier_api.core.security import (
    Principal,
    session_check,
    session_to_verify,
    settle_session,
    verify_session,
)
from courier_api.core.transaction import commit_and_end
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


class _Record(Protocol):
    """A stored key: the ORM object or a row with the same columns."""

    fingerprint: str
    created_at: datetime
    completed_at: datetime | None
    response_status: int | None
    response_headers: dict | None
    response_body: str | None


_TABLE = IdempotencyKey.__table__
_STORED = (
    _TABLE.c.fingerprint,
    _TABLE.c.created_at,
    _TABLE.c.completed_at,
    _TABLE.c.response_status,
    _TABLE.c.response_headers,
    _TABLE.c.response_body,
)
# (Bind names other than the columns': UPDATE reserves those for its SET clause.)
_THIS_KEY = sa.and_(
    _TABLE.c.caller_id == sa.bindparam("b_caller_id"), _TABLE.c.key == sa.bindparam("b_key")
)
# Statements are built once and executed with parameters: no per-request construction
# or cache-key generation on the hot path.
_FIND = sa.select(*_STORED).where(_THIS_KEY)
_DELETE = sa.delete(_TABLE).where(_THIS_KEY)
_RELEASE = _DELETE.where(_TABLE.c.completed_at.is_(None))
_COMPLETE = (
    sa.update(_TABLE)
    .where(_THIS_KEY)
    .values(
        completed_at=sa.bindparam("completed_at"),
        response_status=sa.bindparam("response_status"),
        response_headers=sa.bindparam("response_headers", type_=_TABLE.c.response_headers.type),
        response_body=sa.bindparam("response_body"),
    )
)


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


def _in_flight() -> Problem:
    return Problem(
        409,
        "idempotency_key_in_flight",
        "A request with this Idempotency-Key is still being processed; retry shortly.",
        retry_after=1,
    )


def _expired(record: _Record, now: datetime) -> bool:
    dead_before = _dead_before(now)
    cut = "abandoned_before" if record.completed_at is None else "expired_before"
    return record.created_at < dead_before[cut]


def _dead_before(now: datetime) -> dict[str, datetime]:
    """Keys created before these are dead: in flight (abandoned), or completed (expired)."""
    ttl = timedelta(seconds=current_app.config["IDEMPOTENCY_TTL_S"])
    return {"abandoned_before": now - ABANDONED_AFTER, "expired_before": now - ttl}


def _answer_from(record: _Record, fingerprint: str) -> Response:
    """Replay a completed key, or refuse (422 another request, 409 still in flight)."""
    db.session.rollback()
    if record.fingerprint != fingerprint:
        raise Problem(
            422,
            "idempotency_key_reused",
            "This Idempotency-Key was used for a different request; use a new key.",
        )
    if record.completed_at is None:
        raise _in_flight()
    response = Response(record.response_body, status=record.response_status)
    for name, value in (record.response_headers or {}).items():
        response.headers[name] = value
    response.headers["Idempotent-Replayed"] = "true"
    return response


def _this_key(caller_id: str, key: str) -> dict[str, str]:
    return {"b_caller_id": caller_id, "b_key": key}


def _answer_columns(response: Response) -> dict[str, Any]:
    return {
        "completed_at": clock.now(),
        "response_status": response.status_code,
        "response_headers": {
            h: response.headers[h] for h in REPLAYED_HEADERS if h in response.headers
        },
        "response_body": response.get_data(as_text=True),
    }


class _Claim(Protocol):
    """How a request holds its key while the work runs (see the module docstring)."""

    def claim(
        self, caller: Principal, key: str, fingerprint: str, now: datetime
    ) -> Response | None:
        """None: the key is ours, do the work; else the answer (or raise 401/409/422).
        Verifies the caller's session first (`requires` leaves that to the claim)."""

    def record(
        self, caller_id: str, key: str, fingerprint: str, now: datetime, response: Response
    ) -> Response | None:
        """Store the answer in the work's transaction (on PostgreSQL, and commit it);
        None, or the answer to send instead."""

    def release(self, caller_id: str, key: str) -> None:
        """The work failed or was refused: undo it and free the key."""

    def completed_meanwhile(
        self, caller_id: str, key: str, fingerprint: str, now: datetime
    ) -> Response | None:
        """After a failed try (released): the answer of a duplicate that completed the key
        while we worked, to send instead of our failure; else None."""


@functools.cache
def _insert_claim(dialect: str) -> sa.Insert:
    return insert_ignoring_conflicts(_TABLE).returning(_TABLE.c.key)


class _CommittedRow:
    """An in-flight row committed before the work (any database)."""

    def claim(
        self, caller: Principal, key: str, fingerprint: str, now: datetime
    ) -> Response | None:
        verify_session(caller)
        caller_id = caller.id
        for _ in range(2):
            inserted = execute_core(
                _insert_claim(db.engine.dialect.name),
                {"caller_id": caller_id, "key": key, "fingerprint": fingerprint, "created_at": now},
            ).first()
            if inserted is not None:
                db.session.commit()
                return None
            existing = execute_core(_FIND, _this_key(caller_id, key)).first()
            if existing is None:  # released between our insert and read: try once more
                continue
            if _expired(existing, now):
                execute_core(_DELETE, _this_key(caller_id, key))
                continue
            return _answer_from(existing, fingerprint)
        raise _in_flight()

    def record(
        self, caller_id: str, key: str, fingerprint: str, now: datetime, response: Response
    ) -> Response | None:
        execute_core(_COMPLETE, {**_this_key(caller_id, key), **_answer_columns(response)})
        return None

    def release(self, caller_id: str, key: str) -> None:
        db.session.rollback()
        execute_core(_RELEASE, _this_key(caller_id, key))
        db.session.commit()

    def completed_meanwhile(
        self, caller_id: str, key: str, fingerprint: str, now: datetime
    ) -> Response | None:
        return None  # our committed in-flight row kept every duplicate out


# The key's lock: two int4 halves of a 64-bit hash. The two-key form has its own key space,
# apart from the one-bigint locks other code takes (dispatch rounds).
_LOCK_KEYS = struct.Struct("!ii")
_ONE_ROW = sa.select(sa.literal_column("1").label("one")).subquery("one_row")
# Lock and lookup in one round trip. The lock is not waited for: a duplicate that finds it
# taken is in flight elsewhere (409). The timeout setting, local to this transaction, makes
# the database end it (and free the lock) once it sits idle past ABANDONED_AFTER: a claim
# whose worker's host vanished, leaving its connection half-open, is taken over then.
_LOCK_AND_IDLE_TIMEOUT = (
    sa.func.pg_try_advisory_xact_lock(
        sa.bindparam("lock_hi", type_=sa.Integer), sa.bindparam("lock_lo", type_=sa.Integer)
    ).label("locked"),
    sa.func.set_config(
        "idle_in_transaction_session_timeout",
        str(int(ABANDONED_AFTER.total_seconds() * 1000)),
        True,
    ).label("idle_timeout"),
)
_LOCK_AND_FIND = HotStatement(
    sa.select(*_LOCK_AND_IDLE_TIMEOUT, *_STORED).select_from(_ONE_ROW.outerjoin(_TABLE, _THIS_KEY))
)


@functools.cache
def _lock_find_and_check_session(sessions: sa.Table) -> HotStatement:
    """The same, also reading the caller's session (security.verify_session's lookup):
    a bearer request's first statement is then its only one before the work."""
    return HotStatement(
        sa.select(
            *_LOCK_AND_IDLE_TIMEOUT,
            *_STORED,
            sessions.c.revoked_at.label("session_revoked_at"),
            sessions.c.expires_at.label("session_expires_at"),
        ).select_from(
            _ONE_ROW.outerjoin(_TABLE, _THIS_KEY).outerjoin(
                sessions, sessions.c.id == sa.bindparam("session_id")
            )
        )
    )


# Keys no request holds any longer, which a claim holding the lock replaces: abandoned by
# a committed-row claim, or past the replay window. The conditions are checked again here:
# the claim's snapshot may predate its lock, and a row completed in between is live.
_DELETE_DEAD = HotStatement(
    _DELETE.where(
        sa.or_(
            sa.and_(
                _TABLE.c.completed_at.is_(None),
                _TABLE.c.created_at < sa.bindparam("abandoned_before"),
            ),
            _TABLE.c.created_at < sa.bindparam("expired_before"),
        )
    )
)
_UNIQUE_VIOLATION = "23505"
_ANSWER_COLUMNS = ["caller_id", "key", *(column.name for column in _STORED)]
# The answer row goes in with the work, and the COMMIT in the same round trip. A row
# already there is live (the claim deleted a dead one): another request completed this
# key after the claim's snapshot; the insert fails and our work is rolled back for it.
_INSERT_ANSWER = HotStatement(sa.insert(_TABLE), column_keys=_ANSWER_COLUMNS)


def _is_this_table(error: sa.exc.IntegrityError) -> bool:
    """The unique violation of a key's row (not a constraint the work checked at COMMIT)."""
    driver_error = error.orig
    return (
        getattr(driver_error, "sqlstate", None) == _UNIQUE_VIOLATION
        and driver_error.diag.table_name == _TABLE.name
    )


def lock_keys(caller_id: str, key: str) -> tuple[int, int]:
    """The advisory lock that holds (caller, key) on PostgreSQL while its work runs."""
    digest = hashlib.blake2b(f"{caller_id}\x00{key}".encode(), digest_size=8).digest()
    return _LOCK_KEYS.unpack(digest)


class _AdvisoryLock:
    """PostgreSQL: a transaction-scoped advisory lock; the answer row comes with the work."""

    def claim(
        self, caller: Principal, key: str, fingerprint: str, now: datetime
    ) -> Response | None:
        hi, lo = lock_keys(caller.id, key)
        parameters = {"lock_hi": hi, "lock_lo": lo, **_this_key(caller.id, key)}
        session_id = session_to_verify(caller)
        if session_id is None:
            found = _LOCK_AND_FIND.first(parameters)
        else:
            check = session_check()
            found = _lock_find_and_check_session(check.sessions).first(
                {**parameters, "session_id": session_id}
            )
            live = check.is_live(found.session_revoked_at, found.session_expires_at)
            if not live:
                db.session.rollback()  # frees the key's lock at once
            settle_session(live)
        # The lookup's snapshot may predate the lock: a request that completed this key in
        # between is caught when our answer row meets its row (record).
        if found.fingerprint is not None and not _expired(found, now):
            return _answer_from(found, fingerprint)
        if not found.locked:
            db.session.rollback()
            raise _in_flight()
        if found.fingerprint is not None:
            _DELETE_DEAD.run({**_this_key(caller.id, key), **_dead_before(now)})
        return None

    def record(
        self, caller_id: str, key: str, fingerprint: str, now: datetime, response: Response
    ) -> Response | None:
        db.session.flush()
        answer = {"caller_id": caller_id, "key": key, "fingerprint": fingerprint, "created_at": now}
        try:
            _INSERT_ANSWER.run({**answer, **_answer_columns(response)}, commit=True)
        except sa.exc.IntegrityError as error:
            if not _is_this_table(error):
                raise
            db.session.rollback()
            existing = execute_core(_FIND, _this_key(caller_id, key)).first()
            if existing is None:  # gone again meanwhile: let the client retry
                db.session.rollback()
                raise _in_flight() from None
            return _answer_from(existing, fingerprint)
        return None

    def release(self, caller_id: str, key: str) -> None:
        db.session.rollback()

    def completed_meanwhile(
        self, caller_id: str, key: str, fingerprint: str, now: datetime
    ) -> Response | None:
        # The claim's snapshot may predate its lock: a duplicate that completed the key in
        # between did the same work, which is why ours failed (its courier's employee
        # number is taken, say). Its answer is the one the client is owed.
        found = execute_core(_FIND, _this_key(caller_id, key)).first()
        if found is None or found.completed_at is None or _expired(found, now):
            return None
        return _answer_from(found, fingerprint)


_COMMITTED_ROW, _ADVISORY_LOCK = _CommittedRow(), _AdvisoryLock()


def keyed(func: Callable[..., Response]) -> Callable[..., Response]:
    """`func` behind an Idempotency-Key: its work and its stored answer commit together.

    Not a decorator of its own: `@requires(..., idempotent=True)` calls it, and hands the
    returned function the authenticated caller (`run(caller, *args, **kwargs)`), whose
    session the key's claim checks in its own statement. One decorator, so there is no
    order between authentication and the key to get wrong."""

    @wraps(func)
    def run(caller: Principal, *args: Any, **kwargs: Any) -> Response:
        try:
            key = _key_from_header()
        except Problem:
            verify_session(caller)  # an ended session hears 401 first
            raise
        caller_id = caller.id
        fingerprint = fingerprint_request()
        now = clock.now()
        claims: _Claim = (
            _ADVISORY_LOCK if db.engine.dialect.name == "postgresql" else _COMMITTED_ROW
        )
        answer = claims.claim(caller, key, fingerprint, now)
        if answer is not None:
            return answer
        try:
            response = func(*args, **kwargs)
            if response.status_code >= 400:
                claims.release(caller_id, key)
                return claims.completed_meanwhile(caller_id, key, fingerprint, now) or response
            instead = claims.record(caller_id, key, fingerprint, now, response)
            if instead is not None:
                return instead
            commit_and_end()
        except Problem:
            claims.release(caller_id, key)
            answer = claims.completed_meanwhile(caller_id, key, fingerprint, now)
            if answer is None:
                raise
            return answer
        except BaseException:
            claims.release(caller_id, key)
            raise
        return response

    return run


def document_key(view: Callable) -> Callable:
    """The Idempotency-Key header and the problems it brings, in the view's OpenAPI entry."""
    document_header(
        view,
        {
            "name": HEADER,
            "in": "header",
            "required": True,
            "description": "Unique per intended request (a UUID). Replayed for 24 h.",
            # The server's own rule: 1-255 printable ASCII characters, no space.
            "schema": {
                "type": "string",
                "minLength": 1,
                "maxLength": 255,
                "pattern": KEY_PATTERN.pattern,
            },
        },
    )
    return document_problems(view, (400, 409, 422))


def purge_expired(now: datetime | None = None) -> int:
    """Delete completed keys past their replay window; returns how many."""
    now = now or clock.now()
    cutoff = now - timedelta(seconds=current_app.config["IDEMPOTENCY_TTL_S"])
    result = db.session.execute(sa.delete(IdempotencyKey).where(IdempotencyKey.created_at < cutoff))
    return result.rowcount or 0
