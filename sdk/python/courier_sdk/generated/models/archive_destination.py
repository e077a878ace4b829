from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.party_in import PartyIn


T = TypeVar("T", bound="ArchiveDestination")


@_attrs_define
class ArchiveDestination:
    """
    Attributes:
        driver_address (PartyIn | Unset):
        office_id (str | Unset):
    """

    driver_address: PartyIn | Unset = UNSET
    office_id: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        driver_address: dict[str, Any] | Unset = UNSET
        if not isinstance(self.driver_address, Unset):
            driver_address = self.driver_address.to_dict()

        office_id = self.office_id

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if driver_address is not UNSET:
            field_dict["driver_address"] = driver_address
        if office_id is not UNSET:
            field_dict["office_id"] = office_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.party_in import PartyIn

        d = dict(src_dict)
        _driver_address = d.pop("driver_address", UNSET)
        driver_address: PartyIn | Unset
        if isinstance(_driver_address, Unset):
            driver_address = UNSET
        else:
            driver_address = PartyIn.from_dict(_driver_address)

        office_id = d.pop("office_id", UNSET)

        archive_destination = cls(
            driver_address=driver_address,
            office_id=office_id,
        )

        return archive_destination
