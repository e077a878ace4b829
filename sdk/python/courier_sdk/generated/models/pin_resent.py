from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="PinResent")


@_attrs_define
class PinResent:
    """
    Attributes:
        resends_left (int):
        sent_to (str): the recipient's phone, masked: the PIN goes there by SMS, or in WeChat when the recipient is the
            citizen who owns the item
        shipment_id (str):
        waybill (str):
    """

    resends_left: int
    sent_to: str
    shipment_id: str
    waybill: str

    def to_dict(self) -> dict[str, Any]:
        resends_left = self.resends_left

        sent_to = self.sent_to

        shipment_id = self.shipment_id

        waybill = self.waybill

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "resends_left": resends_left,
                "sent_to": sent_to,
                "shipment_id": shipment_id,
                "waybill": waybill,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        resends_left = d.pop("resends_left")

        sent_to = d.pop("sent_to")

        shipment_id = d.pop("shipment_id")

        waybill = d.pop("waybill")

        pin_resent = cls(
            resends_left=resends_left,
            sent_to=sent_to,
            shipment_id=shipment_id,
            waybill=waybill,
        )

        return pin_resent
