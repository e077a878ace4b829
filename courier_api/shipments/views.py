"""Shipment reads for owners and staff: the shipment, its custody chain and its check;
an adjuster declaring a shipment lost."""

from __future__ import annotations

from typing import Any

from flask import request

from courier_api.core import ratelimit
from courier_api.core.blueprint import Blueprint
from courier_api.core.security import PUBLIC, principal, requires
from courier_api.core.transaction import transactional
from courier_api.core.waybill import typed_waybill
from courier_api.custody import current as custody_log
from courier_api.custody import keys as custody_keys
from courier_api.custody import log as custody_evidence
from courier_api.custody import service as custody
from courier_api.custody.schemas import CustodyKeysSchema, EvidenceArgs, EvidenceSchema
from courier_api.shipments import loss, service
from courier_api.shipments.models import Shipment
from courier_api.shipments.schemas import (
    CustodySchema,
    CustodyVerdictSchema,
    DeclareLostSchema,
    PublicTrackingSchema,
    ShipmentSchema,
    TimelineSchema,
    TrackArgs,
)

blp = Blueprint("shipments", __name__, url_prefix="/v1", description="Shipments and custody.")
keys_blp = Blueprint(
    "custody_keys", __name__, description="The public keys that sign the custody log."
)

#: Owners (citizens, organisations and their API clients) and staff who work on shipments.
READERS = ("citizen", "org_clerk", "dispatcher", "claims_adjuster", "admin")
ADJUSTERS = ("claims_adjuster", "admin")


@blp.get("/shipments/<ref>")
@requires(*READERS)
@blp.one(ShipmentSchema)
def get_shipment(ref: str) -> Shipment:
    """One shipment, by id or by waybill number (personal data masked)."""
    return service.get_shipment(caller=principal(), ref=ref)


@blp.get("/shipments/<ref>/custody")
@requires(*READERS)
@blp.one(CustodySchema)
@blp.named("getShipmentCustody")
def get_custody(ref: str) -> dict[str, Any]:
    """The custody chain: every change of hands or place, hash-linked, oldest first."""
    shipment = service.get_shipment(caller=principal(), ref=ref)
    return {
        "shipment_id": shipment.id,
        "waybill": shipment.waybill,
        "events": custody.events_of(shipment.id),
    }


@blp.get("/shipments/<ref>/custody/verify")
@requires(*READERS)
@blp.one(CustodyVerdictSchema)
@blp.named("verifyShipmentCustody")
def verify_custody(ref: str) -> dict[str, Any]:
    """Recompute the chain and prove it in the newest signed tree head, itself checked
    against the outside anchor (links recorded since that head are `pending_events`)."""
    shipment = service.get_shipment(caller=principal(), ref=ref)
    return custody_evidence.verify_shipment(shipment.id, **custody_log.log_settings()).as_dict()


@blp.get("/shipments/<ref>/custody/evidence")
@requires(*READERS)
@blp.arguments(EvidenceArgs, location="query")
@blp.one(EvidenceSchema)
@blp.named("getShipmentCustodyEvidence")
def get_custody_evidence(args: dict[str, Any], ref: str) -> dict[str, Any]:
    """The verification bundle (docs/custody.md): the chain's events (hashes, no personal
    data), the newest signed tree head and each event's inclusion proof, for
    sdk/verifier/courier_verify.py or any verifier of the documented format."""
    shipment = service.get_shipment(caller=principal(), ref=ref)
    return custody_evidence.evidence(shipment.id, since=args.get("since"))


@blp.get("/shipments/<ref>/timeline")
@requires(*READERS)
@blp.one(TimelineSchema)
@blp.named("getShipmentTimeline")
def get_timeline(ref: str) -> dict[str, Any]:
    """What happened to the item and when (no personal data)."""
    return service.timeline(caller=principal(), ref=ref)


@blp.post("/shipments/<ref>/declare-lost")
@requires(*ADJUSTERS)
@transactional
@blp.problems(404, 409)
@blp.arguments(DeclareLostSchema)
@blp.response(200, ShipmentSchema)
@blp.named("declareShipmentLost")
def declare_lost(body: dict[str, Any], ref: str) -> Shipment:
    """Declare a shipment lost: the shipment becomes `lost` and its custody chain records
    it, with who held the item (409 from the shipment's state machine otherwise)."""
    caller = principal()
    shipment = service.get_shipment(caller=caller, ref=ref)
    return loss.declare_lost(
        shipment, actor=(caller.kind, caller.id), reason_code=body["reason_code"]
    )


@blp.get("/track/<waybill>")
@requires(PUBLIC)
@blp.problems(404, 422, 429)
@blp.arguments(TrackArgs, location="query")
@blp.response(200, PublicTrackingSchema)
@blp.named("trackShipment")
def track(args: dict[str, Any], waybill: str) -> dict[str, Any]:
    """Public tracking for recipients: status and times, given the last 4 digits of the
    sender's or recipient's phone. Rate-limited per client address. A waybill whose check
    digit is wrong is 422 `invalid_waybill` (mistyped); an unknown one, or a wrong phone,
    is 404."""
    ratelimit.hit("public_tracking", request.remote_addr or "unknown")
    return service.track_publicly(waybill=typed_waybill(waybill), phone_last4=args["phone_last4"])


@keys_blp.get("/.well-known/custody-keys.json")
@requires(PUBLIC)
@keys_blp.response(200, CustodyKeysSchema)
@keys_blp.named("getCustodyKeys")
def get_custody_keys() -> dict[str, Any]:
    """Every key that signs or signed the custody log's tree heads (Ed25519, raw, base64),
    with its validity: keys stay listed after a rotation, so old receipts stay verifiable."""
    return custody_keys.published(custody_log.signer())
