from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.station_patch_area_type import StationPatchAreaType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.opening_hours import OpeningHours


T = TypeVar("T", bound="StationPatch")


@_attrs_define
class StationPatch:
    """
    Attributes:
        active (bool | Unset):
        address (str | Unset):
        area_type (StationPatchAreaType | Unset):
        cutoff_time (str | Unset): 截邮时间, local Example: 08:00.
        lat (float | Unset):
        lng (float | Unset):
        name (str | Unset):
        opening_hours (list[None | OpeningHours] | Unset): 7 entries, Monday first; null = closed that day
        service_area (list[list[float]] | Unset): closed ring of [lng, lat] points
    """

    active: bool | Unset = UNSET
    address: str | Unset = UNSET
    area_type: StationPatchAreaType | Unset = UNSET
    cutoff_time: str | Unset = UNSET
    lat: float | Unset = UNSET
    lng: float | Unset = UNSET
    name: str | Unset = UNSET
    opening_hours: list[None | OpeningHours] | Unset = UNSET
    service_area: list[list[float]] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.opening_hours import OpeningHours

        active = self.active

        address = self.address

        area_type: str | Unset = UNSET
        if not isinstance(self.area_type, Unset):
            area_type = self.area_type.value

        cutoff_time = self.cutoff_time

        lat = self.lat

        lng = self.lng

        name = self.name

        opening_hours: list[dict[str, Any] | None] | Unset = UNSET
        if not isinstance(self.opening_hours, Unset):
            opening_hours = []
            for opening_hours_item_data in self.opening_hours:
                opening_hours_item: dict[str, Any] | None
                if isinstance(opening_hours_item_data, OpeningHours):
                    opening_hours_item = opening_hours_item_data.to_dict()
                else:
                    opening_hours_item = opening_hours_item_data
                opening_hours.append(opening_hours_item)

        service_area: list[list[float]] | Unset = UNSET
        if not isinstance(self.service_area, Unset):
            service_area = []
            for service_area_item_data in self.service_area:
                service_area_item = service_area_item_data

                service_area.append(service_area_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if active is not UNSET:
            field_dict["active"] = active
        if address is not UNSET:
            field_dict["address"] = address
        if area_type is not UNSET:
            field_dict["area_type"] = area_type
        if cutoff_time is not UNSET:
            field_dict["cutoff_time"] = cutoff_time
        if lat is not UNSET:
            field_dict["lat"] = lat
        if lng is not UNSET:
            field_dict["lng"] = lng
        if name is not UNSET:
            field_dict["name"] = name
        if opening_hours is not UNSET:
            field_dict["opening_hours"] = opening_hours
        if service_area is not UNSET:
            field_dict["service_area"] = service_area

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.opening_hours import OpeningHours

        d = dict(src_dict)
        active = d.pop("active", UNSET)

        address = d.pop("address", UNSET)

        _area_type = d.pop("area_type", UNSET)
        area_type: StationPatchAreaType | Unset
        if isinstance(_area_type, Unset):
            area_type = UNSET
        else:
            area_type = StationPatchAreaType(_area_type)

        cutoff_time = d.pop("cutoff_time", UNSET)

        lat = d.pop("lat", UNSET)

        lng = d.pop("lng", UNSET)

        name = d.pop("name", UNSET)

        _opening_hours = d.pop("opening_hours", UNSET)
        opening_hours: list[None | OpeningHours] | Unset = UNSET
        if _opening_hours is not UNSET:
            opening_hours = []
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

        _service_area = d.pop("service_area", UNSET)
        service_area: list[list[float]] | Unset = UNSET
        if _service_area is not UNSET:
            service_area = []
            for service_area_item_data in _service_area:
                service_area_item = cast(list[float], service_area_item_data)

                service_area.append(service_area_item)

        station_patch = cls(
            active=active,
            address=address,
            area_type=area_type,
            cutoff_time=cutoff_time,
            lat=lat,
            lng=lng,
            name=name,
            opening_hours=opening_hours,
            service_area=service_area,
        )

        return station_patch
