from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.declare_lost_reason_code import DeclareLostReasonCode

T = TypeVar("T", bound="DeclareLost")


@_attrs_define
class DeclareLost:
    """
    Attributes:
        reason_code (DeclareLostReasonCode):
    """

    reason_code: DeclareLostReasonCode

    def to_dict(self) -> dict[str, Any]:
        reason_code = self.reason_code.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "reason_code": reason_code,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        reason_code = DeclareLostReasonCode(d.pop("reason_code"))

        declare_lost = cls(
            reason_code=reason_code,
        )

        return declare_lost
