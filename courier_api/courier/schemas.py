"""The handheld's shapes: shift and pings, task actions, what is given at the door, and
hand-over scans."""

from __future__ import annotations

from typing import Any

import marshmallow as ma

from courier_api.core.fields import EachOnItsOwn, Fen, Latitude, Longitude, UTCDateTime, one_of
from courier_api.core.spec import Way, either
from courier_api.courier.handovers import HANDOVER_KINDS, HandoverRequest, Party, Scan
from courier_api.courier.models import SYNC_KINDS
from courier_api.custody.schemas import CustodyPromise
from courier_api.delivery.models import CASH_METHODS, FAILURE_REASONS
from courier_api.delivery.proof import (
    Cash,
    Failure,
    Given,
    PhoneCall,
    Receiver,
    Refusal,
    Witness,
)
from courier_api.delivery.schemas import AttemptSchema
from courier_api.delivery.signature import MIN_POINTS
from courier_api.shipments.models import SHIPMENT_STATES
from courier_api.tasks.schemas import TaskSchema

MAX_ITEMS = 2000


class PartySchema(ma.Schema):
    kind = ma.fields.String(required=True, validate=ma.validate.OneOf(("courier", "station")))
    id = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=40))

    @ma.post_load
    def _party(self, data: dict[str, Any], **_: Any) -> Party:
        return Party(**data)


class ScanSchema(ma.Schema):
    waybill = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=32))
    seal_no = ma.fields.String(validate=ma.validate.Length(min=1, max=32))
    condition = ma.fields.String(load_default="ok", validate=ma.validate.OneOf(("ok", "damaged")))
    photo_sha256 = ma.fields.String(
        validate=ma.validate.Length(equal=64), metadata={"description": "needed when damaged"}
    )
    note_code = ma.fields.String(validate=ma.validate.Length(max=32))

    @ma.post_load
    def _scan(self, data: dict[str, Any], **_: Any) -> Scan:
        """Waybills as printed, upper case."""
        return Scan(
            waybill=data["waybill"].strip().upper(),
            seal_no=data.get("seal_no"),
            damaged=data["condition"] == "damaged",
            photo_sha256=data.get("photo_sha256"),
            note_code=data.get("note_code"),
        )


@either(
    Way("HandoverStationIn", required=("station_id", "from"), tag="station_in"),
    Way("HandoverLoadForDelivery", required=(), tag="load_for_delivery"),
    Way("HandoverCollect", required=("task_id",), tag="collect"),
    discriminator="kind",
)
class HandoverSchema(ma.Schema):
    kind = ma.fields.String(
        required=True,
        validate=ma.validate.OneOf(tuple(HANDOVER_KINDS)),
        metadata={
            "description": "station_in: a station takes items from a courier; "
            "load_for_delivery: a courier loads items at their station (creates delivery "
            "tasks); collect: a courier collects a pickup task's items"
        },
    )
    station_id = ma.fields.String(metadata={"description": "station_in: the receiving station"})
    task_id = ma.fields.String(metadata={"description": "collect: the pickup task"})
    from_ = ma.fields.Nested(PartySchema, data_key="from")
    occurred_at = UTCDateTime(metadata={"description": "when scanned (default: now)"})
    items = ma.fields.List(
        ma.fields.Nested(ScanSchema),
        required=True,
        validate=ma.validate.Length(min=1, max=MAX_ITEMS),
    )

    @ma.post_load
    def _request(self, data: dict[str, Any], **_: Any) -> HandoverRequest:
        return HandoverRequest(
            kind=data["kind"],
            scans=data["items"],
            station_id=data.get("station_id"),
            task_id=data.get("task_id"),
            giver=data.get("from_"),
            occurred_at=data.get("occurred_at"),
        )


class AcceptedSchema(ma.Schema):
    waybill = ma.fields.String(required=True)
    shipment_id = ma.fields.String(required=True)
    state = ma.fields.String(required=True, metadata=one_of(SHIPMENT_STATES))


class RefusedSchema(ma.Schema):
    waybill = ma.fields.String(required=True)
    code = ma.fields.String(required=True)
    detail = ma.fields.String(required=True)


class HandoverResultSchema(ma.Schema):
    kind = ma.fields.String(required=True)
    accepted = ma.fields.List(ma.fields.Nested(AcceptedSchema), required=True)
    duplicate = ma.fields.List(ma.fields.String(), required=True)
    extra = ma.fields.List(ma.fields.String(), required=True)
    missing = ma.fields.List(ma.fields.String(), required=True)
    refused = ma.fields.List(ma.fields.Nested(RefusedSchema), required=True)
    exceptions = ma.fields.List(ma.fields.String(), required=True)
    delivery_task_ids = ma.fields.List(ma.fields.String(), required=True)
    custody_promise = CustodyPromise()


class NamedAtDoorSchema(ma.Schema):
    role = ma.fields.String(
        required=True,
        metadata={
            "description": "e.g. mother, father, addressee; recipient (the shipment's, who "
            "signs as self); proxy (named by the sender to sign instead)"
        },
    )
    name = ma.fields.String(required=True, metadata={"description": "masked (张*)"})
    relation = ma.fields.String(
        allow_none=True, required=True, metadata={"description": "a proxy's relation"}
    )


class SubstitutesSchema(ma.Schema):
    relations = ma.fields.List(
        ma.fields.String(),
        allow_none=True,
        required=True,
        metadata={"description": "who may receive instead of the addressee; null: anyone"},
    )
    excluded_roles = ma.fields.List(
        ma.fields.String(),
        required=True,
        metadata={"description": "named people who may not sign instead (an opposing party)"},
    )
    id_check = ma.fields.Boolean(
        required=True, metadata={"description": "a substitute shows ID (receiver.id_number)"}
    )


class ProofNeededSchema(ma.Schema):
    """What the door needs, so the handheld can prompt for it before the courier knocks."""

    requires = ma.fields.List(
        ma.fields.String(
            metadata={"enum": ["signature", "pin", "id_check", "cash", "seal", "photo"]}
        ),
        required=True,
        metadata={
            "description": "pin: checked online only; id_check: the receiver's ID number; "
            "seal: the bag's seal number; a damaged item also needs a photo"
        },
    )
    named_recipients = ma.fields.List(
        ma.fields.Nested(NamedAtDoorSchema),
        required=True,
        metadata={"description": "who may receive it: as self, or as a named proxy"},
    )
    substitutes = ma.fields.Nested(
        SubstitutesSchema,
        allow_none=True,
        required=True,
        metadata={"description": "null: only the named recipient, in person"},
    )
    cash_to_collect_fen = ma.fields.Integer(allow_none=True, required=True)
    refusal_evidence = ma.fields.List(
        ma.fields.String(metadata={"enum": ["witness", "photo"]}),
        required=True,
        metadata={"description": "a refusal needs one of these (empty: the reason alone)"},
    )
    signature_min_points = ma.fields.Integer(
        required=True, metadata={"description": "a signature has at least this many points"}
    )


class CourierTaskSchema(TaskSchema):
    """The task as its courier sees it, with what the door's proof needs."""

    proof_needed = ma.fields.Nested(
        ProofNeededSchema,
        allow_none=True,
        required=True,
        metadata={"description": "delivery and return tasks; null on a pickup"},
    )


class ShiftSchema(ma.Schema):
    on_shift = ma.fields.Boolean(required=True)
    shift_changed_at = UTCDateTime(dump_only=True, allow_none=True)


class PingSchema(ma.Schema):
    lat = Latitude(required=True)
    lng = Longitude(required=True)
    recorded_at = UTCDateTime(required=True)
    accuracy_m = ma.fields.Float(validate=ma.validate.Range(min=0, max=10_000))


class LocationsSchema(ma.Schema):
    pings = ma.fields.List(
        ma.fields.Nested(PingSchema), required=True, validate=ma.validate.Length(min=1, max=200)
    )


class LocationsAcceptedSchema(ma.Schema):
    accepted = ma.fields.Integer(required=True)
    last_seen_at = UTCDateTime(allow_none=True, required=True)


class DeclineSchema(ma.Schema):
    reason = ma.fields.String(validate=ma.validate.Length(max=200))


class ArriveSchema(ma.Schema):
    occurred_at = UTCDateTime(
        metadata={"description": "when the arrival was scanned (default now)"}
    )


class PickupScanSchema(ma.Schema):
    occurred_at = UTCDateTime()
    items = ma.fields.List(
        ma.fields.Nested(ScanSchema),
        required=True,
        validate=ma.validate.Length(max=MAX_ITEMS),
        metadata={"description": "may be empty to finish after partial batches"},
    )
    partial = ma.fields.Boolean(
        load_default=False,
        metadata={
            "description": "true: a batch of a collection in several scans; the task stays "
            "open while the courier is at the door. false (default): scan and finish; what "
            "is still missing becomes a follow-up pickup"
        },
    )


class ContactSchema(ma.Schema):
    number = ma.fields.String(required=True)
    via = ma.fields.String(required=True, metadata={"enum": ["virtual", "direct"]})
    expires_at = UTCDateTime(allow_none=True, required=True)


class TaskListArgs(ma.Schema):
    state = ma.fields.String(
        validate=ma.validate.OneOf(
            ("offered", "accepted", "arrived", "completed", "failed", "cancelled")
        )
    )


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
            "description": "strokes of points [x, y, t_ms], at least "
            f"{MIN_POINTS} points in all, within width × height",
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
    receiver, cash = body.get("receiver"), body.get("cash")
    return Given(
        receiver=Receiver(**receiver) if receiver else None,
        signature=body.get("signature"),
        photo_sha256=body.get("photo_sha256"),
        pin=body.get("pin"),
        cash=Cash(**cash) if cash else None,
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


def failure_from(body: dict[str, Any]) -> Failure:
    call, refusal = body.get("phone_call"), body.get("refusal")
    return Failure(
        reason_code=body["reason_code"],
        note=body.get("note"),
        phone_call=PhoneCall(**call) if call else None,
        refusal=_refusal_from(refusal) if refusal else None,
    )


def _refusal_from(refusal: dict[str, Any]) -> Refusal:
    witness = refusal.get("witness")
    return Refusal(
        reason=refusal["reason"],
        witness=Witness(**witness) if witness else None,
        photo_sha256=refusal.get("photo_sha256"),
    )


class DoorResultSchema(ma.Schema):
    task = ma.fields.Nested(TaskSchema, required=True)
    attempt = ma.fields.Nested(AttemptSchema, required=True)
    shipment_state = ma.fields.String(required=True, metadata=one_of(SHIPMENT_STATES))
    custody_promise = CustodyPromise()


class PinResentSchema(ma.Schema):
    shipment_id = ma.fields.String(required=True)
    waybill = ma.fields.String(required=True)
    sent_to = ma.fields.String(
        required=True,
        metadata={
            "description": "the recipient's phone, masked: the PIN goes there by SMS, or in "
            "WeChat when the recipient is the citizen who owns the item"
        },
    )
    resends_left = ma.fields.Integer(required=True)


# Handheld sync: a batch of queued actions, each parsed by its own kind's schema.
MAX_EVENTS = 500


class EventSchema(ma.Schema):
    client_event_id = ma.fields.UUID(required=True)
    kind = ma.fields.String(required=True, validate=ma.validate.OneOf(SYNC_KINDS))
    task_id = ma.fields.String(validate=ma.validate.Length(min=1, max=40))
    waybill = ma.fields.String(validate=ma.validate.Length(min=1, max=32))
    occurred_at = UTCDateTime(required=True)
    lat = ma.fields.Float(validate=ma.validate.Range(min=-90, max=90))
    lng = ma.fields.Float(validate=ma.validate.Range(min=-180, max=180))
    payload = ma.fields.Dict(load_default=dict)

    @ma.validates_schema
    def _task_needed(self, data: dict[str, Any], **_: Any) -> None:
        if data["kind"] != "handover" and not data.get("task_id"):
            raise ma.ValidationError("This kind of event needs its task.", "task_id")


class _Empty(ma.Schema):
    pass


class SyncSchema(ma.Schema):
    events = ma.fields.List(
        EachOnItsOwn(EventSchema),
        required=True,
        validate=ma.validate.Length(min=1, max=MAX_EVENTS),
    )


class VerdictSchema(ma.Schema):
    client_event_id = ma.fields.String(
        allow_none=True, required=True, metadata={"description": "as sent (null if missing)"}
    )
    status = ma.fields.String(
        required=True, metadata={"enum": ["accepted", "duplicate", "rejected"]}
    )
    code = ma.fields.String(allow_none=True, required=True)
    detail = ma.fields.String(allow_none=True, required=True)


class SyncResultSchema(ma.Schema):
    verdicts = ma.fields.List(ma.fields.Nested(VerdictSchema), required=True)
    accepted = ma.fields.Integer(required=True)
    duplicate = ma.fields.Integer(required=True)
    rejected = ma.fields.Integer(required=True)
    custody_promise = CustodyPromise()


PAYLOADS: dict[str, ma.Schema] = {
    "accept": _Empty(),
    "decline": DeclineSchema(),
    "arrive": _Empty(),
    "pickup": PickupScanSchema(),
    "deliver": DeliverSchema(),
    "fail": FailSchema(),
    "handover": HandoverSchema(),
}
