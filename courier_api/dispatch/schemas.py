"""Dispatcher board shapes."""

from __future__ import annotations

import marshmallow as ma

from courier_api.core.fields import BusinessDate, Personal, UTCDateTime
from courier_api.core.masking import ADDRESS
from courier_api.tasks.schemas import TaskSchema


class DispatchTaskSchema(TaskSchema):
    """The dispatcher's view: a person's address masked (only the courier going there sees
    it); an institution's desk as it is."""

    address = Personal(ADDRESS, lambda t: t.address, about=lambda t: t.contact_kind)


class BoardTaskSchema(DispatchTaskSchema):
    at_risk = ma.fields.Boolean(
        required=True, metadata={"description": "not accepted 15 min after the promise start"}
    )
    late = ma.fields.Boolean(required=True, metadata={"description": "deadline passed, no arrival"})
    escalated = ma.fields.Boolean(
        required=True,
        metadata={"description": "dispatch could not place it: a dispatcher should act"},
    )
    escalation_cause = ma.fields.String(
        allow_none=True,
        required=True,
        metadata={
            "description": "why (while not accepted): no_courier_available, "
            "no_courier_before_shift_end, out_of_reach, couriers_busy, declined"
        },
    )


class BoardCourierSchema(ma.Schema):
    id = ma.fields.String(required=True)
    employee_no = ma.fields.String(required=True)
    name = ma.fields.String(required=True)
    station_id = ma.fields.String(required=True)
    last_lat = ma.fields.Float(allow_none=True, required=True)
    last_lng = ma.fields.Float(allow_none=True, required=True)
    last_seen_at = UTCDateTime(allow_none=True, required=True)
    load = ma.fields.Integer(required=True, metadata={"description": "tasks held now"})
    capacity = ma.fields.Integer(required=True)


class BoardExceptionSchema(ma.Schema):
    kind = ma.fields.String(
        required=True,
        metadata={"description": "e.g. run_not_countersigned (docs/hospital.md)"},
    )
    subject_type = ma.fields.String(required=True, metadata={"description": "e.g. hospital_run"})
    subject_id = ma.fields.String(required=True)
    station_id = ma.fields.String(required=True)
    since = UTCDateTime(required=True)
    detail = ma.fields.String(required=True)


class BoardSchema(ma.Schema):
    generated_at = UTCDateTime(required=True)
    tasks = ma.fields.List(ma.fields.Nested(BoardTaskSchema), required=True)
    couriers = ma.fields.List(ma.fields.Nested(BoardCourierSchema), required=True)
    exceptions = ma.fields.List(
        ma.fields.Nested(BoardExceptionSchema),
        required=True,
        metadata={"description": "what other domains ask a dispatcher to act on, oldest first"},
    )


class BoardArgs(ma.Schema):
    station = ma.fields.String(metadata={"description": "a station id (default: all in scope)"})


class AssignSchema(ma.Schema):
    courier_id = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=40))


class SlaReportArgs(ma.Schema):
    date = BusinessDate(required=True, metadata={"description": "a day in Asia/Shanghai"})
    station = ma.fields.String()
    period = ma.fields.String(
        load_default="day", validate=ma.validate.OneOf(("day", "week", "month"))
    )


class PromiseCountsSchema(ma.Schema):
    promises = ma.fields.Integer(required=True)
    on_time = ma.fields.Integer(required=True)
    late = ma.fields.Integer(required=True)
    pending = ma.fields.Integer(required=True, metadata={"description": "deadline still ahead"})
    achievement_rate = ma.fields.Float(allow_none=True, required=True)


class StationSlaSchema(PromiseCountsSchema):
    """The 1-hour promise's figures (orders promised beyond the hour not among them)."""

    station_id = ma.fields.String(required=True)
    late_by_cause = ma.fields.Dict(
        keys=ma.fields.String(), values=ma.fields.Integer(), required=True
    )
    beyond_hour = ma.fields.Nested(
        PromiseCountsSchema,
        required=True,
        metadata={
            "description": "orders promised beyond the hour (honest quotes under a backlog), "
            "apart from the figures above, each measured against its own later promise"
        },
    )


class SlaReportSchema(ma.Schema):
    period = ma.fields.String(required=True)
    from_ = UTCDateTime(required=True, data_key="from")
    to = UTCDateTime(required=True)
    stations = ma.fields.List(ma.fields.Nested(StationSlaSchema), required=True)


class DeliveryReportArgs(SlaReportArgs):
    product = ma.fields.String(validate=ma.validate.Length(max=32))


class DeliverySlaRowSchema(ma.Schema):
    station_id = ma.fields.String(
        allow_none=True, required=True, metadata={"description": "destination"}
    )
    product = ma.fields.String(required=True)
    promises = ma.fields.Integer(required=True)
    on_time = ma.fields.Integer(required=True)
    late = ma.fields.Integer(required=True)
    pending = ma.fields.Integer(required=True)
    achievement_rate = ma.fields.Float(allow_none=True, required=True)


class DeliveryReportSchema(ma.Schema):
    period = ma.fields.String(required=True)
    from_ = UTCDateTime(required=True, data_key="from")
    to = UTCDateTime(required=True)
    rows = ma.fields.List(ma.fields.Nested(DeliverySlaRowSchema), required=True)


class OverdueArgs(ma.Schema):
    station = ma.fields.String()
