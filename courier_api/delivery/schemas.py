"""Delivery in/out shapes: the proof a courier sends at the door, and what was recorded."""

from __future__ import annotations

from typing import Any

import marshmallow as ma

from courier_api.core.fields import Fen, Latitude, Longitude, UTCDateTime
from courier_api.core.masking import mask_name
from courier_api.delivery.models import CASH_METHODS, FAILURE_REASONS
from courier_api.delivery.proof import Given, Receiver
from courier_api.tasks.schemas import TaskSchema

SHA256 = ma.validate.Regexp(r"^[0-9a-f]{64}$", error="Lowercase hex SHA-256.")


class AtDoorSchema(ma.Schema):
    occurred_at = UTCDateTime(
        metadata={"description": "when it happened on the handheld (default now)"}
    )
    lat = Latitude()
    lng = Longitude()


class ReceiverSchema(ma.Schema):
    name = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=100))
    relation = ma.fields.String(
        load_default="self",
        validate=ma.validate.Length(min=1, max=32),
        metadata={
            "description": "`self`, or a substitute's relation to the addressee "
            "(family, housemate, colleague, reception, … as the product allows)"
        },
    )
    id_number = ma.fields.String(
        validate=ma.validate.Length(min=18, max=18),
        metadata={"description": "GB 11643; needed where the product checks ID"},
    )


class SignatureSchema(ma.Schema):
    width = ma.fields.Integer(required=True, strict=True)
    height = ma.fields.Integer(required=True, strict=True)
    # Checked point by point by `signature.parse` (a field per number would cost more than
    # the rest of a delivery).
    strokes = ma.fields.Raw(
        required=True,
        metadata={
            "type": "array",
            "items": {"type": "array", "items": {"type": "array", "items": {"type": "number"}}},
            "description": "strokes of points [x, y, t_ms]",
        },
    )


class CashSchema(ma.Schema):
    amount_fen = Fen(required=True)
    method = ma.fields.String(required=True, validate=ma.validate.OneOf(CASH_METHODS))


class DeliverSchema(AtDoorSchema):
    receiver = ma.fields.Nested(ReceiverSchema)
    signature = ma.fields.Nested(SignatureSchema)
    photo_sha256 = ma.fields.String(validate=SHA256, metadata={"description": "uploaded blob"})
    pin = ma.fields.String(
        validate=ma.validate.Regexp(r"^\d{6}$", error="Six digits."),
        metadata={"description": "PIN sign-off: checked online only"},
    )
    cash = ma.fields.Nested(CashSchema, metadata={"description": "COD or postage collected"})
    condition = ma.fields.String(
        load_default="ok",
        validate=ma.validate.OneOf(("ok", "damaged")),
        metadata={"description": "damaged: handed over damaged; needs photo_sha256"},
    )
    seal_no = ma.fields.String(
        validate=ma.validate.Length(min=1, max=40),
        metadata={
            "description": "sealed products (traffic archives): the bag's seal number as "
            "scanned at the door; it must be the one recorded at pickup, else 409 "
            "`seal_mismatch` (recorded as an exception, both offices told)"
        },
    )


def given_from(body: dict[str, Any]) -> Given:
    receiver = body.get("receiver")
    return Given(
        receiver=Receiver(**receiver) if receiver else None,
        signature=body.get("signature"),
        photo_sha256=body.get("photo_sha256"),
        pin=body.get("pin"),
        cash=body.get("cash"),
        damaged=body.get("condition") == "damaged",
        seal_no=body.get("seal_no"),
    )


class PhoneCallSchema(ma.Schema):
    called_at = UTCDateTime(required=True)
    reached = ma.fields.Boolean(required=True)


class WitnessSchema(ma.Schema):
    name = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=100))
    affiliation = ma.fields.String(
        validate=ma.validate.Length(max=100),
        metadata={"description": "e.g. the residents' committee or the employer"},
    )


class RefusalSchema(ma.Schema):
    reason = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=300))
    witness = ma.fields.Nested(WitnessSchema)
    photo_sha256 = ma.fields.String(validate=SHA256)


class FailSchema(AtDoorSchema):
    reason_code = ma.fields.String(required=True, validate=ma.validate.OneOf(FAILURE_REASONS))
    note = ma.fields.String(validate=ma.validate.Length(max=500))
    phone_call = ma.fields.Nested(
        PhoneCallSchema, metadata={"description": "a call to the recipient (not an attempt)"}
    )
    refusal = ma.fields.Nested(RefusalSchema, metadata={"description": "when refused"})


class ProofOutSchema(ma.Schema):
    receiver_name = ma.fields.Function(lambda p: mask_name(p.receiver_name), allow_none=True)
    relation = ma.fields.String(allow_none=True)
    named_role = ma.fields.String(allow_none=True)
    id_masked = ma.fields.String(allow_none=True)
    signature_sha256 = ma.fields.String(allow_none=True)
    signature_png_sha256 = ma.fields.String(allow_none=True)
    photo_sha256 = ma.fields.String(allow_none=True)
    pin_verified = ma.fields.Boolean()
    cash_amount_fen = ma.fields.Integer(allow_none=True)
    cash_method = ma.fields.String(allow_none=True)
    refusal_reason = ma.fields.String(allow_none=True)
    witness_name = ma.fields.Function(lambda p: mask_name(p.witness_name), allow_none=True)


class AttemptSchema(ma.Schema):
    id = ma.fields.String(required=True)
    shipment_id = ma.fields.String(required=True)
    task_id = ma.fields.String(required=True)
    number = ma.fields.Integer(
        required=True, metadata={"description": "1, 2, …; 0 for the return to the sender"}
    )
    outcome = ma.fields.String(
        required=True, metadata={"enum": ["delivered", "failed", "refused", "returned"]}
    )
    reason_code = ma.fields.String(allow_none=True, required=True)
    occurred_at = UTCDateTime(required=True)
    next_step = ma.fields.String(
        allow_none=True,
        required=True,
        metadata={
            "enum": ["retry", "return", "lodged"],
            "description": "`lodged`: a refusal that served the item by lodging; it stays",
        },
    )
    phone_reached = ma.fields.Boolean(allow_none=True, required=True)
    proof = ma.fields.Nested(ProofOutSchema, allow_none=True, required=True)


class DoorResultSchema(ma.Schema):
    task = ma.fields.Nested(TaskSchema, required=True)
    attempt = ma.fields.Nested(AttemptSchema, required=True)
    shipment_state = ma.fields.String(required=True)
