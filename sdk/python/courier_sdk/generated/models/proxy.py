from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Proxy")


@_attrs_define
class Proxy:
    """
    Attributes:
        name (str): name: in full to its owners and for institutions, else masked
        relation (str):
    """

    name: str
    relation: str

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        relation = self.relation

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "relation": relation,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        relation = d.pop("relation")

        proxy = cls(
            name=name,
            relation=relation,
        )

        return proxy
