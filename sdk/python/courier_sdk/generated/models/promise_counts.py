from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="PromiseCounts")


@_attrs_define
class PromiseCounts:
    """
    Attributes:
        achievement_rate (float | None):
        late (int):
        on_time (int):
        pending (int): deadline still ahead
        promises (int):
    """

    achievement_rate: float | None
    late: int
    on_time: int
    pending: int
    promises: int

    def to_dict(self) -> dict[str, Any]:
        achievement_rate: float | None
        achievement_rate = self.achievement_rate

        late = self.late

        on_time = self.on_time

        pending = self.pending

        promises = self.promises

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "achievement_rate": achievement_rate,
                "late": late,
                "on_time": on_time,
                "pending": pending,
                "promises": promises,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_achievement_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        achievement_rate = _parse_achievement_rate(d.pop("achievement_rate"))

        late = d.pop("late")

        on_time = d.pop("on_time")

        pending = d.pop("pending")

        promises = d.pop("promises")

        promise_counts = cls(
            achievement_rate=achievement_rate,
            late=late,
            on_time=on_time,
            pending=pending,
            promises=promises,
        )

        return promise_counts
