from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.complaint_about_shipment_category import ComplaintAboutShipmentCategory

T = TypeVar("T", bound="ComplaintAboutShipment")


@_attrs_define
class ComplaintAboutShipment:
    """
    Attributes:
        category (ComplaintAboutShipmentCategory):
        description (str):
        shipment_id (str): the shipment's id or waybill number (or give `pickup_id`)
    """

    category: ComplaintAboutShipmentCategory
    description: str
    shipment_id: str

    def to_dict(self) -> dict[str, Any]:
        category = self.category.value

        description = self.description

        shipment_id = self.shipment_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "category": category,
                "description": description,
                "shipment_id": shipment_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        category = ComplaintAboutShipmentCategory(d.pop("category"))

        description = d.pop("description")

        shipment_id = d.pop("shipment_id")

        complaint_about_shipment = cls(
            category=category,
            description=description,
            shipment_id=shipment_id,
        )

        return complaint_about_shipment
