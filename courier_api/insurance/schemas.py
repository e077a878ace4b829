"""Claim shapes: what a claimant sends and sees, and the adjusters' fuller view."""

from __future__ import annotations

import marshmallow as ma
from webargs.fields import DelimitedList

from courier_api.core.fields import BusinessDate, Fen, UTCDateTime
from courier_api.insurance import claims
from courier_api.insurance.compensation import CAUSES, KINDS
from courier_api.insurance.models import CLAIM_STATES

MAX_EVIDENCE = 10
SHA256 = ma.validate.Regexp(r"^[0-9a-f]{64}$", error="A lowercase hex SHA-256 blob name.")


class PositiveFen(Fen):
    """An amount of at least 1 fen (a claim or a payout of nothing is a mistake)."""

    def _deserialize(self, value, attr, data, **kwargs) -> int:
        amount = super()._deserialize(value, attr, data, **kwargs)
        if amount < 1:
            raise ma.ValidationError("Must be at least 1 fen.")
        return amount


class ClaimCreateSchema(ma.Schema):
    shipment_id = ma.fields.String(
        required=True,
        validate=ma.validate.Length(min=1, max=40),
        metadata={"description": "the shipment's id or its waybill number"},
    )
    kind = ma.fields.String(required=True, validate=ma.validate.OneOf(KINDS))
    claimed_fen = PositiveFen(required=True)
    description = ma.fields.String(load_default="", validate=ma.validate.Length(max=1000))
    evidence = ma.fields.List(
        ma.fields.String(validate=SHA256),
        load_default=list,
        validate=ma.validate.Length(max=MAX_EVIDENCE),
        metadata={
            "description": "blob names (PUT /v1/blobs first): JPEG, PNG or PDF, "
            f"at most {MAX_EVIDENCE}; required for damage and missing contents"
        },
    )


class ClaimListArgs(ma.Schema):
    status = DelimitedList(
        ma.fields.String(validate=ma.validate.OneOf(CLAIM_STATES)),
        load_default=list,
        metadata={"description": "comma-separated, e.g. submitted,under_review"},
    )


class DecisionSchema(ma.Schema):
    cause = ma.fields.String(
        required=True,
        validate=ma.validate.OneOf(CAUSES),
        metadata={
            "description": "what caused the loss; only `carrier` (and force majeure on "
            "an insured item) makes the network liable"
        },
    )
    actual_loss_fen = Fen(
        load_default=None,
        allow_none=True,
        metadata={"description": "the assessed loss; defaults to the amount claimed"},
    )
    reason = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=1000))


class PayoutCreateSchema(ma.Schema):
    amount_fen = PositiveFen(required=True)
    reference = ma.fields.String(
        load_default=None,
        validate=ma.validate.Length(max=100),
        metadata={"description": "the bank or wallet transfer reference"},
    )


class PayoutSchema(ma.Schema):
    id = ma.fields.String(required=True)
    claim_id = ma.fields.String(required=True)
    currency = ma.fields.Constant("CNY", required=True)
    amount_fen = ma.fields.Integer(required=True)
    paid_by_kind = ma.fields.String(required=True, metadata={"description": "staff or system"})
    reference = ma.fields.String(allow_none=True, required=True)
    created_at = UTCDateTime(required=True)


class LiabilitySchema(ma.Schema):
    id = ma.fields.String(required=True)
    station_id = ma.fields.String(allow_none=True, required=True)
    courier_id = ma.fields.String(allow_none=True, required=True)
    amount_fen = ma.fields.Integer(required=True)
    custody_seq = ma.fields.Integer(required=True)
    status = ma.fields.String(required=True)
    created_at = UTCDateTime(required=True)


class ClaimSchema(ma.Schema):
    """The claimant's view."""

    id = ma.fields.String(required=True)
    shipment_id = ma.fields.String(required=True)
    product = ma.fields.String(required=True)
    kind = ma.fields.String(required=True)
    status = ma.fields.String(required=True)
    currency = ma.fields.Constant("CNY", required=True)
    claimed_fen = ma.fields.Integer(required=True)
    approved_fen = ma.fields.Integer(allow_none=True, required=True)
    description = ma.fields.String(required=True)
    evidence = ma.fields.List(ma.fields.String(), required=True)
    submitted_at = UTCDateTime(required=True)
    answer_due_at = UTCDateTime(required=True)
    days_left = ma.fields.Function(
        lambda c: claims.days_left(c),
        allow_none=True,
        required=True,
        metadata={
            "type": "integer",
            "description": "of the 30-day answer period; null once answered",
        },
    )
    treated_as_lost = ma.fields.Function(
        lambda c: c.treated_as_lost_at is not None,
        required=True,
        metadata={"type": "boolean", "description": "the item was not found within the period"},
    )
    fast = ma.fields.Boolean(required=True)
    decided_at = UTCDateTime(allow_none=True, required=True)
    decision_reason = ma.fields.String(allow_none=True, required=True)
    withdrawn_at = UTCDateTime(allow_none=True, required=True)
    payout = ma.fields.Nested(PayoutSchema, allow_none=True, required=True)


class StaffClaimSchema(ClaimSchema):
    """The adjusters' view: who claims, who reviews, the facts found, the liability (these
    fields are absent from a claimant's view)."""

    claimant_kind = ma.fields.String()
    claimant_id = ma.fields.String()
    filed_by = ma.fields.String()
    reviewer_id = ma.fields.String(allow_none=True)
    review_started_at = UTCDateTime(allow_none=True)
    cause = ma.fields.String(allow_none=True)
    actual_loss_fen = ma.fields.Integer(allow_none=True)
    decided_by_kind = ma.fields.String(allow_none=True)
    decided_by_id = ma.fields.String(allow_none=True)
    liability = ma.fields.Nested(LiabilitySchema, allow_none=True)


class ClaimReportArgs(ma.Schema):
    from_ = BusinessDate(required=True, data_key="from")
    to = BusinessDate(required=True)

    @ma.validates_schema
    def _ordered(self, data: dict, **kwargs) -> None:
        if data["to"] < data["from_"]:
            raise ma.ValidationError("`to` is before `from`.", field_name="to")


class ClaimGroupSchema(ma.Schema):
    claims = ma.fields.Integer(required=True)
    decided = ma.fields.Integer(required=True)
    claimed_fen = ma.fields.Integer(required=True)
    approved_fen = ma.fields.Integer(required=True)
    paid_fen = ma.fields.Integer(required=True)
    median_hours_to_decision = ma.fields.Float(allow_none=True, required=True)
    fast_claims = ma.fields.Integer(required=True)
    fast_share = ma.fields.Float(required=True)


class ClaimReportRowSchema(ClaimGroupSchema):
    month = ma.fields.String(required=True, metadata={"example": "2026-11"})
    product = ma.fields.String(required=True)
    by_status = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.Integer(), required=True)


class ClaimReportSchema(ma.Schema):
    from_ = BusinessDate(required=True, data_key="from")
    to = BusinessDate(required=True)
    currency = ma.fields.Constant("CNY", required=True)
    rows = ma.fields.List(ma.fields.Nested(ClaimReportRowSchema), required=True)
    total = ma.fields.Nested(ClaimGroupSchema, required=True)
