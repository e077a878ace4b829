from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.hospital_delivery_requested_event_type import (
    HospitalDeliveryRequestedEventType,
)

if TYPE_CHECKING:
    from ..models.hospital_delivery_requested_event_data import (
        HospitalDeliveryRequestedEventData,
    )


T = TypeVar("T", bound="HospitalDeliveryRequestedEvent")


@_attrs_define
class HospitalDeliveryRequestedEvent:
    """A patient asked for delivery of a prescription.

    Attributes:
        created_at (datetime.datetime):
        data (HospitalDeliveryRequestedEventData):
        id (str): the event's id (evt_...)
        type_ (HospitalDeliveryRequestedEventType):
    """

    created_at: datetime.datetime
    data: HospitalDeliveryRequestedEventData
    id: str
    type_: HospitalDeliveryRequestedEventType

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
        from ..models.hospital_delivery_requested_event_data import (
            HospitalDeliveryRequestedEventData,
        )

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        data = HospitalDeliveryRequestedEventData.from_dict(d.pop("data"))

        id = d.pop("id")

        type_ = HospitalDeliveryRequestedEventType(d.pop("type"))

        hospital_delivery_requested_event = cls(
            created_at=created_at,
            data=data,
            id=id,
            type_=type_,
        )

        return hospital_delivery_requested_event
