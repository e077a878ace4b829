from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.shipment_returned_event_type import ShipmentReturnedEventType

if TYPE_CHECKING:
    from ..models.shipment_returned_event_data import ShipmentReturnedEventData


T = TypeVar("T", bound="ShipmentReturnedEvent")


@_attrs_define
class ShipmentReturnedEvent:
    """The item was returned to its sender.

    Attributes:
        created_at (datetime.datetime):
        data (ShipmentReturnedEventData):
        id (str): the event's id (evt_...)
        type_ (ShipmentReturnedEventType):
    """

    created_at: datetime.datetime
    data: ShipmentReturnedEventData
    id: str
    type_: ShipmentReturnedEventType

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
        from ..models.shipment_returned_event_data import ShipmentReturnedEventData

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        data = ShipmentReturnedEventData.from_dict(d.pop("data"))

        id = d.pop("id")

        type_ = ShipmentReturnedEventType(d.pop("type"))

        shipment_returned_event = cls(
            created_at=created_at,
            data=data,
            id=id,
            type_=type_,
        )

        return shipment_returned_event
