"""What patients and parents are told at each step of a hospital delivery (WeChat
subscribe message, SMS when WeChat refuses). The hospital hears of every step by webhook
(the same outbox events, sent to the organisations that own the shipment)."""

from __future__ import annotations

from courier_api.core.outbox import OutboxEvent
from courier_api.extensions import db
from courier_api.notify.notifications import Message, local_minute, wechat_message
from courier_api.shipments.models import Shipment

HOSPITAL_PRODUCTS = ("prescription", "medical_record", "birth_certificate")
_WHAT = {"prescription": "药品", "medical_record": "病历报告", "birth_certificate": "出生医学证明"}
#: The step as the patient reads it; WeChat's `thing` fields take 20 characters at most
#: (the mapper cuts longer values).
STEPS = {
    "shipment.accepted": "{what}寄递已受理",
    "shipment.collected": "{what}已由快递员揽收",
    "shipment.out_for_delivery": "{what}正在派送",
    "shipment.delivered": "{what}已签收",
    "shipment.delivery_failed": "{what}投递未成功，将再次投递",
    "birth_certificate.submitted": "出生医学证明寄递申请已提交",
    "birth_certificate.rejected": "出生医学证明寄递申请未通过",
}


def _note(event: OutboxEvent) -> str:
    if event.kind == "birth_certificate.rejected":
        return event.payload.get("reason", "")
    if event.kind == "shipment.delivery_failed" and event.payload.get("next_step") == "return":
        return "已退回医院，请联系医院"
    return "请保持电话畅通"


def hospital_step(event: OutboxEvent) -> list[Message]:
    """One message to the citizen who owns the item (patient or parent), if any."""
    if not event.citizen_id:
        return []
    shipment = db.session.get(Shipment, event.payload.get("shipment_id"))
    if shipment is None or shipment.product not in HOSPITAL_PRODUCTS:
        return []
    if event.payload.get("pin_sign_off"):
        return []  # the PIN message (proof/notifications.py) tells them it is on its way
    step = STEPS[event.kind].format(what=_WHAT[shipment.product])
    if event.kind == "shipment.delivery_failed" and event.payload.get("next_step") == "return":
        step = f"{_WHAT[shipment.product]}投递未成功"
    when = local_minute(event.payload.get("at") or event.created_at)
    return [
        wechat_message(
            "hospital_progress",
            page=f"pages/hospital/track?waybill={shipment.waybill}",
            data={
                "thing1": step,
                "character_string2": shipment.waybill,
                "time3": when,
                "thing4": _note(event),
            },
            sms_params={"step": step, "waybill": shipment.waybill, "time": when},
            citizen_id=event.citizen_id,
            phone=shipment.recipient_phone,
        )
    ]
