from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Baby")


@_attrs_define
class Baby:
    """
    Attributes:
        birth_date (datetime.date):
        name (str):
    """

    birth_date: datetime.date
    name: str

    def to_dict(self) -> dict[str, Any]:
        birth_date = self.birth_date.isoformat()

        name = self.name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "birth_date": birth_date,
                "name": name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        birth_date = datetime.date.fromisoformat(d.pop("birth_date"))

        name = d.pop("name")

        baby = cls(
            birth_date=birth_date,
            name=name,
        )

        return baby
