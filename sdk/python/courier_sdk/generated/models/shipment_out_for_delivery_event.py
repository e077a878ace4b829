from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.shipment_out_for_delivery_event_type import (
    ShipmentOutForDeliveryEventType,
)

if TYPE_CHECKING:
    from ..models.shipment_out_for_delivery_event_data import (
        ShipmentOutForDeliveryEventData,
    )


T = TypeVar("T", bound="ShipmentOutForDeliveryEvent")


@_attrs_define
class ShipmentOutForDeliveryEvent:
    """The item is on its way to the recipient.

    Attributes:
        created_at (datetime.datetime):
        data (ShipmentOutForDeliveryEventData):
        id (str): the event's id (evt_...)
        type_ (ShipmentOutForDeliveryEventType):
    """

    created_at: datetime.datetime
    data: ShipmentOutForDeliveryEventData
    id: str
    type_: ShipmentOutForDeliveryEventType

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        data = self.data.to_dict()

        id = self.id

        type_ = self.type_.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "created_at": created_at,
                "data": data,
                "id": id,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.shipment_out_for_delivery_event_data import (
            ShipmentOutForDeliveryEventData,
        )

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        data = ShipmentOutForDeliveryEventData.from_dict(d.pop("data"))

        id = d.pop("id")

        type_ = ShipmentOutForDeliveryEventType(d.pop("type"))

        shipment_out_for_delivery_event = cls(
            created_at=created_at,
            data=data,
            id=id,
            type_=type_,
        )

        return shipment_out_for_delivery_event
