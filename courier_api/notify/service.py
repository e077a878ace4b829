"""Webhooks: endpoints managed by organisation clerks, deliveries fanned out from the
outbox, signed (DESIGN.md), retried with backoff over about four hours, then dead-lettered.

An endpoint whose deliveries keep dying is disabled; events for it are then *held* (kept,
not sent) until a clerk redelivers, which re-enables it and releases what was held.
"""

from __future__ import annotations

import json
import secrets
from datetime import timedelta
from urllib.parse import urlsplit

import sqlalchemy as sa

from courier_api.core import clock
from courier_api.core.crypto import decrypt, encrypt
from courier_api.core.errors import conflict, field_error
from courier_api.core.events import SUBSCRIBABLE
from courier_api.core.ids import new_id
from courier_api.core.outbox import OutboxEvent, once_per_batch
from courier_api.core.pg import among
from courier_api.core.scoping import get_scoped, scoped_select
from courier_api.core.security import Principal
from courier_api.extensions import db
from courier_api.notify import inbox
from courier_api.notify.models import WebhookDelivery, WebhookEndpoint
from courier_api.signing import webhook_signature

SECRET_CONTEXT = "webhook_secret"
#: Waits after each failed attempt: 8 attempts spread over 4 hours (60 s ... 105 min).
BACKOFF_S = (60, 240, 600, 1200, 2400, 3600, 6300)
MAX_ATTEMPTS = len(BACKOFF_S) + 1
#: Dead deliveries in a row after which an endpoint is disabled.
DISABLE_AFTER_DEAD = 3
LEASE = timedelta(seconds=60)

# --- endpoints ------------------------------------------------------------------------------


def _check_url(url: str, *, allow_http: bool) -> None:
    parts = urlsplit(url)
    schemes = ("https", "http") if allow_http else ("https",)
    if parts.scheme not in schemes or not parts.hostname:
        raise field_error("url", "Give an absolute https:// URL.", "invalid_url")


def _check_events(events: list[str]) -> list[str]:
    if not events:
        return ["*"]
    for index, kind in enumerate(events):
        if kind not in SUBSCRIBABLE:  # a typo would never fire
            raise field_error(f"events.{index}", "Use '*' or a kind of the contract's webhooks.")
    return sorted(set(events))


def create_endpoint(
    *, caller: Principal, url: str, events: list[str], description: str, allow_http: bool
) -> tuple[WebhookEndpoint, str]:
    """Returns the endpoint and its signing secret (shown to the caller once)."""
    _check_url(url, allow_http=allow_http)
    secret = "whsec_" + secrets.token_urlsafe(32)
    endpoint = WebhookEndpoint(
        id=new_id("whe"),
        organisation_id=caller.org_id,
        url=url,
        description=description,
        events=_check_events(events),
        secret_encrypted=encrypt(secret, context=SECRET_CONTEXT),
        created_by=caller.id,
        sandbox=caller.sandbox,
    )
    db.session.add(endpoint)
    db.session.flush()
    return endpoint, secret


def list_endpoints(*, caller: Principal) -> sa.Select:
    return scoped_select(WebhookEndpoint, caller)


def get_endpoint(*, caller: Principal, endpoint_id: str) -> WebhookEndpoint:
    return get_scoped(WebhookEndpoint, endpoint_id, caller, what="webhook_endpoint")


def delete_endpoint(*, caller: Principal, endpoint_id: str) -> None:
    endpoint = get_endpoint(caller=caller, endpoint_id=endpoint_id)
    endpoint.deleted_at = clock.now()
    db.session.execute(
        sa.update(WebhookDelivery)
        .where(
            WebhookDelivery.endpoint_id == endpoint.id,
            WebhookDelivery.status.in_(("pending", "held")),
        )
        .values(status="dead", last_error="endpoint deleted")
    )


# --- fan-out from the outbox ----------------------------------------------------------------


def _live_endpoints(events: list[OutboxEvent]) -> list[WebhookEndpoint]:
    """The endpoints of every organisation the events concern (one query a batch)."""
    organisations = {org_id for event in events for org_id in event.organisation_ids or ()}
    if not organisations:
        return []
    return db.session.scalars(
        sa.select(WebhookEndpoint).where(
            among(WebhookEndpoint.organisation_id, sorted(organisations)),
            WebhookEndpoint.deleted_at.is_(None),
        )
    ).all()


def event_body(event: OutboxEvent) -> str:
    return json.dumps(
        {
            "id": event.id,
            "type": event.kind,
            "created_at": clock.to_rfc3339(event.created_at),
            "data": event.payload,
        },
        ensure_ascii=False,
        separators=(",", ":"),
        sort_keys=True,
    )


def fan_out(event: OutboxEvent) -> None:
    """One delivery per subscribed endpoint of each organisation the event concerns."""
    if not event.organisation_ids:
        return
    endpoints = [
        endpoint
        for endpoint in once_per_batch(event, "webhook_endpoints", _live_endpoints)
        if endpoint.organisation_id in event.organisation_ids and endpoint.wants(event.kind)
    ]
    if not endpoints:
        return  # most events: asking whether the order is a sandbox one is a query
    sandbox = inbox.audience(event).sandbox
    now = clock.now()
    body = event_body(event)
    for endpoint in endpoints:
        if endpoint.sandbox is not sandbox:
            # Sandbox orders' events to sandbox endpoints, live ones to live endpoints.
            continue
        db.session.add(
            WebhookDelivery(
                id=new_id("whd"),
                endpoint_id=endpoint.id,
                organisation_id=endpoint.organisation_id,
                event_id=event.id,
                event_kind=event.kind,
                body=body,
                status="held" if endpoint.disabled_at else "pending",
                next_attempt_at=now,
                created_at=now,
            )
        )


# --- attempts --------------------------------------------------------------------------------


def signed_headers_for(delivery: WebhookDelivery) -> dict[str, str]:
    secret = decrypt(delivery.endpoint.secret_encrypted, context=SECRET_CONTEXT)
    stamp = int(clock.now().timestamp())
    return {
        "Content-Type": "application/json",
        "User-Agent": "courier_api-webhooks/1",
        "X-Courier-Event-Id": delivery.event_id,
        "X-Courier-Signature": webhook_signature(secret, stamp, delivery.body.encode()),
    }


def record_attempt(delivery: WebhookDelivery, status: int | None, error: str | None) -> None:
    now = clock.now()
    delivery.attempts += 1
    delivery.last_status_code = status
    delivery.last_error = error
    delivery.lease_until = None
    endpoint = delivery.endpoint
    if error is None:
        delivery.status = "succeeded"
        delivery.delivered_at = now
        endpoint.consecutive_dead = 0
        return
    if delivery.attempts < MAX_ATTEMPTS:
        delivery.status = "pending"
        delivery.next_attempt_at = now + timedelta(seconds=BACKOFF_S[delivery.attempts - 1])
        return
    delivery.status = "dead"
    endpoint.consecutive_dead += 1
    if endpoint.consecutive_dead >= DISABLE_AFTER_DEAD and endpoint.disabled_at is None:
        endpoint.disabled_at = now
        db.session.execute(
            sa.update(WebhookDelivery)
            .where(WebhookDelivery.endpoint_id == endpoint.id, WebhookDelivery.status == "pending")
            .values(status="held")
        )


# --- deliveries for clerks ------------------------------------------------------------------


def list_deliveries(
    *, caller: Principal, status: str | None = None, endpoint_id: str | None = None
) -> sa.Select:
    return scoped_select(WebhookDelivery, caller, status=status, endpoint_id=endpoint_id)


def redeliver(*, caller: Principal, delivery_id: str) -> WebhookDelivery:
    """Send again now. On a disabled endpoint this re-enables it and releases held events."""
    delivery = get_scoped(WebhookDelivery, delivery_id, caller, what="webhook_delivery")
    endpoint = delivery.endpoint
    if endpoint.deleted_at is not None:
        raise conflict("endpoint_deleted", "The endpoint of this delivery was deleted.")
    if delivery.status == "sending":
        raise conflict("delivery_in_progress", "This delivery is being sent now.", "sending")
    now = clock.now()
    if endpoint.disabled_at is not None:
        endpoint.disabled_at = None
        endpoint.consecutive_dead = 0
        db.session.execute(
            sa.update(WebhookDelivery)
            .where(WebhookDelivery.endpoint_id == endpoint.id, WebhookDelivery.status == "held")
            .values(status="pending", next_attempt_at=now)
        )
    delivery.status = "pending"
    delivery.attempts = 0
    delivery.next_attempt_at = now
    db.session.flush()
    return delivery
