"""Dispatcher board shapes."""

from __future__ import annotations

import marshmallow as ma

from courier_api.core.fields import UTCDateTime
from courier_api.tasks.schemas import TaskSchema


class BoardTaskSchema(TaskSchema):
    at_risk = ma.fields.Boolean(
        required=True, metadata={"description": "not accepted 15 min after the promise start"}
    )
    late = ma.fields.Boolean(required=True, metadata={"description": "deadline passed, no arrival"})


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


class BoardSchema(ma.Schema):
    generated_at = UTCDateTime(required=True)
    tasks = ma.fields.List(ma.fields.Nested(BoardTaskSchema), required=True)
    couriers = ma.fields.List(ma.fields.Nested(BoardCourierSchema), required=True)


class BoardArgs(ma.Schema):
    station = ma.fields.String(metadata={"description": "a station id (default: all in scope)"})


class AssignSchema(ma.Schema):
    courier_id = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=40))
