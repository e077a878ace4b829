from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PickupPointPatch")


@_attrs_define
class PickupPointPatch:
    """
    Attributes:
        address (str | Unset):
        lat (float | Unset):
        lng (float | Unset):
        name (str | Unset):
        phone (None | str | Unset): the desk's phone, for couriers bringing items back
        run_times (list[str] | Unset): local times of the scheduled hand-over runs
        station_id (str | Unset): the collecting station
    """

    address: str | Unset = UNSET
    lat: float | Unset = UNSET
    lng: float | Unset = UNSET
    name: str | Unset = UNSET
    phone: None | str | Unset = UNSET
    run_times: list[str] | Unset = UNSET
    station_id: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        address = self.address

        lat = self.lat

        lng = self.lng

        name = self.name

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        run_times: list[str] | Unset = UNSET
        if not isinstance(self.run_times, Unset):
            run_times = self.run_times

        station_id = self.station_id

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if address is not UNSET:
            field_dict["address"] = address
        if lat is not UNSET:
            field_dict["lat"] = lat
        if lng is not UNSET:
            field_dict["lng"] = lng
        if name is not UNSET:
            field_dict["name"] = name
        if phone is not UNSET:
            field_dict["phone"] = phone
        if run_times is not UNSET:
            field_dict["run_times"] = run_times
        if station_id is not UNSET:
            field_dict["station_id"] = station_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        address = d.pop("address", UNSET)

        lat = d.pop("lat", UNSET)

        lng = d.pop("lng", UNSET)

        name = d.pop("name", UNSET)

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))

        run_times = cast(list[str], d.pop("run_times", UNSET))

        station_id = d.pop("station_id", UNSET)

        pickup_point_patch = cls(
            address=address,
            lat=lat,
            lng=lng,
            name=name,
            phone=phone,
            run_times=run_times,
            station_id=station_id,
        )

        return pickup_point_patch
