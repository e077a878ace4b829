from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Ageing")


@_attrs_define
class Ageing:
    """
    Attributes:
        from_24h_to_48h (int): amount in fen
        over_48h (int): amount in fen
        under_24h (int): amount in fen
    """

    from_24h_to_48h: int
    over_48h: int
    under_24h: int

    def to_dict(self) -> dict[str, Any]:
        from_24h_to_48h = self.from_24h_to_48h

        over_48h = self.over_48h

        under_24h = self.under_24h

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "from_24h_to_48h": from_24h_to_48h,
                "over_48h": over_48h,
                "under_24h": under_24h,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        from_24h_to_48h = d.pop("from_24h_to_48h")

        over_48h = d.pop("over_48h")

        under_24h = d.pop("under_24h")

        ageing = cls(
            from_24h_to_48h=from_24h_to_48h,
            over_48h=over_48h,
            under_24h=under_24h,
        )

        return ageing
