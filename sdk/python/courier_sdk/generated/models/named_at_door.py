from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="NamedAtDoor")


@_attrs_define
class NamedAtDoor:
    """
    Attributes:
        name (str): masked (张*)
        relation (None | str): a proxy's relation
        role (str): e.g. mother, father, addressee; recipient (the shipment's, who signs as self); proxy (named by the
            sender to sign instead)
    """

    name: str
    relation: None | str
    role: str

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        relation: None | str
        relation = self.relation

        role = self.role

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "relation": relation,
                "role": role,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        def _parse_relation(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        relation = _parse_relation(d.pop("relation"))

        role = d.pop("role")

        named_at_door = cls(
            name=name,
            relation=relation,
            role=role,
        )

        return named_at_door
