from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="HospitalRunBuiltEventData")


@_attrs_define
class HospitalRunBuiltEventData:
    """
    Attributes:
        extra (bool):
        items (int):
        pickup_point_id (str):
        run_id (str):
        scheduled_at (datetime.datetime):
    """

    extra: bool
    items: int
    pickup_point_id: str
    run_id: str
    scheduled_at: datetime.datetime

    def to_dict(self) -> dict[str, Any]:
        extra = self.extra

        items = self.items

        pickup_point_id = self.pickup_point_id

        run_id = self.run_id

        scheduled_at = self.scheduled_at.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "extra": extra,
                "items": items,
                "pickup_point_id": pickup_point_id,
                "run_id": run_id,
                "scheduled_at": scheduled_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        extra = d.pop("extra")

        items = d.pop("items")

        pickup_point_id = d.pop("pickup_point_id")

        run_id = d.pop("run_id")

        scheduled_at = datetime.datetime.fromisoformat(d.pop("scheduled_at"))

        hospital_run_built_event_data = cls(
            extra=extra,
            items=items,
            pickup_point_id=pickup_point_id,
            run_id=run_id,
            scheduled_at=scheduled_at,
        )

        return hospital_run_built_event_data
