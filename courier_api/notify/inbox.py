"""The sandbox inbox: what the fake providers "sent", readable for 24 hours.

Messages to a sandbox order's recipients always go through the fake providers, whatever
the live configuration (a sandbox order never sends a real SMS or WeChat message). What
they send is kept here, PINs included, encrypted at rest: for sandbox recipients
everywhere, and for everyone in development (`SANDBOX_OPEN_INBOX`), so an app developer
can finish a PIN delivery against `make run`. A live PIN elsewhere stays only a hash.
No Flask request state; never commits.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from courier_api.core import clock
from courier_api.core.crypto import decrypt, encrypt
from courier_api.core.errors import not_found
from courier_api.core.ids import new_id
from courier_api.core.outbox import OutboxEvent
from courier_api.core.security import Principal
from courier_api.extensions import db
from courier_api.integrations.registry import Connectors
from courier_api.integrations.sms import FakeSms
from courier_api.integrations.virtual_numbers import FakeVirtualNumbers
from courier_api.integrations.wechat import FakeWeChat
from courier_api.notify.models import InboxMessage, Notification

KEPT = timedelta(hours=24)
CONTEXT = "sandbox_inbox"


@dataclass(frozen=True)
class Audience:
    """Who an event is about: whether it concerns a sandbox order, and its owners."""

    sandbox: bool
    owners: list[tuple[str, str]]


#: event -> its audience, or None when the event is about nothing that can be sandbox;
#: registered by wiring.py (the shipments and tasks that know the flag sit above notify).
AudienceOf = Callable[[OutboxEvent], Audience | None]
_audiences: list[AudienceOf] = []


def learn_audience(audience_of: AudienceOf) -> None:
    _audiences[:] = [audience_of]


def audience(event: OutboxEvent) -> Audience:
    """The event's audience, looked up once per event (notifications and webhooks ask)."""
    found = event.__dict__.get("_audience")
    if found is None:
        found = (_audiences[0](event) if _audiences else None) or Audience(False, [])
        event.__dict__["_audience"] = found
    return found


_fakes: list[Connectors] = []


def fake_connectors() -> Connectors:
    """The fakes that carry every sandbox message (one set per process)."""
    if not _fakes:
        _fakes.append(Connectors(FakeWeChat(), FakeSms(), FakeVirtualNumbers()))
    return _fakes[0]


def keep(
    notification: Notification,
    content: dict[str, Any],
    secrets: dict[str, str],
    *,
    open_inbox: bool,
) -> None:
    """Keep a sent message readable: a sandbox one always, any other only when the inbox
    is open (development). One row per owner, so each sandbox caller reads its own."""
    if not (notification.sandbox or open_inbox):
        return
    recipient = notification.phone if notification.channel == "sms" else notification.citizen_id
    event = db.session.get(OutboxEvent, notification.event_id)
    now = clock.now()
    for owner_kind, owner_id in notification.owners or [(None, None)]:
        message_id = new_id("msg")
        db.session.add(
            InboxMessage(
                id=message_id,
                notification_id=notification.id,
                channel=notification.channel,
                template=notification.template,
                recipient=recipient or "",
                content_encrypted=encrypt(
                    json.dumps({"content": content, "secrets": list(secrets.values())}),
                    context=f"{CONTEXT}:{message_id}",
                ),
                subject_type=event.subject_type if event else "",
                subject_id=event.subject_id if event else "",
                sandbox=notification.sandbox,
                owner_kind=owner_kind,
                owner_id=owner_id,
                sent_at=now,
            )
        )


def opened(message: InboxMessage) -> InboxMessage:
    """The message with its content and the secret it carried (`pin`) readable."""
    kept = json.loads(decrypt(message.content_encrypted, context=f"{CONTEXT}:{message.id}"))
    message.content = kept["content"]
    message.pin = kept["secrets"][0] if kept["secrets"] else None
    return message


def messages(*, caller: Principal, open_inbox: bool, subject_id: str | None) -> sa.Select:
    """The messages the caller may read: every one while the inbox is open (development);
    elsewhere a sandbox caller's own; anyone else 404 (there is no inbox for them)."""
    stmt = sa.select(InboxMessage).where(InboxMessage.sent_at > clock.now() - KEPT)
    if not open_inbox:
        if not caller.sandbox:
            raise not_found("inbox")
        kind, owner_id = caller.owner
        stmt = stmt.where(
            InboxMessage.sandbox.is_(True),
            InboxMessage.owner_kind == kind,
            InboxMessage.owner_id == owner_id,
        )
    if subject_id:
        stmt = stmt.where(InboxMessage.subject_id == subject_id)
    return stmt


def forget_old(now: datetime | None = None) -> int:
    """Worker job: messages older than 24 hours are deleted."""
    result = db.session.execute(
        sa.delete(InboxMessage).where(InboxMessage.sent_at <= (now or clock.now()) - KEPT)
    )
    return result.rowcount or 0
