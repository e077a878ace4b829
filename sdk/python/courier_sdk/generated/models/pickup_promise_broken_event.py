from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.pickup_promise_broken_event_type import PickupPromiseBrokenEventType

if TYPE_CHECKING:
    from ..models.pickup_promise_broken_event_data import PickupPromiseBrokenEventData


T = TypeVar("T", bound="PickupPromiseBrokenEvent")


@_attrs_define
class PickupPromiseBrokenEvent:
    """The courier did not reach the door by the promise.

    Attributes:
        created_at (datetime.datetime):
        data (PickupPromiseBrokenEventData):
        id (str): the event's id (evt_...)
        type_ (PickupPromiseBrokenEventType):
    """

    created_at: datetime.datetime
    data: PickupPromiseBrokenEventData
    id: str
    type_: PickupPromiseBrokenEventType

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
        from ..models.pickup_promise_broken_event_data import (
            PickupPromiseBrokenEventData,
        )

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        data = PickupPromiseBrokenEventData.from_dict(d.pop("data"))

        id = d.pop("id")

        type_ = PickupPromiseBrokenEventType(d.pop("type"))

        pickup_promise_broken_event = cls(
            created_at=created_at,
            data=data,
            id=id,
            type_=type_,
        )

        return pickup_promise_broken_event
