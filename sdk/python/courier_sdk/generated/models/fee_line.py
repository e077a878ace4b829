from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.fee_line_code import FeeLineCode

T = TypeVar("T", bound="FeeLine")


@_attrs_define
class FeeLine:
    """
    Attributes:
        amount_fen (int):
        code (FeeLineCode):
    """

    amount_fen: int
    code: FeeLineCode

    def to_dict(self) -> dict[str, Any]:
        amount_fen = self.amount_fen

        code = self.code.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount_fen": amount_fen,
                "code": code,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        amount_fen = d.pop("amount_fen")

        code = FeeLineCode(d.pop("code"))

        fee_line = cls(
            amount_fen=amount_fen,
            code=code,
        )

        return fee_line
