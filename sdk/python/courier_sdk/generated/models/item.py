from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Item")


@_attrs_define
class Item:
    """
    Attributes:
        cold_chain (bool):
        name (str):
        quantity (int):
    """

    cold_chain: bool
    name: str
    quantity: int

    def to_dict(self) -> dict[str, Any]:
        cold_chain = self.cold_chain

        name = self.name

        quantity = self.quantity

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "cold_chain": cold_chain,
                "name": name,
                "quantity": quantity,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        cold_chain = d.pop("cold_chain")

        name = d.pop("name")

        quantity = d.pop("quantity")

        item = cls(
            cold_chain=cold_chain,
            name=name,
            quantity=quantity,
        )

        return item
