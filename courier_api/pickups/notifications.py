"""What a pickup's sender is told (WeChat subscribe message, SMS when WeChat refuses)."""

from __future__ import annotations

from courier_api.core.outbox import OutboxEvent
from courier_api.extensions import db
from courier_api.notify.notifications import Message, local_minute, wechat_message
from courier_api.pickups.models import PickupOrder


def _citizens_order(event: OutboxEvent) -> PickupOrder | None:
    """The event's order when a citizen placed it (organisations hear of it by webhook)."""
    pickup_id = event.payload.get("pickup_id")
    order = db.session.get(PickupOrder, pickup_id) if pickup_id else None
    return order if order is not None and order.requester_kind == "citizen" else None


def promise_broken(event: OutboxEvent) -> list[Message]:
    order = _citizens_order(event)
    if order is None:
        return []
    deadline = local_minute(event.payload["deadline"])
    return [
        wechat_message(
            "pickup_late",
            page=f"pages/pickup/detail?id={order.id}",
            data={"thing1": "快递员未能按时上门，我们正在加急处理", "time2": deadline},
            sms_params={"deadline": deadline},
            citizen_id=order.requester_id,
            phone=order.pickup_phone,
        )
    ]


def courier_on_the_way(event: OutboxEvent) -> list[Message]:
    order = _citizens_order(event)
    if order is None:
        return []
    pickup_by = local_minute(event.payload.get("pickup_by") or order.pickup_by)
    return [
        wechat_message(
            "pickup_accepted",
            page=f"pages/pickup/detail?id={order.id}",
            data={"thing1": "快递员已接单，正在赶来", "time2": pickup_by},
            citizen_id=order.requester_id,
        )
    ]
