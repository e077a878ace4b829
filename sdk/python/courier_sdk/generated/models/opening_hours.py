from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="OpeningHours")


@_attrs_define
class OpeningHours:
    """
    Attributes:
        close (str):  Example: 08:00.
        open_ (str):  Example: 08:00.
    """

    close: str
    open_: str

    def to_dict(self) -> dict[str, Any]:
        close = self.close

        open_ = self.open_

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "close": close,
                "open": open_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        close = d.pop("close")

        open_ = d.pop("open")

        opening_hours = cls(
            close=close,
            open_=open_,
        )

        return opening_hours
