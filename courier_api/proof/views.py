"""The courier's handheld, proof of delivery: a new PIN for the recipient.

PINs are checked by the deliver action, online only; no endpoint hands one to a device.
"""

from __future__ import annotations

from typing import Any

import marshmallow as ma

from courier_api.core import ratelimit
from courier_api.core.blueprint import Blueprint
from courier_api.core.errors import conflict
from courier_api.core.masking import mask_phone
from courier_api.core.security import principal, requires
from courier_api.core.transaction import transactional
from courier_api.extensions import db
from courier_api.proof import pins
from courier_api.proof.models import DeliveryPin
from courier_api.shipments.models import Shipment
from courier_api.tasks import service as tasks
from courier_api.tasks.flows import ACTIVE

blp = Blueprint(
    "proof", __name__, url_prefix="/v1/courier", description="Proof of delivery: PIN sign-off."
)


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


@blp.post("/tasks/<task_id>/pin/resend")
@requires("courier")
@transactional
@blp.problems(404, 409, 429)
@blp.response(202, PinResentSchema)
def resend_pin(task_id: str) -> dict[str, Any]:
    """Send the recipient a new PIN for a delivery task you hold (accepted or arrived); the
    old PIN stops working. Rate-limited per task, and at most 3 times per delivery."""
    caller = principal()
    task = tasks.get_task(caller=caller, task_id=task_id, lock=True)
    if task.courier_id != caller.id:
        raise conflict("task_not_held", "Accept the task first.", current_state=task.state)
    if task.kind != "delivery":
        raise conflict("not_a_delivery_task", "Not a delivery task.", current_state=task.state)
    if task.state not in ACTIVE:
        raise conflict("task_not_active", f"The task is {task.state}.", current_state=task.state)
    # Counted only once the task is known to be the caller's: nobody can use up the limit
    # of another courier's delivery.
    ratelimit.hit("pin_resend", task.id)
    shipment = db.session.get(Shipment, task.items[0].shipment_id)
    pins.resend_pin(shipment)
    return {
        "shipment_id": shipment.id,
        "waybill": shipment.waybill,
        "sent_to": mask_phone(shipment.recipient_phone),
        "resends_left": db.session.get(DeliveryPin, shipment.id).resends_left,
    }
