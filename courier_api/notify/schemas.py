"""Webhook in/out shapes."""

from __future__ import annotations

import marshmallow as ma

from courier_api.core import events
from courier_api.core.fields import FLAG, UTCDateTime
from courier_api.notify.models import DELIVERY_STATUSES


class WebhookEndpointSchema(ma.Schema):
    id = ma.fields.String(dump_only=True)
    organisation_id = ma.fields.String(dump_only=True)
    url = ma.fields.String(required=True, validate=ma.validate.Length(min=8, max=500))
    description = ma.fields.String(load_default="", validate=ma.validate.Length(max=200))
    events = ma.fields.List(
        ma.fields.String(
            validate=ma.validate.Length(min=1, max=64), metadata={"enum": events.SUBSCRIBABLE}
        ),
        load_default=list,
        validate=ma.validate.Length(max=50),
        metadata={"description": 'event kinds, or ["*"] (the default) for all'},
    )
    enabled = ma.fields.Function(lambda e: e.disabled_at is None, dump_only=True, metadata=FLAG)
    disabled_at = UTCDateTime(dump_only=True, allow_none=True)
    sandbox = ma.fields.Boolean(
        dump_only=True,
        metadata={"description": "registered by a sandbox client: only sandbox orders' events"},
    )
    created_at = UTCDateTime(dump_only=True)


class CreatedWebhookEndpointSchema(WebhookEndpointSchema):
    secret = ma.fields.String(
        dump_only=True,
        metadata={"description": "signing secret; shown only in this answer"},
    )


class WebhookDeliverySchema(ma.Schema):
    id = ma.fields.String(required=True)
    endpoint_id = ma.fields.String(required=True)
    event_id = ma.fields.String(required=True)
    event_kind = ma.fields.String(required=True)
    status = ma.fields.String(required=True, metadata={"enum": list(DELIVERY_STATUSES)})
    attempts = ma.fields.Integer(required=True)
    next_attempt_at = UTCDateTime(required=True)
    last_status_code = ma.fields.Integer(allow_none=True)
    last_error = ma.fields.String(allow_none=True)
    created_at = UTCDateTime(required=True)
    delivered_at = UTCDateTime(allow_none=True)


class DeliveryListArgs(ma.Schema):
    status = ma.fields.String(validate=ma.validate.OneOf(DELIVERY_STATUSES))
    endpoint_id = ma.fields.String()
