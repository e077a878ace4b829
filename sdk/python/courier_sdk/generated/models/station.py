from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.station_area_type import StationAreaType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.opening_hours import OpeningHours


T = TypeVar("T", bound="Station")


@_attrs_define
class Station:
    """
    Attributes:
        active (bool):
        address (str):
        area_type (StationAreaType):
        cutoff_time (str): 截邮时间, local Example: 08:00.
        lat (float):
        lng (float):
        name (str):
        opening_hours (list[None | OpeningHours]): 7 entries, Monday first; null = closed that day
        service_area (list[list[float]]): closed ring of [lng, lat] points
        code (str | Unset):
        created_at (datetime.datetime | Unset):
        id (str | Unset):
        region_id (str | Unset):
        updated_at (datetime.datetime | Unset):
        version (int | Unset):
    """

    active: bool
    address: str
    area_type: StationAreaType
    cutoff_time: str
    lat: float
    lng: float
    name: str
    opening_hours: list[None | OpeningHours]
    service_area: list[list[float]]
    code: str | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    id: str | Unset = UNSET
    region_id: str | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    version: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.opening_hours import OpeningHours

        active = self.active

        address = self.address

        area_type = self.area_type.value

        cutoff_time = self.cutoff_time

        lat = self.lat

        lng = self.lng

        name = self.name

        opening_hours = []
        for opening_hours_item_data in self.opening_hours:
            opening_hours_item: dict[str, Any] | None
            if isinstance(opening_hours_item_data, OpeningHours):
                opening_hours_item = opening_hours_item_data.to_dict()
            else:
                opening_hours_item = opening_hours_item_data
            opening_hours.append(opening_hours_item)

        service_area = []
        for service_area_item_data in self.service_area:
            service_area_item = service_area_item_data

            service_area.append(service_area_item)

        code = self.code

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        id = self.id

        region_id = self.region_id

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "active": active,
                "address": address,
                "area_type": area_type,
                "cutoff_time": cutoff_time,
                "lat": lat,
                "lng": lng,
                "name": name,
                "opening_hours": opening_hours,
                "service_area": service_area,
            }
        )
        if code is not UNSET:
            field_dict["code"] = code
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if id is not UNSET:
            field_dict["id"] = id
        if region_id is not UNSET:
            field_dict["region_id"] = region_id
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if version is not UNSET:
            field_dict["version"] = version

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.opening_hours import OpeningHours

        d = dict(src_dict)
        active = d.pop("active")

        address = d.pop("address")

        area_type = StationAreaType(d.pop("area_type"))

        cutoff_time = d.pop("cutoff_time")

        lat = d.pop("lat")

        lng = d.pop("lng")

        name = d.pop("name")

        opening_hours = []
        _opening_hours = d.pop("opening_hours")
        for opening_hours_item_data in _opening_hours:

            def _parse_opening_hours_item(data: object) -> None | OpeningHours:
                if data is None:
                    return data
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    opening_hours_item_type_0 = OpeningHours.from_dict(data)

                    return opening_hours_item_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(None | OpeningHours, data)

            opening_hours_item = _parse_opening_hours_item(opening_hours_item_data)

            opening_hours.append(opening_hours_item)

        service_area = []
        _service_area = d.pop("service_area")
        for service_area_item_data in _service_area:
            service_area_item = cast(list[float], service_area_item_data)

            service_area.append(service_area_item)

        code = d.pop("code", UNSET)

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        id = d.pop("id", UNSET)

        region_id = d.pop("region_id", UNSET)

        _updated_at = d.pop("updated_at", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        version = d.pop("version", UNSET)

        station = cls(
            active=active,
            address=address,
            area_type=area_type,
            cutoff_time=cutoff_time,
            lat=lat,
            lng=lng,
            name=name,
            opening_hours=opening_hours,
            service_area=service_area,
            code=code,
            created_at=created_at,
            id=id,
            region_id=region_id,
            updated_at=updated_at,
            version=version,
        )

        return station
