from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.parcel_in import ParcelIn
    from ..models.party_in import PartyIn


T = TypeVar("T", bound="PickupFromParcels")


@_attrs_define
class PickupFromParcels:
    """
    Attributes:
        parcels (list[ParcelIn]):
        pickup (PartyIn):
        product (str | Unset):
    """

    parcels: list[ParcelIn]
    pickup: PartyIn
    product: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        parcels = []
        for parcels_item_data in self.parcels:
            parcels_item = parcels_item_data.to_dict()
            parcels.append(parcels_item)

        pickup = self.pickup.to_dict()

        product = self.product

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "parcels": parcels,
                "pickup": pickup,
            }
        )
        if product is not UNSET:
            field_dict["product"] = product

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.parcel_in import ParcelIn
        from ..models.party_in import PartyIn

        d = dict(src_dict)
        parcels = []
        _parcels = d.pop("parcels")
        for parcels_item_data in _parcels:
            parcels_item = ParcelIn.from_dict(parcels_item_data)

            parcels.append(parcels_item)

        pickup = PartyIn.from_dict(d.pop("pickup"))

        product = d.pop("product", UNSET)

        pickup_from_parcels = cls(
            parcels=parcels,
            pickup=pickup,
            product=product,
        )

        return pickup_from_parcels
