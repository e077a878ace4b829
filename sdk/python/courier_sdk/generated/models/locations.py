from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.ping import Ping


T = TypeVar("T", bound="Locations")


@_attrs_define
class Locations:
    """
    Attributes:
        pings (list[Ping]):
    """

    pings: list[Ping]

    def to_dict(self) -> dict[str, Any]:
        pings = []
        for pings_item_data in self.pings:
            pings_item = pings_item_data.to_dict()
            pings.append(pings_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "pings": pings,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.ping import Ping

        d = dict(src_dict)
        pings = []
        _pings = d.pop("pings")
        for pings_item_data in _pings:
            pings_item = Ping.from_dict(pings_item_data)

            pings.append(pings_item)

        locations = cls(
            pings=pings,
        )

        return locations
