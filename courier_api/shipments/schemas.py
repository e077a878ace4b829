"""Shipment views. Personal data is shown by the one masking rule (`core.masking.shown`):
in full to the shipment's owners, masked (GB/T 41833) to everyone else; institutions as
they are; ID numbers always masked. Only a courier's task view (tasks domain) shows a
full address to a non-owner."""

from __future__ import annotations

from collections.abc import Callable
from operator import itemgetter
from typing import Any

import marshmallow as ma

from courier_api.core.fields import (
    PHONE_NUMBER,
    Derived,
    Latitude,
    Longitude,
    Owners,
    Personal,
    UTCDateTime,
    one_of,
)
from courier_api.core.geo import gcj02_to_wgs84
from courier_api.core.masking import ADDRESS, ID_NUMBER, NAME, PHONE
from courier_api.custody.models import CUSTODY_KINDS
from courier_api.shipments.loss import LOST_REASONS
from courier_api.shipments.models import SHIPMENT_STATES
from courier_api.shipments.pricing import PARTS


def _shipment_owners(shipment: Any) -> list[tuple[str, str]]:
    return shipment.owner_keys


def _owners_when_asked(party: dict) -> list[tuple[str, str]]:
    # Read only for a viewer who may be an owner: staff lists load no owners per row.
    return party["owners"]()


class ShipmentPartySchema(ma.Schema):
    """A party of a shipment or an order, as the viewer may see it. Dumps
    {name, phone, address, kind, owners: () -> the object's owners}."""

    name = Personal(NAME, itemgetter("name"), owners=_owners_when_asked, about=itemgetter("kind"))
    phone = Personal(
        PHONE, itemgetter("phone"), owners=_owners_when_asked, about=itemgetter("kind")
    )
    address = Personal(
        ADDRESS, itemgetter("address"), owners=_owners_when_asked, about=itemgetter("kind")
    )


def party(
    prefix: str,
    shipment_of: Callable[[Any], Any] = lambda o: o,
    owners: Owners | None = None,
) -> Derived:
    """The shipment's `prefix` party (sender, recipient, pickup) of the dumped object, with
    its owners (default: the shipment's) deciding who sees it in full."""
    owners_of = owners or (lambda o: _shipment_owners(shipment_of(o)))

    def extract(obj: Any) -> dict:
        shipment = shipment_of(obj)
        fields = {k: getattr(shipment, f"{prefix}_{k}", None) for k in ("name", "phone", "address")}
        kind = getattr(shipment, f"{prefix}_kind", None)
        return {**fields, "kind": kind, "owners": lambda: owners_of(obj)}

    return Derived(
        ShipmentPartySchema,
        extract,
        required=True,
        metadata={"description": "in full to its owners and for institutions, else masked"},
    )


class NamedRecipientSchema(ma.Schema):
    role = ma.fields.String(required=True)
    name = Personal(
        NAME, lambda n: n.name, owners=lambda n: n.shipment.owner_keys, about=lambda n: n.kind
    )
    id_number = Personal(
        ID_NUMBER,
        lambda n: n.id_masked,
        allow_none=True,
        metadata={"description": "always masked"},
    )


class FeeLineSchema(ma.Schema):
    code = ma.fields.String(
        required=True,
        metadata={"enum": list(PARTS)},
    )
    amount_fen = ma.fields.Integer(required=True)


class PriceSchema(ma.Schema):
    """The price by part, as charged. A part is null only on a shipment priced before the
    lines were kept (`itemised` false): its total and premium stand as recorded."""

    currency = ma.fields.Constant("CNY", required=True)
    base_fen = ma.fields.Integer(allow_none=True, required=True)
    insurance_premium_fen = ma.fields.Integer(allow_none=True, required=True)
    pin_sign_off_fen = ma.fields.Integer(allow_none=True, required=True)
    cod_fee_fen = ma.fields.Integer(allow_none=True, required=True)
    total_fen = ma.fields.Integer(required=True)
    lines = ma.fields.List(ma.fields.Nested(FeeLineSchema), required=True)
    itemised = ma.fields.Boolean(required=True)


class OptionsSchema(ma.Schema):
    """The options chosen, as priced."""

    declared_value_fen = ma.fields.Integer(required=True)
    insured_amount_fen = ma.fields.Integer(required=True)
    pin_sign_off = ma.fields.Boolean(required=True)
    cod_amount_fen = ma.fields.Integer(required=True)


def price_field(path: str = "") -> ma.fields.Nested:
    """The price of the shipment at `path` ("shipment." for an object that has one)."""
    return ma.fields.Nested(PriceSchema, attribute=f"{path}price", required=True)


def options_field(path: str = "") -> ma.fields.Nested:
    """The options chosen for the shipment at `path`."""
    return ma.fields.Nested(OptionsSchema, attribute=f"{path}options", required=True)


class ShipmentSchema(ma.Schema):
    id = ma.fields.String(required=True)
    waybill = ma.fields.String(required=True)
    product = ma.fields.String(required=True)
    catalogue_version = ma.fields.Integer(required=True)
    state = ma.fields.String(required=True, metadata=one_of(SHIPMENT_STATES))
    state_changed_at = UTCDateTime(required=True)
    origin_station_id = ma.fields.String(allow_none=True, required=True)
    destination_station_id = ma.fields.String(allow_none=True, required=True)
    sender = party("sender")
    recipient = party("recipient")
    named_recipients = ma.fields.List(ma.fields.Nested(NamedRecipientSchema), required=True)
    weight_g = ma.fields.Integer(required=True)
    currency = ma.fields.Constant("CNY", required=True)
    declared_value_fen = ma.fields.Integer(required=True)
    insured_amount_fen = ma.fields.Integer(required=True)
    premium_fen = ma.fields.Integer(required=True)
    fee_fen = ma.fields.Integer(required=True)
    cod_amount_fen = ma.fields.Integer(required=True)
    pin_required = ma.fields.Boolean(required=True)
    price = price_field()
    options = options_field()
    deliver_by = UTCDateTime(allow_none=True, required=True)
    delivered_at = UTCDateTime(allow_none=True, required=True)
    attempts = ma.fields.Integer(required=True)
    outcome = ma.fields.String(
        allow_none=True,
        required=True,
        metadata={"description": "the product's named result (court: served, …), if any"},
    )
    outcome_at = UTCDateTime(allow_none=True, required=True)
    seal_no = ma.fields.String(allow_none=True, required=True)
    created_at = UTCDateTime(required=True)


class CustodyEventSchema(ma.Schema):
    seq = ma.fields.Integer(required=True)
    kind = ma.fields.String(required=True)
    occurred_at = UTCDateTime(required=True)
    recorded_at = UTCDateTime(required=True)
    actor_kind = ma.fields.String(required=True)
    actor_id = ma.fields.String(required=True)
    station_id = ma.fields.String(allow_none=True, required=True)
    task_id = ma.fields.String(allow_none=True, required=True)
    refs = ma.fields.Dict(required=True)
    prev_hash = ma.fields.String(required=True)
    hash = ma.fields.String(required=True)
    sandbox = ma.fields.Boolean(
        required=True,
        metadata={"description": "a sandbox item's event: part of its link's hash when true"},
    )


class CustodySchema(ma.Schema):
    shipment_id = ma.fields.String(required=True)
    waybill = ma.fields.String(required=True)
    events = ma.fields.List(ma.fields.Nested(CustodyEventSchema), required=True)


class CustodyVerdictSchema(ma.Schema):
    valid = ma.fields.Boolean(required=True)
    events = ma.fields.Integer(required=True)
    head_hash = ma.fields.String(allow_none=True, required=True)
    first_broken_seq = ma.fields.Integer(allow_none=True, required=True)
    problem = ma.fields.String(allow_none=True, required=True)
    checkpoints_checked = ma.fields.Integer(required=True)
    tree_head = ma.fields.Integer(
        allow_none=True,
        required=True,
        metadata={"description": "the signed tree head the chain was proved in"},
    )
    pending_events = ma.fields.Integer(
        required=True, metadata={"description": "links recorded since that head"}
    )
    sandbox = ma.fields.Boolean(
        required=True,
        metadata={
            "description": "a sandbox item's chain: its links are checked, but no checkpoint "
            "of the live log covers it"
        },
    )


class PartyInSchema(ma.Schema):
    """A person at an address, with coordinates (WGS-84, or GCJ-02 as WeChat's map gives)."""

    name = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=100))
    phone = ma.fields.String(required=True, validate=PHONE_NUMBER)
    address = ma.fields.String(required=True, validate=ma.validate.Length(min=2, max=300))
    lat = Latitude(required=True)
    lng = Longitude(required=True)
    coord_system = ma.fields.String(
        load_default="wgs84",
        validate=ma.validate.OneOf(("wgs84", "gcj02")),
        load_only=True,
        metadata={"description": "gcj02 coordinates (WeChat's map) are converted to WGS-84"},
    )

    @ma.post_load
    def _to_wgs84(self, data: dict, **kwargs) -> dict:
        if data.pop("coord_system") == "gcj02":
            data["lat"], data["lng"] = gcj02_to_wgs84(data["lat"], data["lng"])
        return data


class TimelineEntrySchema(ma.Schema):
    at = UTCDateTime(required=True)
    status = ma.fields.String(
        required=True, metadata=one_of(CUSTODY_KINDS, example="arrived_station")
    )
    station_id = ma.fields.String(allow_none=True, required=True)


class TimelineSchema(ma.Schema):
    shipment_id = ma.fields.String(required=True)
    waybill = ma.fields.String(required=True)
    state = ma.fields.String(required=True, metadata=one_of(SHIPMENT_STATES))
    deliver_by = UTCDateTime(allow_none=True, required=True)
    entries = ma.fields.List(ma.fields.Nested(TimelineEntrySchema), required=True)


class PublicEventSchema(ma.Schema):
    at = UTCDateTime(required=True)
    status = ma.fields.String(required=True, metadata=one_of(CUSTODY_KINDS))


class PublicTrackingSchema(ma.Schema):
    """Status and times only: nothing that identifies a person or a place."""

    waybill = ma.fields.String(required=True)
    state = ma.fields.String(required=True, metadata=one_of(SHIPMENT_STATES))
    deliver_by = UTCDateTime(allow_none=True, required=True)
    events = ma.fields.List(ma.fields.Nested(PublicEventSchema), required=True)


class TrackArgs(ma.Schema):
    phone_last4 = ma.fields.String(
        required=True,
        validate=ma.validate.Regexp(
            r"^\d{4}$", error="The last 4 digits of a phone on the waybill."
        ),
    )


class DeclareLostSchema(ma.Schema):
    reason_code = ma.fields.String(required=True, validate=ma.validate.OneOf(LOST_REASONS))
