"""What a delivery attempt recorded, as owners and staff read it."""

from __future__ import annotations

import marshmallow as ma

from courier_api.core.fields import Personal, UTCDateTime
from courier_api.core.masking import NAME


def _recorded_at_the_door(attribute: str) -> Personal:
    """A person the courier recorded (not what an owner submitted): masked to everyone."""
    return Personal(NAME, lambda p: getattr(p, attribute), allow_none=True, required=False)


class ProofOutSchema(ma.Schema):
    receiver_name = _recorded_at_the_door("receiver_name")
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
    witness_name = _recorded_at_the_door("witness_name")


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
