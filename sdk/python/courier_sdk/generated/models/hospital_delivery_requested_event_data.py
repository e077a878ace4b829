from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="HospitalDeliveryRequestedEventData")


@_attrs_define
class HospitalDeliveryRequestedEventData:
    """
    Attributes:
        delivery_id (str):
        reference_no (None | str):
        shipment_id (str):
        waybill (str):
    """

    delivery_id: str
    reference_no: None | str
    shipment_id: str
    waybill: str

    def to_dict(self) -> dict[str, Any]:
        delivery_id = self.delivery_id

        reference_no: None | str
        reference_no = self.reference_no

        shipment_id = self.shipment_id

        waybill = self.waybill

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "delivery_id": delivery_id,
                "reference_no": reference_no,
                "shipment_id": shipment_id,
                "waybill": waybill,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        delivery_id = d.pop("delivery_id")

        def _parse_reference_no(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reference_no = _parse_reference_no(d.pop("reference_no"))

        shipment_id = d.pop("shipment_id")

        waybill = d.pop("waybill")

        hospital_delivery_requested_event_data = cls(
            delivery_id=delivery_id,
            reference_no=reference_no,
            shipment_id=shipment_id,
            waybill=waybill,
        )

        return hospital_delivery_requested_event_data
