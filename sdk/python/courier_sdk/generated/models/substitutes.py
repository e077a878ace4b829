from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="Substitutes")


@_attrs_define
class Substitutes:
    """
    Attributes:
        excluded_roles (list[str]): named people who may not sign instead (an opposing party)
        id_check (bool): a substitute shows ID (receiver.id_number)
        relations (list[str] | None): who may receive instead of the addressee; null: anyone
    """

    excluded_roles: list[str]
    id_check: bool
    relations: list[str] | None

    def to_dict(self) -> dict[str, Any]:
        excluded_roles = self.excluded_roles

        id_check = self.id_check

        relations: list[str] | None
        if isinstance(self.relations, list):
            relations = self.relations

        else:
            relations = self.relations

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "excluded_roles": excluded_roles,
                "id_check": id_check,
                "relations": relations,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        excluded_roles = cast(list[str], d.pop("excluded_roles"))

        id_check = d.pop("id_check")

        def _parse_relations(data: object) -> list[str] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                relations_type_0 = cast(list[str], data)

                return relations_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None, data)

        relations = _parse_relations(d.pop("relations"))

        substitutes = cls(
            excluded_roles=excluded_roles,
            id_check=id_check,
            relations=relations,
        )

        return substitutes
