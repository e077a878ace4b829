from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.shipment_overdue_event_data_state import ShipmentOverdueEventDataState

T = TypeVar("T", bound="ShipmentOverdueEventData")


@_attrs_define
class ShipmentOverdueEventData:
    """
    Attributes:
        deliver_by (datetime.datetime):
        shipment_id (str):
        state (ShipmentOverdueEventDataState):
        waybill (str):
    """

    deliver_by: datetime.datetime
    shipment_id: str
    state: ShipmentOverdueEventDataState
    waybill: str

    def to_dict(self) -> dict[str, Any]:
        deliver_by = self.deliver_by.isoformat()

        shipment_id = self.shipment_id

        state = self.state.value

        waybill = self.waybill

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "deliver_by": deliver_by,
                "shipment_id": shipment_id,
                "state": state,
                "waybill": waybill,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        deliver_by = datetime.datetime.fromisoformat(d.pop("deliver_by"))

        shipment_id = d.pop("shipment_id")

        state = ShipmentOverdueEventDataState(d.pop("state"))

        waybill = d.pop("waybill")

        shipment_overdue_event_data = cls(
            deliver_by=deliver_by,
            shipment_id=shipment_id,
            state=state,
            waybill=waybill,
        )

        return shipment_overdue_event_data
