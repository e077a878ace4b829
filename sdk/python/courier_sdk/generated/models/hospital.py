from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.directory_point import DirectoryPoint


T = TypeVar("T", bound="Hospital")


@_attrs_define
class Hospital:
    """
    Attributes:
        id (str): the hospital_id of orders
        name (str):
        pickup_points (list[DirectoryPoint]):
        region_id (str):
    """

    id: str
    name: str
    pickup_points: list[DirectoryPoint]
    region_id: str

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        pickup_points = []
        for pickup_points_item_data in self.pickup_points:
            pickup_points_item = pickup_points_item_data.to_dict()
            pickup_points.append(pickup_points_item)

        region_id = self.region_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "name": name,
                "pickup_points": pickup_points,
                "region_id": region_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.directory_point import DirectoryPoint

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        pickup_points = []
        _pickup_points = d.pop("pickup_points")
        for pickup_points_item_data in _pickup_points:
            pickup_points_item = DirectoryPoint.from_dict(pickup_points_item_data)

            pickup_points.append(pickup_points_item)

        region_id = d.pop("region_id")

        hospital = cls(
            id=id,
            name=name,
            pickup_points=pickup_points,
            region_id=region_id,
        )

        return hospital
