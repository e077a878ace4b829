from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.parcel_in import ParcelIn
    from ..models.party_in import PartyIn


T = TypeVar("T", bound="PickupCreate")


@_attrs_define
class PickupCreate:
    """
    Attributes:
        parcels (list[ParcelIn] | Unset):
        pickup (PartyIn | Unset):
        product (str | Unset):
        quote_id (str | Unset):
    """

    parcels: list[ParcelIn] | Unset = UNSET
    pickup: PartyIn | Unset = UNSET
    product: str | Unset = UNSET
    quote_id: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        parcels: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.parcels, Unset):
            parcels = []
            for parcels_item_data in self.parcels:
                parcels_item = parcels_item_data.to_dict()
                parcels.append(parcels_item)

        pickup: dict[str, Any] | Unset = UNSET
        if not isinstance(self.pickup, Unset):
            pickup = self.pickup.to_dict()

        product = self.product

        quote_id = self.quote_id

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if parcels is not UNSET:
            field_dict["parcels"] = parcels
        if pickup is not UNSET:
            field_dict["pickup"] = pickup
        if product is not UNSET:
            field_dict["product"] = product
        if quote_id is not UNSET:
            field_dict["quote_id"] = quote_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.parcel_in import ParcelIn
        from ..models.party_in import PartyIn

        d = dict(src_dict)
        _parcels = d.pop("parcels", UNSET)
        parcels: list[ParcelIn] | Unset = UNSET
        if _parcels is not UNSET:
            parcels = []
            for parcels_item_data in _parcels:
                parcels_item = ParcelIn.from_dict(parcels_item_data)

                parcels.append(parcels_item)

        _pickup = d.pop("pickup", UNSET)
        pickup: PartyIn | Unset
        if isinstance(_pickup, Unset):
            pickup = UNSET
        else:
            pickup = PartyIn.from_dict(_pickup)

        product = d.pop("product", UNSET)

        quote_id = d.pop("quote_id", UNSET)

        pickup_create = cls(
            parcels=parcels,
            pickup=pickup,
            product=product,
            quote_id=quote_id,
        )

        return pickup_create
