from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ShiftInput")


@_attrs_define
class ShiftInput:
    """
    Attributes:
        on_shift (bool):
    """

    on_shift: bool

    def to_dict(self) -> dict[str, Any]:
        on_shift = self.on_shift

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "on_shift": on_shift,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        on_shift = d.pop("on_shift")

        shift_input = cls(
            on_shift=on_shift,
        )

        return shift_input
