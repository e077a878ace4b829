"""What a citizen sender is told when its COD is remitted (organisations hear of it by
webhook, from the same outbox event)."""

from __future__ import annotations

from courier_api.core.outbox import OutboxEvent
from courier_api.notify.notifications import Message, wechat_message

#: Within WeChat's `thing` limit of 20 characters.
_WHAT = "代收货款已汇款"


def cod_remitted(event: OutboxEvent) -> list[Message]:
    if event.citizen_id is None:
        return []
    payload = event.payload
    yuan = f"{payload['net_fen'] / 100:.2f}元"
    return [
        wechat_message(
            "cod_remitted",
            page=f"pages/cod/remittance?id={payload['remittance_id']}",
            data={"thing1": _WHAT, "amount2": yuan, "character_string3": payload["reference"]},
            sms_params={"amount": yuan, "reference": payload["reference"]},
            citizen_id=event.citizen_id,
        )
    ]
