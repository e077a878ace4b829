"""The task as couriers and dispatchers see it (full address, masked phone)."""

from __future__ import annotations

import marshmallow as ma

from courier_api.core.fields import UTCDateTime
from courier_api.core.masking import mask_name, mask_phone


class TaskItemSchema(ma.Schema):
    waybill = ma.fields.String(required=True)
    status = ma.fields.String(
        required=True, metadata={"enum": ["expected", "scanned", "missing", "extra"]}
    )
    scanned_at = UTCDateTime(allow_none=True, required=True)


class OfferSchema(ma.Schema):
    id = ma.fields.String(required=True)
    courier_id = ma.fields.String(required=True)
    status = ma.fields.String(required=True)
    expires_at = UTCDateTime(required=True)


class TaskSchema(ma.Schema):
    id = ma.fields.String(required=True)
    kind = ma.fields.String(required=True, metadata={"enum": ["pickup", "delivery", "return"]})
    state = ma.fields.String(required=True)
    station_id = ma.fields.String(required=True)
    courier_id = ma.fields.String(allow_none=True, required=True)
    address = ma.fields.String(
        required=True, metadata={"description": "full: the courier goes there"}
    )
    lat = ma.fields.Float(required=True)
    lng = ma.fields.Float(required=True)
    contact_name = ma.fields.Function(
        lambda t: mask_name(t.contact_name), allow_none=True, required=True
    )
    contact_phone = ma.fields.Function(
        lambda t: mask_phone(t.contact_phone),
        allow_none=True,
        required=True,
        metadata={"description": "masked; POST .../contact gives a callable number"},
    )
    window_start = UTCDateTime(required=True)
    window_end = UTCDateTime(required=True)
    promise_start = UTCDateTime(allow_none=True, required=True)
    deadline = UTCDateTime(allow_none=True, required=True)
    accepted_at = UTCDateTime(allow_none=True, required=True)
    arrived_at = UTCDateTime(allow_none=True, required=True)
    finished_at = UTCDateTime(allow_none=True, required=True)
    items = ma.fields.List(ma.fields.Nested(TaskItemSchema), required=True)
    offer = ma.fields.Nested(OfferSchema, allow_none=True, required=True)
