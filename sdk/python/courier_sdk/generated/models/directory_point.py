from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="DirectoryPoint")


@_attrs_define
class DirectoryPoint:
    """
    Attributes:
        address (str):
        id (str):
        kind (str): pharmacy (prescriptions, records) | maternity_ward
        lat (float):
        lng (float):
        name (str):
        run_times (list[str]):
    """

    address: str
    id: str
    kind: str
    lat: float
    lng: float
    name: str
    run_times: list[str]

    def to_dict(self) -> dict[str, Any]:
        address = self.address

        id = self.id

        kind = self.kind

        lat = self.lat

        lng = self.lng

        name = self.name

        run_times = self.run_times

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "address": address,
                "id": id,
                "kind": kind,
                "lat": lat,
                "lng": lng,
                "name": name,
                "run_times": run_times,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        address = d.pop("address")

        id = d.pop("id")

        kind = d.pop("kind")

        lat = d.pop("lat")

        lng = d.pop("lng")

        name = d.pop("name")

        run_times = cast(list[str], d.pop("run_times"))

        directory_point = cls(
            address=address,
            id=id,
            kind=kind,
            lat=lat,
            lng=lng,
            name=name,
            run_times=run_times,
        )

        return directory_point
