from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="PickupRemainderCancelledEventData")


@_attrs_define
class PickupRemainderCancelledEventData:
    """
    Attributes:
        cancel_fee_fen (int): amount in fen
        cancelled (list[str]): waybill numbers
        pickup_id (str):
    """

    cancel_fee_fen: int
    cancelled: list[str]
    pickup_id: str

    def to_dict(self) -> dict[str, Any]:
        cancel_fee_fen = self.cancel_fee_fen

        cancelled = self.cancelled

        pickup_id = self.pickup_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "cancel_fee_fen": cancel_fee_fen,
                "cancelled": cancelled,
                "pickup_id": pickup_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        cancel_fee_fen = d.pop("cancel_fee_fen")

        cancelled = cast(list[str], d.pop("cancelled"))

        pickup_id = d.pop("pickup_id")

        pickup_remainder_cancelled_event_data = cls(
            cancel_fee_fen=cancel_fee_fen,
            cancelled=cancelled,
            pickup_id=pickup_id,
        )

        return pickup_remainder_cancelled_event_data
