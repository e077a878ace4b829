from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="TaskArrivedEventData")


@_attrs_define
class TaskArrivedEventData:
    """
    Attributes:
        arrived_at (datetime.datetime):
        late (bool):
        pickup_id (str):
        task_id (str):
    """

    arrived_at: datetime.datetime
    late: bool
    pickup_id: str
    task_id: str

    def to_dict(self) -> dict[str, Any]:
        arrived_at = self.arrived_at.isoformat()

        late = self.late

        pickup_id = self.pickup_id

        task_id = self.task_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "arrived_at": arrived_at,
                "late": late,
                "pickup_id": pickup_id,
                "task_id": task_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        arrived_at = datetime.datetime.fromisoformat(d.pop("arrived_at"))

        late = d.pop("late")

        pickup_id = d.pop("pickup_id")

        task_id = d.pop("task_id")

        task_arrived_event_data = cls(
            arrived_at=arrived_at,
            late=late,
            pickup_id=pickup_id,
            task_id=task_id,
        )

        return task_arrived_event_data
