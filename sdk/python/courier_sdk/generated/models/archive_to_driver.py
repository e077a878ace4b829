from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.party_in import PartyIn


T = TypeVar("T", bound="ArchiveToDriver")


@_attrs_define
class ArchiveToDriver:
    """
    Attributes:
        driver_address (PartyIn):
    """

    driver_address: PartyIn

    def to_dict(self) -> dict[str, Any]:
        driver_address = self.driver_address.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "driver_address": driver_address,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.party_in import PartyIn

        d = dict(src_dict)
        driver_address = PartyIn.from_dict(d.pop("driver_address"))

        archive_to_driver = cls(
            driver_address=driver_address,
        )

        return archive_to_driver
