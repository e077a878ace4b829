from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.pickup_point_input_kind import PickupPointInputKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="PickupPointInput")


@_attrs_define
class PickupPointInput:
    """
    Attributes:
        address (str):
        kind (PickupPointInputKind): hospital: pharmacy (prescriptions, medical records) or maternity_ward (birth
            certificates); court: court_office; traffic_police: archive_office; enterprise: warehouse
        lat (float):
        lng (float):
        name (str):
        station_id (str): the collecting station
        phone (None | str | Unset): the desk's phone, for couriers bringing items back
        run_times (list[str] | Unset): local times of the scheduled hand-over runs
    """

    address: str
    kind: PickupPointInputKind
    lat: float
    lng: float
    name: str
    station_id: str
    phone: None | str | Unset = UNSET
    run_times: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        address = self.address

        kind = self.kind.value

        lat = self.lat

        lng = self.lng

        name = self.name

        station_id = self.station_id

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        run_times: list[str] | Unset = UNSET
        if not isinstance(self.run_times, Unset):
            run_times = self.run_times

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
        if phone is not UNSET:
            field_dict["phone"] = phone
        if run_times is not UNSET:
            field_dict["run_times"] = run_times

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        address = d.pop("address")

        kind = PickupPointInputKind(d.pop("kind"))

        lat = d.pop("lat")

        lng = d.pop("lng")

        name = d.pop("name")

        station_id = d.pop("station_id")

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))

        run_times = cast(list[str], d.pop("run_times", UNSET))

        pickup_point_input = cls(
            address=address,
            kind=kind,
            lat=lat,
            lng=lng,
            name=name,
            station_id=station_id,
            phone=phone,
            run_times=run_times,
        )

        return pickup_point_input
