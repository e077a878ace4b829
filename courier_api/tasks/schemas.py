"""Task shapes: the courier's view (full address, masked phone) and the dispatcher's."""

from __future__ import annotations

import marshmallow as ma

from courier_api.core.fields import Latitude, Longitude, UTCDateTime
from courier_api.core.masking import mask_name, mask_phone
from courier_api.custody.schemas import ScanSchema


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


class ShiftSchema(ma.Schema):
    on_shift = ma.fields.Boolean(required=True)
    shift_changed_at = UTCDateTime(dump_only=True, allow_none=True)


class PingSchema(ma.Schema):
    lat = Latitude(required=True)
    lng = Longitude(required=True)
    recorded_at = UTCDateTime(required=True)
    accuracy_m = ma.fields.Float(validate=ma.validate.Range(min=0, max=10_000))


class LocationsSchema(ma.Schema):
    pings = ma.fields.List(
        ma.fields.Nested(PingSchema), required=True, validate=ma.validate.Length(min=1, max=200)
    )


class LocationsAcceptedSchema(ma.Schema):
    accepted = ma.fields.Integer(required=True)
    last_seen_at = UTCDateTime(allow_none=True, required=True)


class DeclineSchema(ma.Schema):
    reason = ma.fields.String(validate=ma.validate.Length(max=200))


class ArriveSchema(ma.Schema):
    occurred_at = UTCDateTime(
        metadata={"description": "when the arrival was scanned (default now)"}
    )


class PickupScanSchema(ma.Schema):
    occurred_at = UTCDateTime()
    items = ma.fields.List(
        ma.fields.Nested(ScanSchema), required=True, validate=ma.validate.Length(min=1, max=2000)
    )


class ContactSchema(ma.Schema):
    number = ma.fields.String(required=True)
    via = ma.fields.String(required=True, metadata={"enum": ["virtual", "direct"]})
    expires_at = UTCDateTime(allow_none=True, required=True)


class TaskListArgs(ma.Schema):
    state = ma.fields.String(
        validate=ma.validate.OneOf(
            ("offered", "accepted", "arrived", "completed", "failed", "cancelled")
        )
    )
