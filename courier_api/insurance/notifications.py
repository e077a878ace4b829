"""What a citizen claimant is told when their claim is decided or paid (organisations
hear of it by webhook, from the same outbox event)."""

from __future__ import annotations

from courier_api.core.outbox import OutboxEvent
from courier_api.notify.notifications import Message, wechat_message

#: Within WeChat's `thing` limit of 20 characters.
_WHAT = {
    "approved": "理赔已批准",
    "partially_approved": "理赔部分批准",
    "rejected": "理赔未获批准，详情请查看",
    "paid": "理赔款已支付",
    "closed": "理赔已结案",
}
#: A payout that leaves part of the approved amount to come.
_PART_PAID = "理赔款已部分支付"


def claim_update(event: OutboxEvent) -> list[Message]:
    if event.citizen_id is None:
        return []
    payload = event.payload
    amount = payload["paid_fen"] if payload["paid_fen"] is not None else payload["approved_fen"]
    yuan = f"{(amount or 0) / 100:.2f}元"
    what = _WHAT[payload["status"]]
    if event.kind == "claim.paid" and payload["status"] != "paid":
        what = _PART_PAID
    return [
        wechat_message(
            "claim_update",
            page=f"pages/claim/detail?id={payload['claim_id']}",
            data={"thing1": what, "amount2": yuan},
            sms_params={"status": payload["status"], "amount": yuan},
            citizen_id=event.citizen_id,
        )
    ]
