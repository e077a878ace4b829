from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="PickupFromQuote")


@_attrs_define
class PickupFromQuote:
    """
    Attributes:
        quote_id (str):
    """

    quote_id: str

    def to_dict(self) -> dict[str, Any]:
        quote_id = self.quote_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "quote_id": quote_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        quote_id = d.pop("quote_id")

        pickup_from_quote = cls(
            quote_id=quote_id,
        )

        return pickup_from_quote
