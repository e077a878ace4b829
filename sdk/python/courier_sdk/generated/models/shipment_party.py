from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ShipmentParty")


@_attrs_define
class ShipmentParty:
    """
    Attributes:
        address (str): address: in full to its owners and for institutions, else masked
        name (str): name: in full to its owners and for institutions, else masked
        phone (str): phone: in full to its owners and for institutions, else masked
    """

    address: str
    name: str
    phone: str

    def to_dict(self) -> dict[str, Any]:
        address = self.address

        name = self.name

        phone = self.phone

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "address": address,
                "name": name,
                "phone": phone,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        address = d.pop("address")

        name = d.pop("name")

        phone = d.pop("phone")

        shipment_party = cls(
            address=address,
            name=name,
            phone=phone,
        )

        return shipment_party
