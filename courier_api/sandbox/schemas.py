"""The sandbox's requests and answers."""

from __future__ import annotations

import marshmallow as ma

from courier_api.core.fields import UTCDateTime
from courier_api.sandbox.robot import STEPS


class AdvanceSchema(ma.Schema):
    to = ma.fields.String(
        validate=ma.validate.OneOf(STEPS),
        metadata={
            "description": "the next state or outcome; omitted: the next step of a "
            "successful journey (picked_up, at_station, out_for_delivery, delivered; a "
            "returning item: returned)"
        },
    )
    pin = ma.fields.String(
        validate=ma.validate.Regexp(r"^[0-9]{6}$"),
        metadata={
            "description": "a PIN delivery: the PIN the recipient got (read it from "
            "GET /v1/sandbox/messages)"
        },
    )


class MessageArgs(ma.Schema):
    subject_id = ma.fields.String(
        validate=ma.validate.Length(max=40),
        metadata={"description": "only messages about this object (a shipment's id)"},
    )


class InboxMessageSchema(ma.Schema):
    id = ma.fields.String(required=True)
    channel = ma.fields.String(required=True, validate=ma.validate.OneOf(("sms", "wechat")))
    template = ma.fields.String(required=True)
    recipient = ma.fields.String(
        required=True, metadata={"description": "the phone (SMS) or citizen id (WeChat)"}
    )
    content = ma.fields.Dict(
        keys=ma.fields.String(),
        values=ma.fields.String(),
        required=True,
        metadata={"description": "the SMS params or WeChat data as sent, secrets included"},
    )
    pin = ma.fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "the delivery PIN the message carried, if any"},
    )
    subject_type = ma.fields.String(required=True)
    subject_id = ma.fields.String(required=True)
    sent_at = UTCDateTime(required=True)
