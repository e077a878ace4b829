"""Marks the background worker leaves for the API to read: its last heartbeat, the last
dispatch round's duration. One row per name, overwritten; the API nodes share them through
the database (the worker may run on another machine)."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from courier_api.core import clock
from courier_api.core.db import UTCDateTime
from courier_api.extensions import db

log = logging.getLogger("courier_api.heartbeat")

WORKER = "worker"
DISPATCH_ROUND = "dispatch_round"
BROKER_TIMEOUT_S = 2.0


class Heartbeat(db.Model):
    __tablename__ = "heartbeats"

    name: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    beat_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    #: What the mark measures, if anything (a dispatch round: its seconds).
    value: Mapped[float | None] = mapped_column(sa.Float)


def beat(name: str, value: float | None = None) -> None:
    """Record `name` now, on its own connection: a mark sticks whatever the caller's
    transaction does."""
    table = Heartbeat.__table__
    if db.engine.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    row = {"name": name, "beat_at": clock.now(), "value": value}
    stmt = insert(table).values(row)
    stmt = stmt.on_conflict_do_update(
        index_elements=[table.c.name], set_={"beat_at": row["beat_at"], "value": value}
    )
    with db.engine.begin() as connection:
        connection.execute(stmt)


def marks() -> dict[str, Heartbeat]:
    return {mark.name: mark for mark in db.session.scalars(sa.select(Heartbeat))}


def probe_broker(celery_app: Any, timeout_s: float = BROKER_TIMEOUT_S) -> int | None:
    """Messages waiting in the worker's queue; None when the broker cannot be reached."""
    url = str(celery_app.conf.broker_url or "")
    # Bounded: a probe must not hold a request thread while the broker hangs.
    options = {"socket_timeout": timeout_s, "socket_connect_timeout": timeout_s}
    try:
        with celery_app.connection_for_read(
            connect_timeout=timeout_s,
            transport_options=options if url.startswith(("redis", "rediss")) else {},
        ) as connection:
            connection.ensure_connection(max_retries=1, interval_start=0, timeout=timeout_s)
            # Not passive: Redis deletes an empty queue's list, and a passive declare then
            # fails as if the queue did not exist.
            declared = connection.default_channel.queue_declare(
                queue=celery_app.conf.task_default_queue
            )
            return int(declared.message_count)
    except Exception as exc:
        log.warning("broker unavailable: %s", type(exc).__name__)
        return None


def worker_age_s(mark: Heartbeat | None) -> float | None:
    return None if mark is None else max(0.0, (clock.now() - mark.beat_at).total_seconds())
