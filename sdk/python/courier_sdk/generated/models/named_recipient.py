from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="NamedRecipient")


@_attrs_define
class NamedRecipient:
    """
    Attributes:
        id_number (None | str): always masked
        name (str): name: in full to its owners and for institutions, else masked
        role (str):
    """

    id_number: None | str
    name: str
    role: str

    def to_dict(self) -> dict[str, Any]:
        id_number: None | str
        id_number = self.id_number

        name = self.name

        role = self.role

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id_number": id_number,
                "name": name,
                "role": role,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_id_number(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        id_number = _parse_id_number(d.pop("id_number"))

        name = d.pop("name")

        role = d.pop("role")

        named_recipient = cls(
            id_number=id_number,
            name=name,
            role=role,
        )

        return named_recipient
