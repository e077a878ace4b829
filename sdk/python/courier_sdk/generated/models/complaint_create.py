from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.complaint_create_category import ComplaintCreateCategory
from ..types import UNSET, Unset

T = TypeVar("T", bound="ComplaintCreate")


@_attrs_define
class ComplaintCreate:
    """
    Attributes:
        category (ComplaintCreateCategory):
        description (str):
        pickup_id (str | Unset): the pickup order's id (or give `shipment_id`)
        shipment_id (str | Unset): the shipment's id or waybill number (or give `pickup_id`)
    """

    category: ComplaintCreateCategory
    description: str
    pickup_id: str | Unset = UNSET
    shipment_id: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        category = self.category.value

        description = self.description

        pickup_id = self.pickup_id

        shipment_id = self.shipment_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "category": category,
                "description": description,
            }
        )
        if pickup_id is not UNSET:
            field_dict["pickup_id"] = pickup_id
        if shipment_id is not UNSET:
            field_dict["shipment_id"] = shipment_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        category = ComplaintCreateCategory(d.pop("category"))

        description = d.pop("description")

        pickup_id = d.pop("pickup_id", UNSET)

        shipment_id = d.pop("shipment_id", UNSET)

        complaint_create = cls(
            category=category,
            description=description,
            pickup_id=pickup_id,
            shipment_id=shipment_id,
        )

        return complaint_create
