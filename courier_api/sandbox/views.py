"""The sandbox's endpoints: advance a sandbox item with the robo-courier; read what the
fake providers sent (docs/integrators/sandbox.md)."""

from __future__ import annotations

from typing import Any

from flask import current_app

from courier_api.blobs.views import storage as blob_storage
from courier_api.core.blueprint import Blueprint
from courier_api.core.pagination import paginate
from courier_api.core.security import ROLES, principal, requires
from courier_api.core.transaction import transactional
from courier_api.notify import inbox
from courier_api.notify.models import InboxMessage
from courier_api.sandbox import robot
from courier_api.sandbox.schemas import AdvanceSchema, InboxMessageSchema, MessageArgs
from courier_api.shipments.models import Shipment
from courier_api.shipments.schemas import ShipmentSchema

blp = Blueprint(
    "sandbox", __name__, url_prefix="/v1/sandbox", description="The sandbox and its robo-courier."
)


@blp.post("/shipments/<shipment_id>/advance")
@requires("citizen", "org_clerk")
@transactional
@blp.arguments(AdvanceSchema)
@blp.one(ShipmentSchema)
@blp.problems(409, 422)
@blp.named("advanceSandboxShipment")
def advance(body: dict[str, Any], shipment_id: str) -> Shipment:
    """The robo-courier moves a sandbox item to the next state or outcome (picked up, at
    station, out for delivery, delivered with a signature, failed attempt, refused,
    returned, lost) through the same services as a real courier: custody, proof, outbox
    and webhooks. A live item, or one the caller does not own, is 404; a step that cannot
    follow the item's state is 409 with the state; a PIN delivery needs the PIN (422)."""
    shipment = robot.sandbox_shipment(caller=principal(), shipment_id=shipment_id, lock=True)
    return robot.advance(shipment, step=body.get("to"), pin=body.get("pin"), storage=blob_storage())


@blp.get("/messages")
@requires(*ROLES)
@blp.pages(InboxMessageSchema, filters=MessageArgs)
@blp.problems(404)
@blp.named("listSandboxMessages")
def list_messages(filters: dict[str, Any], page: dict[str, Any]) -> dict[str, Any]:
    """What the fake WeChat and SMS providers sent in the last 24 hours, PINs included,
    newest first: in development every message, to any caller; elsewhere a sandbox
    client's (or sandbox citizen's) own; 404 for everyone else."""
    stmt = inbox.messages(
        caller=principal(),
        open_inbox=current_app.config["SANDBOX_OPEN_INBOX"],
        subject_id=filters.get("subject_id"),
    )
    found = paginate(stmt, InboxMessage.id, page)
    found["items"] = [inbox.opened(message) for message in found["items"]]
    return found
