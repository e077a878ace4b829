from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="PickupPromiseBrokenEventData")


@_attrs_define
class PickupPromiseBrokenEventData:
    """
    Attributes:
        deadline (datetime.datetime):
        pickup_id (str):
        task_id (str):
    """

    deadline: datetime.datetime
    pickup_id: str
    task_id: str

    def to_dict(self) -> dict[str, Any]:
        deadline = self.deadline.isoformat()

        pickup_id = self.pickup_id

        task_id = self.task_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "deadline": deadline,
                "pickup_id": pickup_id,
                "task_id": task_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        deadline = datetime.datetime.fromisoformat(d.pop("deadline"))

        pickup_id = d.pop("pickup_id")

        task_id = d.pop("task_id")

        pickup_promise_broken_event_data = cls(
            deadline=deadline,
            pickup_id=pickup_id,
            task_id=task_id,
        )

        return pickup_promise_broken_event_data
