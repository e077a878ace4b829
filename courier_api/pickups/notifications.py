"""What a pickup's sender is told (WeChat subscribe message, SMS when WeChat refuses)."""

from __future__ import annotations

from flask import current_app

from courier_api.core import clock
from courier_api.core.outbox import OutboxEvent
from courier_api.extensions import db
from courier_api.notify.notifications import Message
from courier_api.pickups.models import PickupOrder


def _order(event: OutboxEvent) -> PickupOrder | None:
    pickup_id = event.payload.get("pickup_id")
    return db.session.get(PickupOrder, pickup_id) if pickup_id else None


def _local(text_time: str) -> str:
    from datetime import datetime

    zone = clock.business_zone()
    return (
        datetime.fromisoformat(text_time.replace("Z", "+00:00"))
        .astimezone(zone)
        .strftime("%Y-%m-%d %H:%M")
    )


def promise_broken(event: OutboxEvent) -> list[Message]:
    order = _order(event)
    if order is None or order.requester_kind != "citizen":
        return []  # organisations hear of it by webhook
    return [
        Message(
            template="pickup_late",
            wechat_template_id=current_app.config["WECHAT_TEMPLATES"]["pickup_late"],
            wechat_page=f"pages/pickup/detail?id={order.id}",
            wechat_data={
                "thing1": "快递员未能按时上门，我们正在加急处理",
                "time2": _local(event.payload["deadline"]),
            },
            sms_params={"deadline": _local(event.payload["deadline"])},
            citizen_id=order.requester_id,
            phone=order.pickup_phone,
        )
    ]


def courier_on_the_way(event: OutboxEvent) -> list[Message]:
    order = _order(event)
    if order is None or order.requester_kind != "citizen":
        return []
    return [
        Message(
            template="pickup_accepted",
            wechat_template_id=current_app.config["WECHAT_TEMPLATES"]["pickup_accepted"],
            wechat_page=f"pages/pickup/detail?id={order.id}",
            wechat_data={
                "thing1": "快递员已接单，正在赶来",
                "time2": _local(event.payload.get("pickup_by") or order.pickup_by.isoformat()),
            },
            citizen_id=order.requester_id,
        )
    ]
