from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="TaskAcceptedEventData")


@_attrs_define
class TaskAcceptedEventData:
    """
    Attributes:
        courier_id (str):
        pickup_id (str):
        task_id (str):
    """

    courier_id: str
    pickup_id: str
    task_id: str

    def to_dict(self) -> dict[str, Any]:
        courier_id = self.courier_id

        pickup_id = self.pickup_id

        task_id = self.task_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "courier_id": courier_id,
                "pickup_id": pickup_id,
                "task_id": task_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        courier_id = d.pop("courier_id")

        pickup_id = d.pop("pickup_id")

        task_id = d.pop("task_id")

        task_accepted_event_data = cls(
            courier_id=courier_id,
            pickup_id=pickup_id,
            task_id=task_id,
        )

        return task_accepted_event_data
