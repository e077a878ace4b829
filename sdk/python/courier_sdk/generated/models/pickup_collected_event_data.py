from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="PickupCollectedEventData")


@_attrs_define
class PickupCollectedEventData:
    """
    Attributes:
        follow_up_task_id (None | str):
        missing (list[str]): waybill numbers
        pickup_id (str):
    """

    follow_up_task_id: None | str
    missing: list[str]
    pickup_id: str

    def to_dict(self) -> dict[str, Any]:
        follow_up_task_id: None | str
        follow_up_task_id = self.follow_up_task_id

        missing = self.missing

        pickup_id = self.pickup_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "follow_up_task_id": follow_up_task_id,
                "missing": missing,
                "pickup_id": pickup_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_follow_up_task_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        follow_up_task_id = _parse_follow_up_task_id(d.pop("follow_up_task_id"))

        missing = cast(list[str], d.pop("missing"))

        pickup_id = d.pop("pickup_id")

        pickup_collected_event_data = cls(
            follow_up_task_id=follow_up_task_id,
            missing=missing,
            pickup_id=pickup_id,
        )

        return pickup_collected_event_data
