from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.pickup_collected_event_type import PickupCollectedEventType

if TYPE_CHECKING:
    from ..models.pickup_collected_event_data import PickupCollectedEventData


T = TypeVar("T", bound="PickupCollectedEvent")


@_attrs_define
class PickupCollectedEvent:
    """The pickup's items were collected (`missing`: not there).

    Attributes:
        created_at (datetime.datetime):
        data (PickupCollectedEventData):
        id (str): the event's id (evt_...)
        type_ (PickupCollectedEventType):
    """

    created_at: datetime.datetime
    data: PickupCollectedEventData
    id: str
    type_: PickupCollectedEventType

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
        from ..models.pickup_collected_event_data import PickupCollectedEventData

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        data = PickupCollectedEventData.from_dict(d.pop("data"))

        id = d.pop("id")

        type_ = PickupCollectedEventType(d.pop("type"))

        pickup_collected_event = cls(
            created_at=created_at,
            data=data,
            id=id,
            type_=type_,
        )

        return pickup_collected_event
