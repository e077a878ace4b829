from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Witness")


@_attrs_define
class Witness:
    """
    Attributes:
        name (str):
        affiliation (str | Unset): e.g. the residents' committee or the employer
    """

    name: str
    affiliation: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        affiliation = self.affiliation

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if affiliation is not UNSET:
            field_dict["affiliation"] = affiliation

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        affiliation = d.pop("affiliation", UNSET)

        witness = cls(
            name=name,
            affiliation=affiliation,
        )

        return witness
