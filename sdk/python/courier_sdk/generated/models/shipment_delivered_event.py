from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.shipment_delivered_event_type import ShipmentDeliveredEventType

if TYPE_CHECKING:
    from ..models.shipment_delivered_event_data import ShipmentDeliveredEventData


T = TypeVar("T", bound="ShipmentDeliveredEvent")


@_attrs_define
class ShipmentDeliveredEvent:
    """The item was delivered (or, for a court document, served by lodging).

    Attributes:
        created_at (datetime.datetime):
        data (ShipmentDeliveredEventData):
        id (str): the event's id (evt_...)
        type_ (ShipmentDeliveredEventType):
    """

    created_at: datetime.datetime
    data: ShipmentDeliveredEventData
    id: str
    type_: ShipmentDeliveredEventType

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
        from ..models.shipment_delivered_event_data import ShipmentDeliveredEventData

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        data = ShipmentDeliveredEventData.from_dict(d.pop("data"))

        id = d.pop("id")

        type_ = ShipmentDeliveredEventType(d.pop("type"))

        shipment_delivered_event = cls(
            created_at=created_at,
            data=data,
            id=id,
            type_=type_,
        )

        return shipment_delivered_event
