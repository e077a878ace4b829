from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="DeliverySlaRow")


@_attrs_define
class DeliverySlaRow:
    """
    Attributes:
        achievement_rate (float | None):
        late (int):
        on_time (int):
        pending (int):
        product (str):
        promises (int):
        station_id (None | str): destination
    """

    achievement_rate: float | None
    late: int
    on_time: int
    pending: int
    product: str
    promises: int
    station_id: None | str

    def to_dict(self) -> dict[str, Any]:
        achievement_rate: float | None
        achievement_rate = self.achievement_rate

        late = self.late

        on_time = self.on_time

        pending = self.pending

        product = self.product

        promises = self.promises

        station_id: None | str
        station_id = self.station_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "achievement_rate": achievement_rate,
                "late": late,
                "on_time": on_time,
                "pending": pending,
                "product": product,
                "promises": promises,
                "station_id": station_id,
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

        product = d.pop("product")

        promises = d.pop("promises")

        def _parse_station_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        station_id = _parse_station_id(d.pop("station_id"))

        delivery_sla_row = cls(
            achievement_rate=achievement_rate,
            late=late,
            on_time=on_time,
            pending=pending,
            product=product,
            promises=promises,
            station_id=station_id,
        )

        return delivery_sla_row
