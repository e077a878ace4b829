"""The task as couriers and dispatchers see it (full address; a person's name and phone
masked, an institution's desk as it is)."""

from __future__ import annotations

import marshmallow as ma

from courier_api.core.fields import Personal, UTCDateTime, one_of
from courier_api.core.masking import NAME, PHONE
from courier_api.tasks.models import ITEM_STATUSES, OFFER_STATUSES, TASK_STATES


class TaskItemSchema(ma.Schema):
    waybill = ma.fields.String(required=True)
    status = ma.fields.String(required=True, metadata=one_of(ITEM_STATUSES))
    scanned_at = UTCDateTime(allow_none=True, required=True)


class OfferSchema(ma.Schema):
    id = ma.fields.String(required=True)
    courier_id = ma.fields.String(required=True)
    status = ma.fields.String(required=True, metadata=one_of(OFFER_STATUSES))
    expires_at = UTCDateTime(required=True)


class TaskSchema(ma.Schema):
    id = ma.fields.String(required=True)
    kind = ma.fields.String(required=True, metadata={"enum": ["pickup", "delivery", "return"]})
    state = ma.fields.String(required=True, metadata=one_of(TASK_STATES))
    station_id = ma.fields.String(required=True)
    courier_id = ma.fields.String(allow_none=True, required=True)
    address = ma.fields.String(
        required=True, metadata={"description": "full: the courier goes there"}
    )
    lat = ma.fields.Float(required=True)
    lng = ma.fields.Float(required=True)
    # Tasks have no owners among their viewers (couriers, dispatchers, admins).
    contact_name = Personal(
        NAME, lambda t: t.contact_name, about=lambda t: t.contact_kind, allow_none=True
    )
    contact_phone = Personal(
        PHONE,
        lambda t: t.contact_phone,
        about=lambda t: t.contact_kind,
        allow_none=True,
        metadata={
            "description": "a person's masked (POST .../contact gives a callable number); "
            "an institution's desk as it is"
        },
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
