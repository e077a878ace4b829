from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="TaskCompletedEventData")


@_attrs_define
class TaskCompletedEventData:
    """
    Attributes:
        extra (list[str]): waybill numbers
        missing (list[str]): waybill numbers
        picked_up (list[str]): waybill numbers
        pickup_id (str):
        task_id (str):
    """

    extra: list[str]
    missing: list[str]
    picked_up: list[str]
    pickup_id: str
    task_id: str

    def to_dict(self) -> dict[str, Any]:
        extra = self.extra

        missing = self.missing

        picked_up = self.picked_up

        pickup_id = self.pickup_id

        task_id = self.task_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "extra": extra,
                "missing": missing,
                "picked_up": picked_up,
                "pickup_id": pickup_id,
                "task_id": task_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        extra = cast(list[str], d.pop("extra"))

        missing = cast(list[str], d.pop("missing"))

        picked_up = cast(list[str], d.pop("picked_up"))

        pickup_id = d.pop("pickup_id")

        task_id = d.pop("task_id")

        task_completed_event_data = cls(
            extra=extra,
            missing=missing,
            picked_up=picked_up,
            pickup_id=pickup_id,
            task_id=task_id,
        )

        return task_completed_event_data
