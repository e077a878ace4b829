from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="PickupCreatedEventData")


@_attrs_define
class PickupCreatedEventData:
    """
    Attributes:
        pickup_by (datetime.datetime):
        pickup_id (str):
        waybills (list[str]): waybill numbers
    """

    pickup_by: datetime.datetime
    pickup_id: str
    waybills: list[str]

    def to_dict(self) -> dict[str, Any]:
        pickup_by = self.pickup_by.isoformat()

        pickup_id = self.pickup_id

        waybills = self.waybills

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "pickup_by": pickup_by,
                "pickup_id": pickup_id,
                "waybills": waybills,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        pickup_by = datetime.datetime.fromisoformat(d.pop("pickup_by"))

        pickup_id = d.pop("pickup_id")

        waybills = cast(list[str], d.pop("waybills"))

        pickup_created_event_data = cls(
            pickup_by=pickup_by,
            pickup_id=pickup_id,
            waybills=waybills,
        )

        return pickup_created_event_data
