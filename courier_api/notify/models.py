"""Webhook endpoints of organisations and the deliveries made to them."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from courier_api.core.db import Timestamps, UTCDateTime, id_column
from courier_api.core.ids import ID_LENGTH
from courier_api.core.security import Principal
from courier_api.extensions import db

DELIVERY_STATUSES = ("pending", "sending", "succeeded", "dead", "held")


def _organisation_scope(column, caller: Principal) -> sa.ColumnElement[bool]:
    if caller.role == "admin":
        return sa.true()
    if caller.role in ("org_clerk", "api_client") and caller.org_id:
        return column == caller.org_id
    return sa.false()


class WebhookEndpoint(Timestamps, db.Model):
    __tablename__ = "webhook_endpoints"

    id: Mapped[str] = id_column()
    organisation_id: Mapped[str] = mapped_column(
        sa.ForeignKey("organisations.id"), nullable=False, index=True
    )
    url: Mapped[str] = mapped_column(sa.String(500), nullable=False)
    description: Mapped[str] = mapped_column(sa.String(200), nullable=False, default="")
    #: Event kinds to send, or ["*"] for all.
    events: Mapped[list] = mapped_column(sa.JSON, nullable=False)
    secret_encrypted: Mapped[str] = mapped_column(sa.String(300), nullable=False)
    created_by: Mapped[str] = mapped_column(sa.String(ID_LENGTH), nullable=False)
    #: Set after repeated dead deliveries; new events are then held, not lost.
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    consecutive_dead: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Registered by a sandbox client: gets the sandbox orders' events, and only those.
    sandbox: Mapped[bool] = mapped_column(
        sa.Boolean, nullable=False, default=False, server_default=sa.false()
    )

    @classmethod
    def visible_to(cls, caller: Principal) -> sa.ColumnElement[bool]:
        return sa.and_(
            cls.deleted_at.is_(None),
            cls.sandbox.is_(caller.sandbox),
            _organisation_scope(cls.organisation_id, caller),
        )

    def wants(self, kind: str) -> bool:
        return "*" in self.events or kind in self.events


class WebhookDelivery(db.Model):
    __tablename__ = "webhook_deliveries"

    id: Mapped[str] = id_column()
    endpoint_id: Mapped[str] = mapped_column(
        sa.ForeignKey("webhook_endpoints.id"), nullable=False, index=True
    )
    organisation_id: Mapped[str] = mapped_column(sa.String(ID_LENGTH), nullable=False, index=True)
    event_id: Mapped[str] = mapped_column(sa.String(ID_LENGTH), nullable=False)
    event_kind: Mapped[str] = mapped_column(sa.String(64), nullable=False)
    #: The exact bytes sent (a redelivery sends the same body, freshly signed).
    body: Mapped[str] = mapped_column(sa.Text, nullable=False)
    status: Mapped[str] = mapped_column(sa.String(16), nullable=False)
    attempts: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    #: While `sending`: the lease; a worker that died lets it lapse and another retries.
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_status_code: Mapped[int | None] = mapped_column(sa.Integer)
    last_error: Mapped[str | None] = mapped_column(sa.String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    endpoint: Mapped[WebhookEndpoint] = relationship(lazy="joined", innerjoin=True)

    __table_args__ = (
        sa.UniqueConstraint("endpoint_id", "event_id"),
        sa.Index("ix_webhook_deliveries_due", "status", "next_attempt_at"),
    )

    @classmethod
    def visible_to(cls, caller: Principal) -> sa.ColumnElement[bool]:
        # A sandbox client sees its sandbox endpoints' deliveries; a live caller the live ones.
        endpoints = sa.select(WebhookEndpoint.id).where(WebhookEndpoint.sandbox.is_(caller.sandbox))
        return sa.and_(
            _organisation_scope(cls.organisation_id, caller), cls.endpoint_id.in_(endpoints)
        )


NOTIFICATION_STATUSES = ("pending", "sent", "refused", "failed")


class Notification(db.Model):
    """A message to a person (WeChat subscribe message, or SMS), made from an outbox event.

    WeChat first when the person is a citizen with an openid; SMS when there is none, or
    when WeChat refuses for good (43101: not subscribed) and a phone is known.
    """

    __tablename__ = "notifications"

    id: Mapped[str] = id_column()
    event_id: Mapped[str] = mapped_column(sa.String(ID_LENGTH), nullable=False, index=True)
    template: Mapped[str] = mapped_column(sa.String(64), nullable=False)
    citizen_id: Mapped[str | None] = mapped_column(sa.String(ID_LENGTH), index=True)
    #: Only where an SMS may be needed (DESIGN.md: phones in clear only where delivery needs them).
    phone: Mapped[str | None] = mapped_column(sa.String(20))
    channel: Mapped[str] = mapped_column(sa.String(8), nullable=False)
    wechat_template_id: Mapped[str | None] = mapped_column(sa.String(64))
    wechat_page: Mapped[str | None] = mapped_column(sa.String(200))
    wechat_data: Mapped[dict | None] = mapped_column(sa.JSON)
    sms_params: Mapped[dict | None] = mapped_column(sa.JSON)
    #: Secret params (a PIN), encrypted; erased once the notification is settled.
    secrets_encrypted: Mapped[str | None] = mapped_column(sa.Text)
    status: Mapped[str] = mapped_column(sa.String(16), nullable=False, default="pending")
    attempts: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    last_error: Mapped[str | None] = mapped_column(sa.String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: To a sandbox order's recipient: always sent by the fake providers.
    sandbox: Mapped[bool] = mapped_column(
        sa.Boolean, nullable=False, default=False, server_default=sa.false()
    )
    #: Whose order the message is about ([kind, id] pairs), for the sandbox inbox.
    owners: Mapped[list | None] = mapped_column(sa.JSON(none_as_null=True))

    __table_args__ = (sa.Index("ix_notifications_due", "status", "next_attempt_at"),)


class InboxMessage(db.Model):
    """What a fake provider "sent" (PINs included), readable for 24 hours: messages to
    sandbox recipients, or to anyone in development (docs/integrators/sandbox.md)."""

    __tablename__ = "sandbox_inbox"

    id: Mapped[str] = id_column()
    notification_id: Mapped[str] = mapped_column(sa.String(ID_LENGTH), nullable=False)
    channel: Mapped[str] = mapped_column(sa.String(8), nullable=False)
    template: Mapped[str] = mapped_column(sa.String(64), nullable=False)
    #: The phone (SMS) or citizen id (WeChat) it went to.
    recipient: Mapped[str] = mapped_column(sa.String(64), nullable=False)
    #: The message as sent, secrets included, encrypted at rest.
    content_encrypted: Mapped[str] = mapped_column(sa.Text, nullable=False)
    subject_type: Mapped[str] = mapped_column(sa.String(32), nullable=False)
    subject_id: Mapped[str] = mapped_column(sa.String(ID_LENGTH), nullable=False)
    sandbox: Mapped[bool] = mapped_column(sa.Boolean, nullable=False)
    owner_kind: Mapped[str | None] = mapped_column(sa.String(16))
    owner_id: Mapped[str | None] = mapped_column(sa.String(ID_LENGTH))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, index=True)

    __table_args__ = (sa.Index("ix_sandbox_inbox_owner", "owner_kind", "owner_id"),)
