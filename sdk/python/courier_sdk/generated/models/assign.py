from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Assign")


@_attrs_define
class Assign:
    """
    Attributes:
        courier_id (str):
    """

    courier_id: str

    def to_dict(self) -> dict[str, Any]:
        courier_id = self.courier_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "courier_id": courier_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        courier_id = d.pop("courier_id")

        assign = cls(
            courier_id=courier_id,
        )

        return assign
