from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ProxyIn")


@_attrs_define
class ProxyIn:
    """
    Attributes:
        name (str):
        relation (str): one of the product's substitute relations (family, agent, …)
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

        proxy_in = cls(
            name=name,
            relation=relation,
        )

        return proxy_in
