"""What a recipient is told when a delivery PIN is issued: the PIN, by SMS, or in WeChat
when the recipient is the citizen who owns the shipment (the catalogue says for which
products). The PIN rides as a secret param: never at rest in clear, never logged."""

from __future__ import annotations

from courier_api.core.crypto import decrypt
from courier_api.core.outbox import OutboxEvent
from courier_api.extensions import db
from courier_api.network.service import product_rules
from courier_api.notify.notifications import Message, wechat_message
from courier_api.proof.pins import event_context
from courier_api.shipments.models import Shipment


def _citizen_recipient(shipment: Shipment) -> str | None:
    rules = product_rules(shipment.product, shipment.catalogue_version)
    if not rules.get("proof", {}).get("pin_to_citizen_owner"):
        return None
    return next((o.owner_id for o in shipment.owners if o.owner_kind == "citizen"), None)


def pin_issued(event: OutboxEvent) -> list[Message]:
    shipment = db.session.get(Shipment, event.payload["shipment_id"])
    pin = decrypt(event.payload["pin_encrypted"], context=event_context(shipment.id))
    return [
        wechat_message(
            "delivery_pin",
            page=f"pages/shipment/detail?id={shipment.id}",
            data={"character_string1": shipment.waybill, "thing3": "派件员上门时请告知此签收码"},
            sms_params={"waybill": shipment.waybill},
            secret_wechat_data={"character_string2": pin},
            secret_sms_params={"pin": pin},
            citizen_id=_citizen_recipient(shipment),
            # An SMS also when WeChat refuses for good (not subscribed).
            phone=shipment.recipient_phone,
        )
    ]
