"""Hand-over scan in/out shapes."""

from __future__ import annotations

import marshmallow as ma

from courier_api.core.fields import UTCDateTime
from courier_api.custody.handovers import HANDOVER_KINDS

MAX_ITEMS = 2000


class PartySchema(ma.Schema):
    kind = ma.fields.String(required=True, validate=ma.validate.OneOf(("courier", "station")))
    id = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=40))


class ScanSchema(ma.Schema):
    waybill = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=32))
    seal_no = ma.fields.String(validate=ma.validate.Length(min=1, max=32))
    condition = ma.fields.String(load_default="ok", validate=ma.validate.OneOf(("ok", "damaged")))
    photo_sha256 = ma.fields.String(
        validate=ma.validate.Length(equal=64), metadata={"description": "needed when damaged"}
    )
    note_code = ma.fields.String(validate=ma.validate.Length(max=32))


class HandoverSchema(ma.Schema):
    kind = ma.fields.String(
        required=True,
        validate=ma.validate.OneOf(tuple(HANDOVER_KINDS)),
        metadata={
            "description": "station_in: a station takes items from a courier; "
            "load_for_delivery: a courier loads items at their station (creates delivery "
            "tasks); collect: a courier collects a pickup task's items"
        },
    )
    station_id = ma.fields.String(metadata={"description": "station_in: the receiving station"})
    task_id = ma.fields.String(metadata={"description": "collect: the pickup task"})
    from_ = ma.fields.Nested(PartySchema, data_key="from")
    occurred_at = UTCDateTime(metadata={"description": "when scanned (default: now)"})
    items = ma.fields.List(
        ma.fields.Nested(ScanSchema),
        required=True,
        validate=ma.validate.Length(min=1, max=MAX_ITEMS),
    )


class AcceptedSchema(ma.Schema):
    waybill = ma.fields.String(required=True)
    shipment_id = ma.fields.String(required=True)
    state = ma.fields.String(required=True)


class RefusedSchema(ma.Schema):
    waybill = ma.fields.String(required=True)
    code = ma.fields.String(required=True)
    detail = ma.fields.String(required=True)


class HandoverResultSchema(ma.Schema):
    kind = ma.fields.String(required=True)
    accepted = ma.fields.List(ma.fields.Nested(AcceptedSchema), required=True)
    duplicate = ma.fields.List(ma.fields.String(), required=True)
    extra = ma.fields.List(ma.fields.String(), required=True)
    missing = ma.fields.List(ma.fields.String(), required=True)
    refused = ma.fields.List(ma.fields.Nested(RefusedSchema), required=True)
    exceptions = ma.fields.List(ma.fields.String(), required=True)
    delivery_task_ids = ma.fields.List(ma.fields.String(), required=True)
