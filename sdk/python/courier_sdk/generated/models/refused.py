from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Refused")


@_attrs_define
class Refused:
    """
    Attributes:
        code (str):
        detail (str):
        waybill (str):
    """

    code: str
    detail: str
    waybill: str

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        detail = self.detail

        waybill = self.waybill

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "code": code,
                "detail": detail,
                "waybill": waybill,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        code = d.pop("code")

        detail = d.pop("detail")

        waybill = d.pop("waybill")

        refused = cls(
            code=code,
            detail=detail,
            waybill=waybill,
        )

        return refused
