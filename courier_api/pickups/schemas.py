"""Quote and pickup-order shapes."""

from __future__ import annotations

import marshmallow as ma

from courier_api.core.fields import Fen, UTCDateTime, one_of
from courier_api.core.spec import Way, either
from courier_api.pickups.models import ORDER_STATES
from courier_api.shipments.models import SHIPMENT_STATES
from courier_api.shipments.pricing import breakdown
from courier_api.shipments.schemas import (
    FeeLineSchema,
    OptionsSchema,
    PartyInSchema,
    PriceSchema,
    options_field,
    party,
    price_field,
)
from courier_api.tasks.models import TASK_STATES

MAX_WEIGHT_G = 50_000  # heavier is freight, not a courier parcel
MAX_PARCELS = 200


class ParcelInSchema(ma.Schema):
    recipient = ma.fields.Nested(PartyInSchema, required=True)
    weight_g = ma.fields.Integer(
        required=True, strict=True, validate=ma.validate.Range(min=1, max=MAX_WEIGHT_G)
    )
    declared_value_fen = Fen(load_default=0)
    insured_amount_fen = Fen(load_default=0)
    cod_amount_fen = Fen(load_default=0)
    pin_sign_off = ma.fields.Boolean(load_default=False)


class QuoteRequestSchema(ParcelInSchema):
    product = ma.fields.String(load_default="express", validate=ma.validate.Length(max=32))
    pickup = ma.fields.Nested(PartyInSchema, required=True)


class QuoteSchema(ma.Schema):
    id = ma.fields.String(required=True)
    expires_at = UTCDateTime(required=True)
    product = ma.fields.String(required=True)
    catalogue_version = ma.fields.Integer(required=True)
    origin_station_id = ma.fields.String(required=True)
    destination_station_id = ma.fields.String(required=True)
    currency = ma.fields.Constant("CNY", required=True)
    fee_lines = ma.fields.List(ma.fields.Nested(FeeLineSchema), required=True)
    total_fen = ma.fields.Integer(required=True)
    insured_amount_fen = ma.fields.Integer(required=True)
    premium_fen = ma.fields.Integer(required=True)
    price = ma.fields.Nested(PriceSchema, required=True)
    options = ma.fields.Nested(OptionsSchema, required=True)
    promise_start = ma.fields.String(required=True, metadata={"format": "date-time"})
    pickup_by = ma.fields.String(required=True, metadata={"format": "date-time"})
    deliver_by = ma.fields.String(allow_none=True, required=True, metadata={"format": "date-time"})
    station_open_now = ma.fields.Boolean(required=True)
    notice = ma.fields.String(allow_none=True, required=True)
    promise_available = ma.fields.Boolean(
        required=True,
        metadata={
            "description": "false: the couriers of the region cannot be at the door within the "
            "hour now (supply and backlog); pickup_by is then the earliest honest time, and "
            "an order from this quote keeps it"
        },
    )

    @ma.pre_dump
    def _by_part(self, quote: dict, **kwargs) -> dict:
        price = breakdown(quote["fee_lines"], quote["total_fen"], quote["premium_fen"])
        return {**quote, "price": price}


@either(
    Way("PickupFromQuote", required=("quote_id",), excluded=("product", "pickup", "parcels")),
    Way("PickupFromParcels", required=("pickup", "parcels"), excluded=("quote_id",)),
)
class PickupCreateSchema(ma.Schema):
    """Either `quote_id`, or the product, pickup and parcels inline."""

    quote_id = ma.fields.String()
    product = ma.fields.String(validate=ma.validate.Length(max=32))
    pickup = ma.fields.Nested(PartyInSchema)
    parcels = ma.fields.List(
        ma.fields.Nested(ParcelInSchema), validate=ma.validate.Length(min=1, max=MAX_PARCELS)
    )

    @ma.validates_schema
    def _one_way(self, data: dict, **kwargs) -> None:
        inline = {"pickup", "parcels"} & data.keys()
        if "quote_id" in data and (inline or "product" in data):
            raise ma.ValidationError("Give quote_id, or product, pickup and parcels; not both.")
        if "quote_id" not in data and inline != {"pickup", "parcels"}:
            raise ma.ValidationError("Give quote_id, or pickup and parcels.")


class PickupListArgs(ma.Schema):
    state = ma.fields.String(validate=ma.validate.OneOf(ORDER_STATES))


class PickupTaskSchema(ma.Schema):
    id = ma.fields.String(required=True)
    state = ma.fields.String(required=True, metadata=one_of(TASK_STATES))
    courier_id = ma.fields.String(allow_none=True, required=True)
    accepted_at = UTCDateTime(allow_none=True, required=True)
    arrived_at = UTCDateTime(allow_none=True, required=True)


class PickupShipmentSchema(ma.Schema):
    id = ma.fields.String(required=True)
    waybill = ma.fields.String(required=True)
    state = ma.fields.String(required=True, metadata=one_of(SHIPMENT_STATES))
    fee_fen = ma.fields.Integer(required=True)
    insured_amount_fen = ma.fields.Integer(required=True)
    premium_fen = ma.fields.Integer(required=True)
    price = price_field()
    options = options_field()
    deliver_by = UTCDateTime(allow_none=True, required=True)


def _requester(order) -> list[tuple[str, str | None]]:
    """Who ordered (a citizen, or every clerk and API client of the organisation)."""
    if order.requester_kind == "citizen":
        return [("citizen", order.requester_id)]
    return [("organisation", order.organisation_id)]


class PickupSchema(ma.Schema):
    id = ma.fields.String(required=True)
    state = ma.fields.String(required=True, metadata=one_of(ORDER_STATES))
    product = ma.fields.String(required=True)
    origin_station_id = ma.fields.String(required=True)
    pickup = party("pickup", owners=_requester)
    promise_start = UTCDateTime(required=True)
    pickup_by = UTCDateTime(required=True)
    promised_beyond_hour = ma.fields.Boolean(
        required=True,
        metadata={"description": "ordered when the hour could not be promised: pickup_by is later"},
    )
    currency = ma.fields.Constant("CNY", required=True)
    total_fee_fen = ma.fields.Integer(required=True)
    cancel_fee_fen = ma.fields.Integer(required=True)
    cancelled_at = UTCDateTime(allow_none=True, required=True)
    task = ma.fields.Nested(PickupTaskSchema, required=True)
    shipments = ma.fields.List(ma.fields.Nested(PickupShipmentSchema), required=True)
    created_at = UTCDateTime(required=True)
