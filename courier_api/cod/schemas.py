"""COD shapes: the hand-in staff record, what senders see of their money, the staff's
cash positions and the COD report."""

from __future__ import annotations

import marshmallow as ma

from courier_api.core.fields import BusinessDate, Fen, UTCDateTime

#: A hand-in covers a courier's day, not a depot's month.
MAX_HANDIN_PARCELS = 2_000


class HandinCreateSchema(ma.Schema):
    courier_id = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=40))
    shipment_ids = ma.fields.List(
        ma.fields.String(validate=ma.validate.Length(min=1, max=40)),
        required=True,
        validate=ma.validate.Length(min=1, max=MAX_HANDIN_PARCELS),
        metadata={"description": "the COD parcels (shipment ids) the cash covers"},
    )
    counted_fen = Fen(required=True, metadata={"description": "the cash counted, in fen"})
    reason = ma.fields.String(
        load_default=None,
        allow_none=True,
        validate=ma.validate.Length(max=300),
        metadata={"description": "why the count differs from what was collected (required then)"},
    )


class HandinSchema(ma.Schema):
    id = ma.fields.String(required=True)
    station_id = ma.fields.String(required=True)
    courier_id = ma.fields.String(required=True)
    recorded_by = ma.fields.String(required=True)
    expected_fen = Fen(required=True, metadata={"description": "what the parcels collected"})
    counted_fen = Fen(required=True)
    discrepancy_fen = ma.fields.Integer(
        required=True,
        metadata={"description": "counted - expected: negative a shortage, positive a surplus"},
    )
    reason = ma.fields.String(required=True, allow_none=True)
    item_count = ma.fields.Integer(required=True)
    transaction_id = ma.fields.String(required=True)
    created_at = UTCDateTime(required=True)


class HandinListArgs(ma.Schema):
    discrepancies_only = ma.fields.Boolean(
        load_default=False, metadata={"description": "only hand-ins whose count differed"}
    )


class RemittanceSchema(ma.Schema):
    id = ma.fields.String(required=True)
    reference = ma.fields.String(required=True, metadata={"description": "the bank transfer's"})
    payee_kind = ma.fields.String(
        required=True, validate=ma.validate.OneOf(("citizen", "organisation"))
    )
    payee_id = ma.fields.String(required=True)
    gross_fen = Fen(required=True)
    fee_fen = Fen(required=True, metadata={"description": "the COD fee kept, in fen"})
    net_fen = Fen(required=True, metadata={"description": "what was paid, in fen"})
    item_count = ma.fields.Integer(required=True)
    currency = ma.fields.Constant("CNY", required=True)
    created_at = UTCDateTime(required=True)


class SenderTotalsSchema(ma.Schema):
    collected_fen = Fen(required=True)
    parcel_count = ma.fields.Integer(required=True)
    with_couriers_fen = Fen(required=True, metadata={"description": "not yet handed in"})
    handed_in_fen = Fen(required=True, metadata={"description": "held by the network"})
    remitted_fen = Fen(required=True)
    outstanding_fen = Fen(required=True, metadata={"description": "collected, not yet remitted"})
    currency = ma.fields.Constant("CNY", required=True)


class AgeingSchema(ma.Schema):
    """Money by how long ago it was taken (reports.AGE_BANDS)."""

    under_24h = Fen(required=True)
    from_24h_to_48h = Fen(required=True)
    over_48h = Fen(required=True)


class StationCashSchema(ma.Schema):
    station_id = ma.fields.String(required=True)
    parcel_count = ma.fields.Integer(required=True)
    amount_fen = Fen(required=True)
    oldest_at = UTCDateTime(required=True)
    ageing = ma.fields.Nested(AgeingSchema, required=True)


class CourierCashSchema(StationCashSchema):
    """A courier's cash, at the station they work at."""

    courier_id = ma.fields.String(required=True)


class CashPositionsSchema(ma.Schema):
    as_of = UTCDateTime(required=True)
    currency = ma.fields.Constant("CNY", required=True)
    couriers = ma.fields.List(ma.fields.Nested(CourierCashSchema), required=True)
    stations = ma.fields.List(ma.fields.Nested(StationCashSchema), required=True)


class CodReportSchema(ma.Schema):
    from_ = BusinessDate(required=True, data_key="from")
    to = BusinessDate(required=True)
    currency = ma.fields.Constant("CNY", required=True)
    collected_count = ma.fields.Integer(required=True)
    collected_fen = Fen(required=True)
    remitted_count = ma.fields.Integer(required=True)
    median_hours_to_remittance = ma.fields.Float(required=True, allow_none=True)
    max_hours_to_remittance = ma.fields.Float(required=True, allow_none=True)
    within_t_plus_1_count = ma.fields.Integer(
        required=True, metadata={"description": "remitted by the end of the next business day"}
    )
    within_t_plus_1_share = ma.fields.Float(required=True, allow_none=True)
    discrepancy_count = ma.fields.Integer(required=True)
    shortage_fen = Fen(required=True)
    surplus_fen = Fen(required=True)
