from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.promise_counts import PromiseCounts
    from ..models.station_sla_late_by_cause import StationSlaLateByCause


T = TypeVar("T", bound="StationSla")


@_attrs_define
class StationSla:
    """
    Attributes:
        achievement_rate (float | None):
        beyond_hour (PromiseCounts):
        late (int):
        late_by_cause (StationSlaLateByCause):
        on_time (int):
        pending (int): deadline still ahead
        promises (int):
        station_id (str):
    """

    achievement_rate: float | None
    beyond_hour: PromiseCounts
    late: int
    late_by_cause: StationSlaLateByCause
    on_time: int
    pending: int
    promises: int
    station_id: str

    def to_dict(self) -> dict[str, Any]:
        achievement_rate: float | None
        achievement_rate = self.achievement_rate

        beyond_hour = self.beyond_hour.to_dict()

        late = self.late

        late_by_cause = self.late_by_cause.to_dict()

        on_time = self.on_time

        pending = self.pending

        promises = self.promises

        station_id = self.station_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "achievement_rate": achievement_rate,
                "beyond_hour": beyond_hour,
                "late": late,
                "late_by_cause": late_by_cause,
                "on_time": on_time,
                "pending": pending,
                "promises": promises,
                "station_id": station_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.promise_counts import PromiseCounts
        from ..models.station_sla_late_by_cause import StationSlaLateByCause

        d = dict(src_dict)

        def _parse_achievement_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        achievement_rate = _parse_achievement_rate(d.pop("achievement_rate"))

        beyond_hour = PromiseCounts.from_dict(d.pop("beyond_hour"))

        late = d.pop("late")

        late_by_cause = StationSlaLateByCause.from_dict(d.pop("late_by_cause"))

        on_time = d.pop("on_time")

        pending = d.pop("pending")

        promises = d.pop("promises")

        station_id = d.pop("station_id")

        station_sla = cls(
            achievement_rate=achievement_rate,
            beyond_hour=beyond_hour,
            late=late,
            late_by_cause=late_by_cause,
            on_time=on_time,
            pending=pending,
            promises=promises,
            station_id=station_id,
        )

        return station_sla
