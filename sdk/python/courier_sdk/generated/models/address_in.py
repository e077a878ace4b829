from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.address_in_coord_system import AddressInCoordSystem
from ..types import UNSET, Unset

T = TypeVar("T", bound="AddressIn")


@_attrs_define
class AddressIn:
    """
    Attributes:
        address (str):
        lat (float):
        lng (float):
        coord_system (AddressInCoordSystem | Unset): gcj02 coordinates (WeChat's map) are converted to WGS-84. Default
            when left out: `"wgs84"`.
    """

    address: str
    lat: float
    lng: float
    coord_system: AddressInCoordSystem | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        address = self.address

        lat = self.lat

        lng = self.lng

        coord_system: str | Unset = UNSET
        if not isinstance(self.coord_system, Unset):
            coord_system = self.coord_system.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "address": address,
                "lat": lat,
                "lng": lng,
            }
        )
        if coord_system is not UNSET:
            field_dict["coord_system"] = coord_system

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        address = d.pop("address")

        lat = d.pop("lat")

        lng = d.pop("lng")

        _coord_system = d.pop("coord_system", UNSET)
        coord_system: AddressInCoordSystem | Unset
        if isinstance(_coord_system, Unset):
            coord_system = UNSET
        else:
            coord_system = AddressInCoordSystem(_coord_system)

        address_in = cls(
            address=address,
            lat=lat,
            lng=lng,
            coord_system=coord_system,
        )

        return address_in
