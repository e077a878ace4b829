from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Driver")


@_attrs_define
class Driver:
    """
    Attributes:
        id_number (str):
        name (str):
    """

    id_number: str
    name: str

    def to_dict(self) -> dict[str, Any]:
        id_number = self.id_number

        name = self.name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id_number": id_number,
                "name": name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id_number = d.pop("id_number")

        name = d.pop("name")

        driver = cls(
            id_number=id_number,
            name=name,
        )

        return driver
