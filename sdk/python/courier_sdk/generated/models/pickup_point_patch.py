from __future__ import annotations

import datetime
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
        created_at (datetime.datetime | Unset):
        id (str | Unset):
        lat (float | Unset):
        lng (float | Unset):
        name (str | Unset):
        organisation_id (str | Unset):
        phone (None | str | Unset): the desk's phone, for couriers bringing items back
        run_times (list[str] | Unset): local times of the scheduled hand-over runs
        station_id (str | Unset): the collecting station
        updated_at (datetime.datetime | Unset):
        version (int | Unset):
    """

    address: str | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    id: str | Unset = UNSET
    lat: float | Unset = UNSET
    lng: float | Unset = UNSET
    name: str | Unset = UNSET
    organisation_id: str | Unset = UNSET
    phone: None | str | Unset = UNSET
    run_times: list[str] | Unset = UNSET
    station_id: str | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    version: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        address = self.address

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        id = self.id

        lat = self.lat

        lng = self.lng

        name = self.name

        organisation_id = self.organisation_id

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        run_times: list[str] | Unset = UNSET
        if not isinstance(self.run_times, Unset):
            run_times = self.run_times

        station_id = self.station_id

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if address is not UNSET:
            field_dict["address"] = address
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if id is not UNSET:
            field_dict["id"] = id
        if lat is not UNSET:
            field_dict["lat"] = lat
        if lng is not UNSET:
            field_dict["lng"] = lng
        if name is not UNSET:
            field_dict["name"] = name
        if organisation_id is not UNSET:
            field_dict["organisation_id"] = organisation_id
        if phone is not UNSET:
            field_dict["phone"] = phone
        if run_times is not UNSET:
            field_dict["run_times"] = run_times
        if station_id is not UNSET:
            field_dict["station_id"] = station_id
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if version is not UNSET:
            field_dict["version"] = version

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        address = d.pop("address", UNSET)

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        id = d.pop("id", UNSET)

        lat = d.pop("lat", UNSET)

        lng = d.pop("lng", UNSET)

        name = d.pop("name", UNSET)

        organisation_id = d.pop("organisation_id", UNSET)

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))

        run_times = cast(list[str], d.pop("run_times", UNSET))

        station_id = d.pop("station_id", UNSET)

        _updated_at = d.pop("updated_at", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        version = d.pop("version", UNSET)

        pickup_point_patch = cls(
            address=address,
            created_at=created_at,
            id=id,
            lat=lat,
            lng=lng,
            name=name,
            organisation_id=organisation_id,
            phone=phone,
            run_times=run_times,
            station_id=station_id,
            updated_at=updated_at,
            version=version,
        )

        return pickup_point_patch
