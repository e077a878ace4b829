"""The transactional outbox: events written in the same transaction as the change they
report, dispatched afterwards by the worker.

A service calls `emit(...)`; nothing leaves the process until the request commits, and a
rolled-back request leaves no event. The worker's `dispatch_pending` hands each event to
the handlers registered for its kind (fan-out to webhook deliveries, citizen
notifications, ...), in one transaction per event, at least once: an event whose handler
fails is retried with backoff and marked `failed` after the last attempt.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from courier_api.core import clock
from courier_api.core.db import UTCDateTime, id_column
from courier_api.core.ids import ID_LENGTH, new_id
from courier_api.extensions import db

log = logging.getLogger("courier_api.outbox")

MAX_ATTEMPTS = 10
EVENT_STATUSES = ("pending", "dispatched", "failed")


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


def emit(
    kind: str,
    *,
    subject_type: str,
    subject_id: str,
    payload: dict[str, Any],
    organisation_ids: list[str] | tuple[str, ...] = (),
    citizen_id: str | None = None,
) -> OutboxEvent:
    """Record an event in the caller's transaction (it is sent only if that commits)."""
    now = clock.now()
    event = OutboxEvent(
        id=new_id("evt"),
        kind=kind,
        subject_type=subject_type,
        subject_id=subject_id,
        organisation_ids=sorted(set(organisation_ids)),
        citizen_id=citizen_id,
        payload=payload,
        created_at=now,
        next_attempt_at=now,
    )
    db.session.add(event)
    return event


def _backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(2**attempts, 3600))


def dispatch_pending(limit: int = 100) -> int:
    """Hand due events to their handlers; returns how many were dispatched."""
    dispatched = 0
    ids = db.session.scalars(
        sa.select(OutboxEvent.id)
        .where(OutboxEvent.status == "pending", OutboxEvent.next_attempt_at <= clock.now())
        .order_by(OutboxEvent.id)
        .limit(limit)
    ).all()
    db.session.rollback()
    for event_id in ids:
        dispatched += _dispatch_one(event_id)
    return dispatched


def _dispatch_one(event_id: str) -> int:
    # Row lock, skipping events another worker holds: each event is handled by one worker.
    event = db.session.scalars(
        sa.select(OutboxEvent)
        .where(OutboxEvent.id == event_id, OutboxEvent.status == "pending")
        .with_for_update(skip_locked=True)
    ).first()
    if event is None:
        db.session.rollback()
        return 0
    try:
        for kind, handler in _handlers:
            if kind in ("*", event.kind):
                handler(event)
        event.status = "dispatched"
        event.dispatched_at = clock.now()
        db.session.commit()
        return 1
    except Exception as exc:
        db.session.rollback()
        log.warning("outbox event %s failed: %s", event_id, type(exc).__name__, exc_info=True)
        _record_failure(event_id, exc)
        return 0


def _record_failure(event_id: str, exc: Exception) -> None:
    event = db.session.get(OutboxEvent, event_id)
    event.attempts += 1
    event.last_error = f"{type(exc).__name__}: {exc}"[:300]
    if event.attempts >= MAX_ATTEMPTS:
        event.status = "failed"
    else:
        event.next_attempt_at = clock.now() + _backoff(event.attempts)
    db.session.commit()
