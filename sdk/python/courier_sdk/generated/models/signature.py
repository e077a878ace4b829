from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="Signature")


@_attrs_define
class Signature:
    """
    Attributes:
        height (int):
        strokes (list[list[list[float]]]): strokes of points [x, y, t_ms], at least 5 points in all, within width ×
            height
        width (int):
    """

    height: int
    strokes: list[list[list[float]]]
    width: int

    def to_dict(self) -> dict[str, Any]:
        height = self.height

        strokes = []
        for strokes_item_data in self.strokes:
            strokes_item = []
            for strokes_item_item_data in strokes_item_data:
                strokes_item_item = strokes_item_item_data

                strokes_item.append(strokes_item_item)

            strokes.append(strokes_item)

        width = self.width

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "height": height,
                "strokes": strokes,
                "width": width,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        height = d.pop("height")

        strokes = []
        _strokes = d.pop("strokes")
        for strokes_item_data in _strokes:
            strokes_item = []
            _strokes_item = strokes_item_data
            for strokes_item_item_data in _strokes_item:
                strokes_item_item = cast(list[float], strokes_item_item_data)

                strokes_item.append(strokes_item_item)

            strokes.append(strokes_item)

        width = d.pop("width")

        signature = cls(
            height=height,
            strokes=strokes,
            width=width,
        )

        return signature
