"""Complaint shapes: what a complainant sends and sees, and the report."""

from __future__ import annotations

import marshmallow as ma

from courier_api.complaints import service
from courier_api.complaints.models import CATEGORIES, STATUSES
from courier_api.core.fields import BusinessDate, UTCDateTime
from courier_api.core.spec import Way, either


class Prose(ma.fields.String):
    """Free text, trimmed; blank is no text at all."""

    def __init__(self, *, max_length: int, **kwargs):
        super().__init__(validate=ma.validate.Length(max=max_length), **kwargs)

    def _deserialize(self, value, attr, data, **kwargs) -> str:
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        if not text:
            raise ma.ValidationError("Must not be blank.")
        return text


@either(
    Way("ComplaintAboutShipment", required=("shipment_id",), excluded=("pickup_id",)),
    Way("ComplaintAboutPickup", required=("pickup_id",), excluded=("shipment_id",)),
)
class ComplaintCreateSchema(ma.Schema):
    shipment_id = ma.fields.String(
        validate=ma.validate.Length(min=1, max=40),
        metadata={"description": "the shipment's id or waybill number (or give `pickup_id`)"},
    )
    pickup_id = ma.fields.String(
        validate=ma.validate.Length(min=1, max=40),
        metadata={"description": "the pickup order's id (or give `shipment_id`)"},
    )
    category = ma.fields.String(required=True, validate=ma.validate.OneOf(CATEGORIES))
    description = Prose(required=True, max_length=2000)

    @ma.validates_schema
    def _one_subject(self, data: dict, **kwargs) -> None:
        if ("shipment_id" in data) == ("pickup_id" in data):
            raise ma.ValidationError(
                "Give exactly one of `shipment_id` and `pickup_id`.", field_name="shipment_id"
            )


class ComplaintListArgs(ma.Schema):
    status = ma.fields.String(validate=ma.validate.OneOf(STATUSES))
    overdue = ma.fields.Boolean(
        metadata={"description": "true: open past the 7 days (the flagged list); false: not"}
    )


class AnswerSchema(ma.Schema):
    answer = Prose(
        required=True,
        max_length=2000,
        metadata={"description": "what was found and done; sent to the complainant"},
    )


class ComplaintSchema(ma.Schema):
    id = ma.fields.String(required=True)
    shipment_id = ma.fields.String(allow_none=True, required=True)
    pickup_id = ma.fields.String(allow_none=True, required=True)
    category = ma.fields.String(required=True, metadata={"enum": list(CATEGORIES)})
    description = ma.fields.String(required=True)
    status = ma.fields.String(required=True, metadata={"enum": list(STATUSES)})
    submitted_at = UTCDateTime(required=True)
    answer_due_at = UTCDateTime(required=True)
    days_left = ma.fields.Function(
        lambda c: service.days_left(c),
        allow_none=True,
        required=True,
        metadata={"type": "integer", "description": "of the 7 days; null once answered"},
    )
    overdue = ma.fields.Function(
        lambda c: service.is_overdue(c),
        required=True,
        metadata={"type": "boolean", "description": "unanswered after 7 days"},
    )
    answered_at = UTCDateTime(allow_none=True, required=True)
    answered_in_time = ma.fields.Function(
        lambda c: service.answered_in_time(c),
        allow_none=True,
        required=True,
        metadata={"type": "boolean", "description": "within the 7 days; null while open"},
    )
    answer = ma.fields.String(allow_none=True, required=True)


class StaffComplaintSchema(ComplaintSchema):
    """Customer service's view: who complains and who answered (absent from a
    complainant's view)."""

    complainant_kind = ma.fields.String()
    complainant_id = ma.fields.String()
    filed_by = ma.fields.String()
    answered_by_id = ma.fields.String(allow_none=True)


class ComplaintGroupSchema(ma.Schema):
    received = ma.fields.Integer(required=True)
    answered = ma.fields.Integer(required=True)
    answered_within_7_days = ma.fields.Integer(required=True)
    answered_late = ma.fields.Integer(required=True)
    open = ma.fields.Integer(required=True)
    overdue = ma.fields.Integer(
        required=True, metadata={"description": "open and past the 7 days, as of `as_of`"}
    )
    within_7_days_share = ma.fields.Float(
        allow_none=True,
        required=True,
        metadata={
            "description": "answered within 7 days ÷ (answered + overdue); complaints "
            "still inside their 7 days are not counted; null when there are none"
        },
    )


class ComplaintReportRowSchema(ComplaintGroupSchema):
    month = ma.fields.String(required=True, metadata={"example": "2026-11"})
    category = ma.fields.String(required=True)


class ComplaintReportSchema(ma.Schema):
    from_ = BusinessDate(required=True, data_key="from")
    to = BusinessDate(required=True)
    as_of = UTCDateTime(required=True)
    rows = ma.fields.List(ma.fields.Nested(ComplaintReportRowSchema), required=True)
    total = ma.fields.Nested(ComplaintGroupSchema, required=True)
