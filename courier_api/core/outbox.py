"""The transactional outbox: events written in the same transaction as the change they
report, dispatched afterwards by the worker.

A service calls `emit(...)`; nothing leaves the process until the request commits, and a
rolled-back request leaves no event. The worker's `dispatch_pending` hands each event to
the handlers registered for its kind (fan-out to webhook deliveries, citizen
notifications, ...), at least once: an event whose handler fails is retried with backoff
and marked `failed` after the last attempt.

Dispatch goes in batches, oldest event first, each batch one transaction: its due events
are row-locked with SKIP LOCKED (two workers never hold the same event), each event's
handlers run in a savepoint (a failing one takes back only its own writes), and the batch
is marked with one UPDATE, so an event is `dispatched` exactly when its handlers' rows are
committed. Handlers only write rows (the webhook and WeChat/SMS sending is done later by
the notify jobs, under their own leases), so no outside call runs in these transactions.
A call goes on batch after batch while there is a backlog, within bounds.

An event keeps the request id and W3C traceparent of the request that caused it: its
handlers run, and log, under them.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from contextvars import ContextVar
from datetime import datetime, timedelta
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from courier_api.core import clock, events
from courier_api.core.db import UTCDateTime, id_column
from courier_api.core.ids import ID_LENGTH, new_id
from courier_api.core.observability import current_trace, log_context
from courier_api.core.pg import insert_rows
from courier_api.extensions import db

log = logging.getLogger("courier_api.outbox")
T = TypeVar("T")

MAX_ATTEMPTS = 10
EVENT_STATUSES = ("pending", "dispatched", "failed")
#: Events per transaction: one commit, one UPDATE for those dispatched.
BATCH_SIZE = 500
#: Bounds of one `dispatch_pending` call (one worker task run); the next run goes on.
MAX_PER_RUN = 20_000
#: Below the beat (2 s): the worker runs one task at a time, and dispatch rounds (offers to
#: couriers) must not wait behind a long backlog.
MAX_RUN_S = 1.5


class OutboxEvent(db.Model):
    __tablename__ = "outbox_events"

    id: Mapped[str] = id_column()
    kind: Mapped[str] = mapped_column(sa.String(64), nullable=False)
    subject_type: Mapped[str] = mapped_column(sa.String(32), nullable=False)
    subject_id: Mapped[str] = mapped_column(sa.String(ID_LENGTH), nullable=False)
    #: Organisations entitled to hear of it (webhooks go only to these).
    organisation_ids: Mapped[list] = mapped_column(sa.JSON, nullable=False, default=list)
    #: A citizen to notify (WeChat / SMS), when there is one.
    citizen_id: Mapped[str | None] = mapped_column(sa.String(ID_LENGTH))
    payload: Mapped[dict] = mapped_column(sa.JSON, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    status: Mapped[str] = mapped_column(sa.String(16), nullable=False, default="pending")
    attempts: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    dispatched_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(sa.String(300))
    #: The causing request's (none for events the worker causes itself).
    request_id: Mapped[str | None] = mapped_column(sa.String(64))
    traceparent: Mapped[str | None] = mapped_column(sa.String(55))

    __table_args__ = (sa.Index("ix_outbox_events_due", "status", "next_attempt_at"),)


Handler = Callable[[OutboxEvent], None]
_handlers: list[tuple[str, Handler]] = []


def on_event(kind: str = "*") -> Callable[[Handler], Handler]:
    """Register a handler for events of `kind` ("*" for every kind)."""

    def register(handler: Handler) -> Handler:
        if (kind, handler) not in _handlers:
            _handlers.append((kind, handler))
        return handler

    return register


def event_row(
    kind: str,
    *,
    subject_type: str,
    subject_id: str,
    payload: dict[str, Any],
    organisation_ids: list[str] | tuple[str, ...] = (),
    citizen_id: str | None = None,
) -> dict[str, Any]:
    """A new event's row: `emit` adds it to the session; a batch writer collects rows and
    writes them with `emit_rows` (no ORM object per event)."""
    events.check(kind, payload)
    now = clock.now()
    return {
        "id": new_id("evt"),
        "kind": kind,
        "subject_type": subject_type,
        "subject_id": subject_id,
        "organisation_ids": sorted(set(organisation_ids)),
        "citizen_id": citizen_id,
        "payload": payload,
        "created_at": now,
        "next_attempt_at": now,
        **current_trace(),
    }


def owner_audience(owner_kind: str, owner_id: str) -> dict[str, Any]:
    """`emit` fields that tell one owner: a citizen (WeChat/SMS) or an organisation
    (webhooks)."""
    if owner_kind == "organisation":
        return {"organisation_ids": [owner_id], "citizen_id": None}
    return {"organisation_ids": [], "citizen_id": owner_id}


def emit(kind: str, **fields: Any) -> OutboxEvent:
    """Record an event in the caller's transaction (it is sent only if that commits);
    `fields` as for `event_row`."""
    return record(event_row(kind, **fields))


def record(row: dict[str, Any]) -> OutboxEvent:
    """Add an event row (from `event_row`) to the session: written with the next flush."""
    event = OutboxEvent(**row)
    db.session.add(event)
    return event


def emit_now(kind: str, **fields: Any) -> None:
    """Insert one event at once with a Core statement, for a request that writes no ORM
    objects (it then needs no flush); `fields` as for `event_row`."""
    insert_rows(OutboxEvent.__table__, [event_row(kind, **fields)])


def emit_rows(rows: list[dict[str, Any]]) -> None:
    """Record many event rows (from `event_row`) set-based, in the caller's transaction."""
    insert_rows(OutboxEvent.__table__, rows)


def _backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(2**attempts, 3600))


def dispatch_pending(
    *,
    batch_size: int = BATCH_SIZE,
    limit: int = MAX_PER_RUN,
    max_seconds: float = MAX_RUN_S,
) -> int:
    """Hand due events to their handlers, batch after batch while there is a backlog (at
    most `limit` events or `max_seconds` per call: the next call goes on); returns how many
    were dispatched."""
    dispatched = 0
    handled = 0
    deadline = time.monotonic() + max_seconds
    while handled < limit and time.monotonic() < deadline:
        claimed, succeeded = _dispatch_batch(min(batch_size, limit - handled))
        dispatched += succeeded
        handled += claimed
        if claimed < batch_size:
            break  # no more due events (or the rest are another worker's just now)
    return dispatched


def _dispatch_batch(size: int) -> tuple[int, int]:
    """One transaction: lock up to `size` due events (oldest first), run their handlers in
    that order, mark the batch. Returns (events claimed, events dispatched)."""
    now = clock.now()
    # Row locks, skipping events another worker holds: each event is handled by one worker.
    # They last until the commit below; a worker that dies mid-batch loses its transaction,
    # so its events are due again at once, with nothing of their handlers' work kept.
    events = db.session.scalars(
        sa.select(OutboxEvent)
        .where(OutboxEvent.status == "pending", OutboxEvent.next_attempt_at <= now)
        .order_by(OutboxEvent.id)
        .limit(size)
        .with_for_update(skip_locked=True)
    ).all()
    if not events:
        db.session.rollback()
        return 0, 0
    failed: dict[str, Exception] = {}
    batch = _batch.set((events, {}))
    try:
        return _dispatch_events(events, failed)
    finally:
        _batch.reset(batch)


def _dispatch_events(events: list[OutboxEvent], failed: dict[str, Exception]) -> tuple[int, int]:
    """Run the claimed events' handlers and mark each event, in the batch's transaction."""
    try:
        # The batch's handlers in one savepoint: their rows are flushed together.
        with db.session.begin_nested():
            for event in events:
                try:
                    _run_handlers(event)
                except Exception as exc:
                    # A handler's own failure is its event's attempt. A database error may
                    # come from an earlier event's rows, flushed by this handler's query:
                    # event by event below, it is charged to the event that wrote them.
                    if not isinstance(exc, sa.exc.SQLAlchemyError):
                        failed[event.id] = exc
                    raise
        succeeded, failures = [event.id for event in events], []
    except Exception as exc:
        if _connection_lost(exc):
            raise  # no event's fault, and nothing can be recorded: the next run retries
        # Something failed: take the batch's writes back and go event by event, so that
        # only the failing events are retried and the others are dispatched (once).
        succeeded, failures = _dispatch_one_by_one(events, failed)
    if succeeded:
        db.session.execute(
            sa.update(OutboxEvent)
            .where(OutboxEvent.id.in_(succeeded))
            .values(status="dispatched", dispatched_at=clock.now()),
            execution_options={"synchronize_session": False},
        )
    if failures:
        db.session.execute(
            sa.update(OutboxEvent), failures, execution_options={"synchronize_session": False}
        )
    db.session.commit()
    return len(events), len(succeeded)


#: The events of the batch being dispatched, and what handlers read once for all of them.
_batch: ContextVar[tuple[list[OutboxEvent], dict[str, Any]] | None] = ContextVar(
    "outbox_batch", default=None
)


def once_per_batch(event: OutboxEvent, key: str, load: Callable[[list[OutboxEvent]], T]) -> T:
    """What `load` makes of the events dispatched in one transaction with `event`, made
    once for the batch under `key`: a handler's read for all its events at once instead
    of a query an event. Outside a dispatch, of the event alone."""
    batch = _batch.get()
    if batch is None:
        return load([event])
    events, made = batch
    if key not in made:
        made[key] = load(events)
    return made[key]


def _run_handlers(event: OutboxEvent) -> None:
    with log_context(request_id=event.request_id, traceparent=event.traceparent):
        for kind, handler in _handlers:
            if kind in ("*", event.kind):
                handler(event)


def _dispatch_one_by_one(
    events: list[OutboxEvent], failed: dict[str, Exception]
) -> tuple[list[str], list[dict[str, Any]]]:
    """Each event in its own savepoint (one that already failed in this batch is not run
    again: that was its attempt)."""
    succeeded: list[str] = []
    failures: list[dict[str, Any]] = []
    for event in events:
        exc = failed.get(event.id)
        if exc is None:
            try:
                # A failing handler takes back only its own event's writes.
                with db.session.begin_nested():
                    _run_handlers(event)
            except Exception as caught:
                if _connection_lost(caught):
                    raise
                exc = caught
        if exc is None:
            succeeded.append(event.id)
        else:
            with log_context(request_id=event.request_id, traceparent=event.traceparent):
                log.warning(
                    "outbox event %s failed: %s", event.id, type(exc).__name__, exc_info=exc
                )
            failures.append(_failure(event, exc))
    return succeeded, failures


def _connection_lost(exc: Exception) -> bool:
    return isinstance(exc, sa.exc.PendingRollbackError) or (
        isinstance(exc, sa.exc.DBAPIError) and exc.connection_invalidated
    )


def _failure(event: OutboxEvent, exc: Exception) -> dict[str, Any]:
    """The event's row after a failed attempt: retried with backoff, `failed` at the last."""
    attempts = event.attempts + 1
    row: dict[str, Any] = {
        "id": event.id,
        "attempts": attempts,
        "last_error": f"{type(exc).__name__}: {exc}"[:300],
    }
    if attempts >= MAX_ATTEMPTS:
        row["status"] = "failed"
    else:
        row["next_attempt_at"] = clock.now() + _backoff(attempts)
    return row
