"""Worker jobs for webhooks: claim due deliveries, send them, record each attempt.

Jobs commit (each attempt on its own), unlike services: they run in the worker, not in a
request. A claim is a lease, so a worker that dies mid-send lets another retry.
"""

from __future__ import annotations

from collections.abc import Callable

import httpx
import sqlalchemy as sa

from courier_api.core import clock
from courier_api.extensions import db
from courier_api.notify.leases import leased
from courier_api.notify.models import WebhookDelivery
from courier_api.notify.service import LEASE, record_attempt, signed_headers_for

#: (url, body, headers) -> HTTP status; raises on a network failure.
Sender = Callable[[str, bytes, dict[str, str]], int]


def http_sender(timeout_s: float) -> Sender:
    client = httpx.Client(timeout=httpx.Timeout(timeout_s), follow_redirects=False)

    def send(url: str, body: bytes, headers: dict[str, str]) -> int:
        return client.post(url, content=body, headers=headers).status_code

    return send


def _claim_next() -> str | None:
    """Lease one due delivery (committed), so a slow receiver never outlives the lease of
    deliveries still waiting behind it in a batch."""
    now = clock.now()
    due = sa.or_(
        sa.and_(WebhookDelivery.status == "pending", WebhookDelivery.next_attempt_at <= now),
        sa.and_(WebhookDelivery.status == "sending", WebhookDelivery.lease_until <= now),
    )
    delivery = db.session.scalars(
        sa.select(WebhookDelivery)
        .where(due)
        .order_by(WebhookDelivery.next_attempt_at)
        .limit(1)
        .with_for_update(skip_locked=True, of=WebhookDelivery)
    ).first()
    if delivery is None:
        db.session.rollback()
        return None
    delivery.status, delivery.lease_until = "sending", now + LEASE
    db.session.commit()
    return delivery.id


def deliver_due(send: Sender, limit: int = 2000, max_seconds: float = 4.0) -> dict[str, int]:
    """Send what is due, within one beat (5 s); each attempt's result is committed on its
    own (worker job)."""
    counts = {"succeeded": 0, "failed": 0}
    for delivery_id in leased(_claim_next, limit, max_seconds):
        delivery = db.session.get(WebhookDelivery, delivery_id)
        try:
            status = send(
                delivery.endpoint.url, delivery.body.encode(), signed_headers_for(delivery)
            )
            error = None if 200 <= status < 300 else f"HTTP {status}"
        except Exception as exc:  # the receiver's network, DNS, TLS, timeout...
            status, error = None, f"{type(exc).__name__}: {exc}"[:300]
        record_attempt(delivery, status, error)
        db.session.commit()
        counts["succeeded" if error is None else "failed"] += 1
    return counts
