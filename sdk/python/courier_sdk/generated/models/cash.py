from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.cash_method import CashMethod

T = TypeVar("T", bound="Cash")


@_attrs_define
class Cash:
    """
    Attributes:
        amount_fen (int): amount in fen
        method (CashMethod):
    """

    amount_fen: int
    method: CashMethod

    def to_dict(self) -> dict[str, Any]:
        amount_fen = self.amount_fen

        method = self.method.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount_fen": amount_fen,
                "method": method,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        amount_fen = d.pop("amount_fen")

        method = CashMethod(d.pop("method"))

        cash = cls(
            amount_fen=amount_fen,
            method=method,
        )

        return cash
