from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Rotate")


@_attrs_define
class Rotate:
    """
    Attributes:
        overlap_hours (int | Unset): how long the secrets live now keep working (0-168). Default when left out: `24`.
    """

    overlap_hours: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        overlap_hours = self.overlap_hours

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if overlap_hours is not UNSET:
            field_dict["overlap_hours"] = overlap_hours

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        overlap_hours = d.pop("overlap_hours", UNSET)

        rotate = cls(
            overlap_hours=overlap_hours,
        )

        return rotate
