from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ShipmentCollectedEventData")


@_attrs_define
class ShipmentCollectedEventData:
    """
    Attributes:
        run_id (str):
        shipment_id (str):
        waybill (str):
    """

    run_id: str
    shipment_id: str
    waybill: str

    def to_dict(self) -> dict[str, Any]:
        run_id = self.run_id

        shipment_id = self.shipment_id

        waybill = self.waybill

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "run_id": run_id,
                "shipment_id": shipment_id,
                "waybill": waybill,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        run_id = d.pop("run_id")

        shipment_id = d.pop("shipment_id")

        waybill = d.pop("waybill")

        shipment_collected_event_data = cls(
            run_id=run_id,
            shipment_id=shipment_id,
            waybill=waybill,
        )

        return shipment_collected_event_data
