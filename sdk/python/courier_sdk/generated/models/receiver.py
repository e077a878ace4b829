from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Receiver")


@_attrs_define
class Receiver:
    """
    Attributes:
        name (str):
        id_number (str | Unset): GB 11643; needed where the product checks ID
        relation (str | Unset): `self`, or a substitute's relation to the addressee (family, housemate, colleague,
            reception, … as the product allows). Default when left out: `"self"`.
    """

    name: str
    id_number: str | Unset = UNSET
    relation: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        id_number = self.id_number

        relation = self.relation

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if id_number is not UNSET:
            field_dict["id_number"] = id_number
        if relation is not UNSET:
            field_dict["relation"] = relation

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        id_number = d.pop("id_number", UNSET)

        relation = d.pop("relation", UNSET)

        receiver = cls(
            name=name,
            id_number=id_number,
            relation=relation,
        )

        return receiver
