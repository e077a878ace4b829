from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.item_in_category import ItemInCategory
from ..types import UNSET, Unset

T = TypeVar("T", bound="ItemIn")


@_attrs_define
class ItemIn:
    """
    Attributes:
        name (str):
        quantity (int):
        category (ItemInCategory | Unset): the drug's management category in the hospital's system. Default when left
            out: `"ordinary"`.
        cold_chain (bool | Unset): 2-8 °C: delivered the same day. Default when left out: `false`.
    """

    name: str
    quantity: int
    category: ItemInCategory | Unset = UNSET
    cold_chain: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        quantity = self.quantity

        category: str | Unset = UNSET
        if not isinstance(self.category, Unset):
            category = self.category.value

        cold_chain = self.cold_chain

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "quantity": quantity,
            }
        )
        if category is not UNSET:
            field_dict["category"] = category
        if cold_chain is not UNSET:
            field_dict["cold_chain"] = cold_chain

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        quantity = d.pop("quantity")

        _category = d.pop("category", UNSET)
        category: ItemInCategory | Unset
        if isinstance(_category, Unset):
            category = UNSET
        else:
            category = ItemInCategory(_category)

        cold_chain = d.pop("cold_chain", UNSET)

        item_in = cls(
            name=name,
            quantity=quantity,
            category=category,
            cold_chain=cold_chain,
        )

        return item_in
