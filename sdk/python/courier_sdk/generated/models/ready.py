from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Ready")


@_attrs_define
class Ready:
    """
    Attributes:
        certificate_no (str):
    """

    certificate_no: str

    def to_dict(self) -> dict[str, Any]:
        certificate_no = self.certificate_no

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "certificate_no": certificate_no,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        certificate_no = d.pop("certificate_no")

        ready = cls(
            certificate_no=certificate_no,
        )

        return ready
