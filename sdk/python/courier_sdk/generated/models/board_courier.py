from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="BoardCourier")


@_attrs_define
class BoardCourier:
    """
    Attributes:
        capacity (int):
        employee_no (str):
        id (str):
        last_lat (float | None):
        last_lng (float | None):
        last_seen_at (datetime.datetime | None):
        load (int): tasks held now
        name (str):
        station_id (str):
    """

    capacity: int
    employee_no: str
    id: str
    last_lat: float | None
    last_lng: float | None
    last_seen_at: datetime.datetime | None
    load: int
    name: str
    station_id: str

    def to_dict(self) -> dict[str, Any]:
        capacity = self.capacity

        employee_no = self.employee_no

        id = self.id

        last_lat: float | None
        last_lat = self.last_lat

        last_lng: float | None
        last_lng = self.last_lng

        last_seen_at: None | str
        if isinstance(self.last_seen_at, datetime.datetime):
            last_seen_at = self.last_seen_at.isoformat()
        else:
            last_seen_at = self.last_seen_at

        load = self.load

        name = self.name

        station_id = self.station_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "capacity": capacity,
                "employee_no": employee_no,
                "id": id,
                "last_lat": last_lat,
                "last_lng": last_lng,
                "last_seen_at": last_seen_at,
                "load": load,
                "name": name,
                "station_id": station_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        capacity = d.pop("capacity")

        employee_no = d.pop("employee_no")

        id = d.pop("id")

        def _parse_last_lat(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        last_lat = _parse_last_lat(d.pop("last_lat"))

        def _parse_last_lng(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        last_lng = _parse_last_lng(d.pop("last_lng"))

        def _parse_last_seen_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_seen_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_seen_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_seen_at = _parse_last_seen_at(d.pop("last_seen_at"))

        load = d.pop("load")

        name = d.pop("name")

        station_id = d.pop("station_id")

        board_courier = cls(
            capacity=capacity,
            employee_no=employee_no,
            id=id,
            last_lat=last_lat,
            last_lng=last_lng,
            last_seen_at=last_seen_at,
            load=load,
            name=name,
            station_id=station_id,
        )

        return board_courier
