"""Citizen notifications from outbox events: WeChat subscribe messages, else SMS.

Domains describe what to say as a composer: a function from an outbox event to `Message`s
(template, WeChat template id and fields, SMS params, recipient), registered for its event
kinds in `wiring.NOTIFICATIONS`. The outbox handler turns them into `Notification` rows in
the event's dispatch transaction; the worker's `send_due` sends them, retrying `retry`
outcomes with backoff and never retrying a final refusal (WeChat 43101), for which it falls
back to SMS when a phone is known.

A message may carry secrets (a delivery PIN): they rest encrypted in the notification,
are merged into the WeChat data or SMS params only when sending, and are erased once the
notification is sent or given up.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from flask import current_app

from courier_api.core import clock
from courier_api.core.crypto import decrypt, encrypt
from courier_api.core.ids import new_id
from courier_api.core.outbox import OutboxEvent
from courier_api.extensions import db
from courier_api.identity.models import Citizen
from courier_api.integrations.common import SendResult
from courier_api.notify import inbox
from courier_api.notify.leases import leased
from courier_api.notify.models import Notification

log = logging.getLogger("courier_api.notifications")

MAX_ATTEMPTS = 6
_OUTCOME = {"sent": "sent", "final_refusal": "refused", "retry": "retry"}
LEASE = timedelta(seconds=60)


@dataclass(frozen=True)
class Message:
    template: str
    wechat_template_id: str | None = None
    wechat_page: str | None = None
    wechat_data: dict[str, str] = field(default_factory=dict)
    sms_params: dict[str, str] = field(default_factory=dict)
    citizen_id: str | None = None
    phone: str | None = None
    #: Values that must not rest in clear (a PIN): merged into wechat_data / sms_params at
    #: send time only.
    secret_wechat_data: dict[str, str] = field(default_factory=dict)
    secret_sms_params: dict[str, str] = field(default_factory=dict)


def wechat_message(template: str, *, page: str, data: dict[str, str], **rest: Any) -> Message:
    """A message sent as the WeChat subscribe message configured for `template` (the ids
    are per deployment: WECHAT_TEMPLATES), by SMS when WeChat cannot reach the citizen."""
    template_id = current_app.config["WECHAT_TEMPLATES"][template]
    return Message(
        template=template,
        wechat_template_id=template_id,
        wechat_page=page,
        wechat_data=data,
        **rest,
    )


def local_minute(at: datetime | str) -> str:
    """A time as people read it in a message: the business zone, to the minute."""
    if isinstance(at, str):
        at = datetime.fromisoformat(at)
    return at.astimezone(clock.business_zone()).strftime("%Y-%m-%d %H:%M")


def _secrets_context(notification_id: str) -> str:
    return f"notification_secrets:{notification_id}"


def _seal(notification_id: str, message: Message) -> str | None:
    if not message.secret_wechat_data and not message.secret_sms_params:
        return None
    sealed = {"wechat_data": message.secret_wechat_data, "sms_params": message.secret_sms_params}
    return encrypt(json.dumps(sealed), context=_secrets_context(notification_id))


def _in_clear(message: Message) -> dict[str, Any]:
    """The message's fields but its secrets: the notification's columns of the same names."""
    return {k: v for k, v in asdict(message).items() if not k.startswith("secret_")}


def _unseal(notification: Notification) -> dict[str, dict[str, str]]:
    if notification.secrets_encrypted is None:
        return {"wechat_data": {}, "sms_params": {}}
    return json.loads(
        decrypt(notification.secrets_encrypted, context=_secrets_context(notification.id))
    )


Composer = Callable[[OutboxEvent], list[Message]]
_composers: dict[str, list[Composer]] = {}


def notifies(kind: str) -> Callable[[Composer], Composer]:
    """Register what to tell people when an event of `kind` happens."""

    def register(composer: Composer) -> Composer:
        _composers.setdefault(kind, [])
        if composer not in _composers[kind]:
            _composers[kind].append(composer)
        return composer

    return register


def queue_notifications(event: OutboxEvent) -> None:
    now = clock.now()
    for composer in _composers.get(event.kind, ()):
        for message in composer(event):
            channel = "wechat" if message.citizen_id and message.wechat_template_id else "sms"
            if channel == "sms" and not message.phone:
                continue
            # Asked only once there is a message: most events tell nobody, and the lookup
            # (a query) was a quarter of the worker's CPU under the peak mix.
            audience = inbox.audience(event)
            notification_id = new_id("ntf")
            db.session.add(
                Notification(
                    id=notification_id,
                    event_id=event.id,
                    channel=channel,
                    **_in_clear(message),
                    secrets_encrypted=_seal(notification_id, message),
                    next_attempt_at=now,
                    created_at=now,
                    sandbox=audience.sandbox,
                    owners=[list(owner) for owner in audience.owners] or None,
                )
            )


def _claim_next() -> str | None:
    """Lease one due notification (committed): its next attempt moves past the lease."""
    now = clock.now()
    row = db.session.scalars(
        sa.select(Notification)
        .where(Notification.status == "pending", Notification.next_attempt_at <= now)
        .order_by(Notification.next_attempt_at)
        .limit(1)
        .with_for_update(skip_locked=True)
    ).first()
    if row is None:
        db.session.rollback()
        return None
    row.next_attempt_at = now + LEASE
    db.session.commit()
    return row.id


def _content(notification: Notification) -> tuple[dict[str, Any], dict[str, str]]:
    """What goes out, secrets merged in (WeChat data, or SMS params), and the secrets."""
    sealed = _unseal(notification)
    if notification.channel == "wechat":
        secrets = sealed["wechat_data"]
        return {**(notification.wechat_data or {}), **secrets}, secrets
    secrets = sealed["sms_params"]
    return {**(notification.sms_params or {}), **secrets}, secrets


def _send(notification: Notification, connectors, content: dict[str, Any]) -> SendResult:
    if notification.sandbox:
        # A sandbox order never sends a real message, whatever the live configuration.
        connectors = inbox.fake_connectors()
    if notification.channel == "wechat":
        openid = db.session.scalar(
            sa.select(Citizen.openid).where(Citizen.id == notification.citizen_id)
        )
        if openid is None:
            return SendResult("final_refusal", detail="citizen has no openid")
        return connectors.wechat.send_subscribe_message(
            openid, notification.wechat_template_id, notification.wechat_page, content
        )
    return connectors.sms.send(notification.phone, notification.template, content)


def send_due(connectors, limit: int = 2000, max_seconds: float = 1.5) -> dict[str, int]:
    """Worker job: send due notifications, within one beat (2 s); commits each outcome on
    its own."""
    counts = {"sent": 0, "refused": 0, "retry": 0}
    for notification_id in leased(_claim_next, limit, max_seconds):
        notification = db.session.get(Notification, notification_id)
        content, secrets = _content(notification)
        try:
            result = _send(notification, connectors, content)
        except ValueError as exc:  # a field WeChat/SMS would refuse: never sendable as is
            result = SendResult("final_refusal", detail=f"{type(exc).__name__}: {exc}")
        except Exception as exc:  # an upstream problem: try again later
            result = SendResult("retry", detail=f"{type(exc).__name__}")
        _record(notification, result)
        if result.sent:
            inbox.keep(
                notification,
                content,
                secrets,
                open_inbox=current_app.config["SANDBOX_OPEN_INBOX"],
            )
        db.session.commit()
        counts[_OUTCOME[result.status]] += 1
    return counts


def _record(notification: Notification, result: SendResult) -> None:
    now = clock.now()
    notification.attempts += 1
    notification.last_error = None if result.sent else (result.detail or str(result.errcode))[:300]
    if result.sent:
        notification.status, notification.sent_at = "sent", now
    elif result.status == "final_refusal":
        if notification.channel == "wechat" and notification.phone:
            # Not subscribed in WeChat (43101) or similar: the SMS still reaches them.
            notification.channel, notification.attempts = "sms", 0
            notification.next_attempt_at = now
        else:
            notification.status = "refused"
    elif notification.attempts >= MAX_ATTEMPTS:
        notification.status = "failed"
    else:
        notification.next_attempt_at = now + timedelta(seconds=30 * 2**notification.attempts)
    if notification.status != "pending":
        # Settled: the secrets will never be sent again, so they need not be kept at all.
        notification.secrets_encrypted = None
