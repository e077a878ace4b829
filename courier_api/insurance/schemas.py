"""Claim shapes: what a claimant sends and sees, and the adjusters' fuller view."""

from __future__ import annotations

import marshmallow as ma
from webargs.fields import DelimitedList

from courier_api.core.fields import BusinessDate, Fen, UTCDateTime, one_of
from courier_api.insurance import claims, decisions
from courier_api.insurance.compensation import CAUSES, KINDS, RULES
from courier_api.insurance.models import (
    CLAIM_STATES,
    LIABILITY_STATUSES,
    PAYABLE,
    PAYOUT_CHANNELS,
    STAFF_CHANNELS,
)

MAX_EVIDENCE = 10
SHA256 = ma.validate.Regexp(r"^[0-9a-f]{64}$", error="A lowercase hex SHA-256 blob name.")


class PositiveFen(Fen):
    """An amount of at least 1 fen (a claim or a payout of nothing is a mistake)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(minimum=1, **kwargs)


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
    amount_fen = PositiveFen(
        required=True, metadata={"description": "at most what remains of the approved amount"}
    )
    channel = ma.fields.String(
        required=True,
        validate=ma.validate.OneOf(STAFF_CHANNELS),
        metadata={"description": "how it was paid"},
    )
    reference = ma.fields.String(
        required=True,
        validate=ma.validate.Length(min=1, max=100),
        metadata={"description": "the transfer's reference in that channel"},
    )


class CloseSchema(ma.Schema):
    reason = ma.fields.String(
        required=True,
        validate=ma.validate.Length(min=1, max=1000),
        metadata={"description": "why the rest of the approved amount will not be paid"},
    )


class PayoutSchema(ma.Schema):
    id = ma.fields.String(required=True)
    claim_id = ma.fields.String(required=True)
    currency = ma.fields.Constant("CNY", required=True)
    amount_fen = ma.fields.Integer(required=True)
    paid_by_kind = ma.fields.String(required=True, metadata={"description": "staff or system"})
    channel = ma.fields.String(
        required=True,
        metadata={
            "enum": list(PAYOUT_CHANNELS),
            "description": "`fast_claim`: the system's payment run for fast claims; "
            "`unrecorded`: paid before the channel was recorded",
        },
    )
    reference = ma.fields.String(
        allow_none=True,
        required=True,
        metadata={"description": "null only on payouts recorded before it was required"},
    )
    created_at = UTCDateTime(required=True)


class ClaimBasisSchema(ma.Schema):
    """Why a decided claim is owed what it is."""

    currency = ma.fields.Constant("CNY", required=True)
    declared_value_fen = ma.fields.Integer(required=True)
    insured_amount_fen = ma.fields.Integer(required=True)
    postage_fen = ma.fields.Integer(
        required=True, metadata={"description": "what was paid for carriage, less the premium"}
    )
    actual_loss_fen = ma.fields.Integer(required=True)
    claimed_fen = ma.fields.Integer(required=True)
    owed_fen = ma.fields.Integer(required=True)
    rule = ma.fields.String(required=True, metadata={"enum": list(RULES)})
    rule_text = ma.fields.String(required=True)
    fast_claim = ma.fields.Boolean(
        required=True, metadata={"description": "approved and paid by the system at once"}
    )
    arithmetic = ma.fields.String(
        required=True,
        metadata={"example": "insured and lost: 200,000; claimed 200,000; owed 200,000 fen"},
    )
    recorded = ma.fields.Boolean(
        required=True,
        metadata={
            "description": "false on claims decided before the basis was recorded: worked "
            "out again from the shipment as it is now; the approved amount stands"
        },
    )


class _BasisField(ma.fields.Nested):
    """The claim's basis: recorded at the decision, or worked out for an older claim."""

    def get_value(self, obj, attr, accessor=None, default=ma.missing):
        return decisions.basis_of(obj)


class LiabilitySchema(ma.Schema):
    id = ma.fields.String(required=True)
    station_id = ma.fields.String(allow_none=True, required=True)
    courier_id = ma.fields.String(allow_none=True, required=True)
    amount_fen = ma.fields.Integer(required=True)
    custody_seq = ma.fields.Integer(required=True)
    status = ma.fields.String(required=True, metadata=one_of(LIABILITY_STATUSES))
    created_at = UTCDateTime(required=True)


class ClaimSchema(ma.Schema):
    """The claimant's view."""

    id = ma.fields.String(required=True)
    shipment_id = ma.fields.String(required=True)
    product = ma.fields.String(required=True)
    kind = ma.fields.String(required=True)
    status = ma.fields.String(required=True, metadata=one_of(CLAIM_STATES))
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
    basis = _BasisField(
        ClaimBasisSchema,
        allow_none=True,
        required=True,
        metadata={"description": "why the amount was approved; null until decided"},
    )
    paid_fen = ma.fields.Integer(required=True, metadata={"description": "paid so far"})
    remaining_fen = ma.fields.Function(
        lambda c: (c.approved_fen or 0) - c.paid_fen if c.status in PAYABLE else 0,
        required=True,
        metadata={"type": "integer", "description": "still to be paid of the approved amount"},
    )
    closed_at = UTCDateTime(allow_none=True, required=True)
    close_reason = ma.fields.String(allow_none=True, required=True)
    payouts = ma.fields.List(ma.fields.Nested(PayoutSchema), required=True)
    payout = ma.fields.Function(
        lambda c: PayoutSchema().dump(c.payouts[-1]) if c.payouts else None,
        allow_none=True,
        required=True,
        metadata={
            "type": "object",
            "description": "deprecated: the latest of `payouts` (a claim may be paid in parts)",
        },
    )


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
    closed_by_id = ma.fields.String(allow_none=True)
    liability = ma.fields.Nested(LiabilitySchema, allow_none=True)


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
