"""Network in/out shapes."""

from __future__ import annotations

import marshmallow as ma

from courier_api.core.fields import (
    OBJECT,
    PHONE_NUMBER,
    Latitude,
    LocalTime,
    Longitude,
    StrictFloat,
    UTCDateTime,
)
from courier_api.network.catalogue import price_list
from courier_api.network.models import AREA_TYPES, ORGANISATION_KINDS, PICKUP_POINT_KINDS

_POINT = ma.fields.List(StrictFloat(), metadata={"description": "[lng, lat] (WGS-84)"})


class OpeningHoursSchema(ma.Schema):
    open = LocalTime(required=True)
    close = LocalTime(required=True)

    @ma.validates_schema
    def _opens_before_close(self, data, **kwargs):
        # A PATCH loads partially, and partial reaches nested entries: an entry needs both.
        missing = [name for name in ("open", "close") if name not in data]
        if missing:
            raise ma.ValidationError(
                {name: ["Missing data for required field."] for name in missing}
            )
        if data["open"] >= data["close"]:
            raise ma.ValidationError("open must be before close", "close")


def _seven_days(value: list) -> None:
    if len(value) != 7:
        raise ma.ValidationError("Give 7 entries, Monday first (null = closed).")


class StationSchema(ma.Schema):
    id = ma.fields.String(dump_only=True)
    region_id = ma.fields.String(dump_only=True)
    code = ma.fields.String(dump_only=True)
    name = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=100))
    area_type = ma.fields.String(required=True, validate=ma.validate.OneOf(AREA_TYPES))
    address = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=300))
    lat = Latitude(required=True)
    lng = Longitude(required=True)
    service_area = ma.fields.List(
        _POINT, required=True, metadata={"description": "closed ring of [lng, lat] points"}
    )
    opening_hours = ma.fields.List(
        ma.fields.Nested(OpeningHoursSchema, allow_none=True),
        required=True,
        validate=_seven_days,
        metadata={"description": "7 entries, Monday first; null = closed that day"},
    )
    cutoff_time = LocalTime(required=True, metadata={"description": "截邮时间, local"})
    active = ma.fields.Boolean(required=True)
    version = ma.fields.Integer(dump_only=True)
    created_at = UTCDateTime(dump_only=True)
    updated_at = UTCDateTime(dump_only=True)


class StationPatchSchema(StationSchema):
    """Every field optional; send only what changes (with If-Match). Use with partial=True."""


class StationListArgs(ma.Schema):
    region_id = ma.fields.String()


def _text(max_length: int, **kwargs) -> ma.fields.String:
    return ma.fields.String(validate=ma.validate.Length(min=1, max=max_length), **kwargs)


class PickupPointSchema(ma.Schema):
    """A pickup point as an admin creates or edits it (kind is fixed at creation)."""

    id = ma.fields.String(dump_only=True)
    organisation_id = ma.fields.String(dump_only=True)
    station_id = _text(40, required=True, metadata={"description": "the collecting station"})
    kind = ma.fields.String(
        required=True,
        validate=ma.validate.OneOf(PICKUP_POINT_KINDS),
        metadata={
            "description": "hospital: pharmacy (prescriptions, medical records) or "
            "maternity_ward (birth certificates); court: court_office; traffic_police: "
            "archive_office; enterprise: warehouse"
        },
    )
    name = _text(200, required=True)
    address = _text(300, required=True)
    lat = Latitude(required=True)
    lng = Longitude(required=True)
    phone = ma.fields.String(
        allow_none=True,
        validate=PHONE_NUMBER,
        metadata={"description": "the desk's phone, for couriers bringing items back"},
    )
    run_times = ma.fields.List(
        LocalTime(),
        load_default=list,
        validate=ma.validate.Length(max=24),
        metadata={"description": "local times of the scheduled hand-over runs"},
    )
    version = ma.fields.Integer(dump_only=True)
    created_at = UTCDateTime(dump_only=True)
    updated_at = UTCDateTime(dump_only=True)


class PickupPointPatchSchema(PickupPointSchema):
    """Send only what changes (with If-Match); the kind is fixed. Use with partial=True."""

    class Meta:
        exclude = ("kind",)


class OrganisationSchema(ma.Schema):
    id = ma.fields.String(dump_only=True)
    region_id = _text(40, required=True)
    kind = ma.fields.String(required=True, validate=ma.validate.OneOf(ORGANISATION_KINDS))
    name = _text(200, required=True)
    pickup_points = ma.fields.List(ma.fields.Nested(PickupPointSchema), dump_only=True)
    version = ma.fields.Integer(dump_only=True)
    created_at = UTCDateTime(dump_only=True)
    updated_at = UTCDateTime(dump_only=True)


class OrganisationPatchSchema(ma.Schema):
    """The name is what changes; kind and region are fixed at creation (If-Match)."""

    name = _text(200, required=True)


class OrganisationListArgs(ma.Schema):
    kind = ma.fields.String(validate=ma.validate.OneOf(ORGANISATION_KINDS))
    region_id = ma.fields.String()


class DirectoryArgs(ma.Schema):
    region_id = ma.fields.String()


class DirectoryPointSchema(ma.Schema):
    """What a patient needs to choose a pickup point: no people, no contacts."""

    id = ma.fields.String(required=True)
    kind = ma.fields.String(
        required=True,
        metadata={"description": "pharmacy (prescriptions, records) | maternity_ward"},
    )
    name = ma.fields.String(required=True)
    address = ma.fields.String(required=True)
    lat = ma.fields.Float(required=True)
    lng = ma.fields.Float(required=True)
    run_times = ma.fields.List(ma.fields.String(), required=True)


class HospitalSchema(ma.Schema):
    id = ma.fields.String(required=True, metadata={"description": "the hospital_id of orders"})
    region_id = ma.fields.String(required=True)
    name = ma.fields.String(required=True)
    pickup_points = ma.fields.List(ma.fields.Nested(DirectoryPointSchema), required=True)


class ProductSchema(ma.Schema):
    code = ma.fields.String(required=True)
    rules = ma.fields.Dict(
        required=True,
        metadata={"description": "promise, proof, attempts, insurance and fees (fen, bp)"},
    )
    prices = ma.fields.Function(
        lambda p: price_list(p.rules),
        required=True,
        metadata={
            **OBJECT,
            "description": "the prices as published and charged: `base` (flat_fen, or "
            "first_kg_fen and per_extra_kg_fen), `options` the product offers (insurance: "
            "rate_bp, min_fen, max_declared_fen; pin_sign_off: fee_fen; cod: rate_bp, "
            "min_fen), `included_cover_fen` for a fixed cover, `cancel_after_arrival_fen` "
            "for on-demand pickups",
        },
    )


class CatalogueSchema(ma.Schema):
    catalogue_version = ma.fields.Integer(required=True)
    effective_from = UTCDateTime(required=True)
    network_rules = ma.fields.Dict(required=True)
    products = ma.fields.List(ma.fields.Nested(ProductSchema), required=True)
