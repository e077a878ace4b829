"""What a citizen complainant is told when their complaint is answered (organisations
hear of it by webhook, from the same outbox event)."""

from __future__ import annotations

from courier_api.core.outbox import OutboxEvent
from courier_api.notify.notifications import Message, wechat_message

#: Within WeChat's `thing` limit of 20 characters.
_CATEGORY = {
    "late": "投诉：时效延误",
    "damaged": "投诉：物品损坏",
    "courier_conduct": "投诉：快递员服务",
    "wrong_delivery": "投诉：错投",
    "other": "投诉：其他",
}


def complaint_answered(event: OutboxEvent) -> list[Message]:
    if event.citizen_id is None:
        return []
    payload = event.payload
    return [
        wechat_message(
            "complaint_answered",
            page=f"pages/complaint/detail?id={payload['complaint_id']}",
            # The answer is cut to the field's limit; the page shows all of it.
            data={"thing1": _CATEGORY[payload["category"]], "thing2": payload["answer"]},
            sms_params={"category": payload["category"], "complaint_id": payload["complaint_id"]},
            citizen_id=event.citizen_id,
        )
    ]
