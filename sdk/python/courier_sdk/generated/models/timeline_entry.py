from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.timeline_entry_status import TimelineEntryStatus

T = TypeVar("T", bound="TimelineEntry")


@_attrs_define
class TimelineEntry:
    """
    Attributes:
        at (datetime.datetime):
        station_id (None | str):
        status (TimelineEntryStatus):  Example: arrived_station.
    """

    at: datetime.datetime
    station_id: None | str
    status: TimelineEntryStatus

    def to_dict(self) -> dict[str, Any]:
        at = self.at.isoformat()

        station_id: None | str
        station_id = self.station_id

        status = self.status.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "at": at,
                "station_id": station_id,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        at = datetime.datetime.fromisoformat(d.pop("at"))

        def _parse_station_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        station_id = _parse_station_id(d.pop("station_id"))

        status = TimelineEntryStatus(d.pop("status"))

        timeline_entry = cls(
            at=at,
            station_id=station_id,
            status=status,
        )

        return timeline_entry
