from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ShipmentOutForDeliveryEventData")


@_attrs_define
class ShipmentOutForDeliveryEventData:
    """
    Attributes:
        pin_sign_off (bool):
        shipment_id (str):
        waybill (str):
    """

    pin_sign_off: bool
    shipment_id: str
    waybill: str

    def to_dict(self) -> dict[str, Any]:
        pin_sign_off = self.pin_sign_off

        shipment_id = self.shipment_id

        waybill = self.waybill

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "pin_sign_off": pin_sign_off,
                "shipment_id": shipment_id,
                "waybill": waybill,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        pin_sign_off = d.pop("pin_sign_off")

        shipment_id = d.pop("shipment_id")

        waybill = d.pop("waybill")

        shipment_out_for_delivery_event_data = cls(
            pin_sign_off=pin_sign_off,
            shipment_id=shipment_id,
            waybill=waybill,
        )

        return shipment_out_for_delivery_event_data
