from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ArchiveReceiptIn")


@_attrs_define
class ArchiveReceiptIn:
    """
    Attributes:
        seal_no (str): the seal number on the bag as received
    """

    seal_no: str

    def to_dict(self) -> dict[str, Any]:
        seal_no = self.seal_no

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "seal_no": seal_no,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        seal_no = d.pop("seal_no")

        archive_receipt_in = cls(
            seal_no=seal_no,
        )

        return archive_receipt_in
