from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.party_in_coord_system import PartyInCoordSystem
from ..types import UNSET, Unset

T = TypeVar("T", bound="PartyIn")


@_attrs_define
class PartyIn:
    """
    Attributes:
        address (str):
        lat (float):
        lng (float):
        name (str):
        phone (str):
        coord_system (PartyInCoordSystem | Unset): gcj02 coordinates (WeChat's map) are converted to WGS-84. Default
            when left out: `"wgs84"`.
    """

    address: str
    lat: float
    lng: float
    name: str
    phone: str
    coord_system: PartyInCoordSystem | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        address = self.address

        lat = self.lat

        lng = self.lng

        name = self.name

        phone = self.phone

        coord_system: str | Unset = UNSET
        if not isinstance(self.coord_system, Unset):
            coord_system = self.coord_system.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "address": address,
                "lat": lat,
                "lng": lng,
                "name": name,
                "phone": phone,
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

        name = d.pop("name")

        phone = d.pop("phone")

        _coord_system = d.pop("coord_system", UNSET)
        coord_system: PartyInCoordSystem | Unset
        if isinstance(_coord_system, Unset):
            coord_system = UNSET
        else:
            coord_system = PartyInCoordSystem(_coord_system)

        party_in = cls(
            address=address,
            lat=lat,
            lng=lng,
            name=name,
            phone=phone,
            coord_system=coord_system,
        )

        return party_in
