from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.pickup_point_kind import PickupPointKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="PickupPoint")


@_attrs_define
class PickupPoint:
    """
    Attributes:
        address (str):
        kind (PickupPointKind): hospital: pharmacy (prescriptions, medical records) or maternity_ward (birth
            certificates); court: court_office; traffic_police: archive_office; enterprise: warehouse
        lat (float):
        lng (float):
        name (str):
        station_id (str): the collecting station
        created_at (datetime.datetime | Unset):
        id (str | Unset):
        organisation_id (str | Unset):
        phone (None | str | Unset): the desk's phone, for couriers bringing items back
        run_times (list[str] | Unset): local times of the scheduled hand-over runs
        updated_at (datetime.datetime | Unset):
        version (int | Unset):
    """

    address: str
    kind: PickupPointKind
    lat: float
    lng: float
    name: str
    station_id: str
    created_at: datetime.datetime | Unset = UNSET
    id: str | Unset = UNSET
    organisation_id: str | Unset = UNSET
    phone: None | str | Unset = UNSET
    run_times: list[str] | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    version: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        address = self.address

        kind = self.kind.value

        lat = self.lat

        lng = self.lng

        name = self.name

        station_id = self.station_id

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        id = self.id

        organisation_id = self.organisation_id

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        run_times: list[str] | Unset = UNSET
        if not isinstance(self.run_times, Unset):
            run_times = self.run_times

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "address": address,
                "kind": kind,
                "lat": lat,
                "lng": lng,
                "name": name,
                "station_id": station_id,
            }
        )
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if id is not UNSET:
            field_dict["id"] = id
        if organisation_id is not UNSET:
            field_dict["organisation_id"] = organisation_id
        if phone is not UNSET:
            field_dict["phone"] = phone
        if run_times is not UNSET:
            field_dict["run_times"] = run_times
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if version is not UNSET:
            field_dict["version"] = version

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        address = d.pop("address")

        kind = PickupPointKind(d.pop("kind"))

        lat = d.pop("lat")

        lng = d.pop("lng")

        name = d.pop("name")

        station_id = d.pop("station_id")

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        id = d.pop("id", UNSET)

        organisation_id = d.pop("organisation_id", UNSET)

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))

        run_times = cast(list[str], d.pop("run_times", UNSET))

        _updated_at = d.pop("updated_at", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        version = d.pop("version", UNSET)

        pickup_point = cls(
            address=address,
            kind=kind,
            lat=lat,
            lng=lng,
            name=name,
            station_id=station_id,
            created_at=created_at,
            id=id,
            organisation_id=organisation_id,
            phone=phone,
            run_times=run_times,
            updated_at=updated_at,
            version=version,
        )

        return pickup_point
