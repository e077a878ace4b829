from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ArchiveToOffice")


@_attrs_define
class ArchiveToOffice:
    """
    Attributes:
        office_id (str):
    """

    office_id: str

    def to_dict(self) -> dict[str, Any]:
        office_id = self.office_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "office_id": office_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        office_id = d.pop("office_id")

        archive_to_office = cls(
            office_id=office_id,
        )

        return archive_to_office
