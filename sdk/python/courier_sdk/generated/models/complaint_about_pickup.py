from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.complaint_about_pickup_category import ComplaintAboutPickupCategory

T = TypeVar("T", bound="ComplaintAboutPickup")


@_attrs_define
class ComplaintAboutPickup:
    """
    Attributes:
        category (ComplaintAboutPickupCategory):
        description (str):
        pickup_id (str): the pickup order's id (or give `shipment_id`)
    """

    category: ComplaintAboutPickupCategory
    description: str
    pickup_id: str

    def to_dict(self) -> dict[str, Any]:
        category = self.category.value

        description = self.description

        pickup_id = self.pickup_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "category": category,
                "description": description,
                "pickup_id": pickup_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        category = ComplaintAboutPickupCategory(d.pop("category"))

        description = d.pop("description")

        pickup_id = d.pop("pickup_id")

        complaint_about_pickup = cls(
            category=category,
            description=description,
            pickup_id=pickup_id,
        )

        return complaint_about_pickup
