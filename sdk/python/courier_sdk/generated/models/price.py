from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.price_currency import PriceCurrency

if TYPE_CHECKING:
    from ..models.fee_line import FeeLine


T = TypeVar("T", bound="Price")


@_attrs_define
class Price:
    """
    Attributes:
        base_fen (int | None):
        cod_fee_fen (int | None):
        currency (PriceCurrency):
        insurance_premium_fen (int | None):
        itemised (bool):
        lines (list[FeeLine]):
        pin_sign_off_fen (int | None):
        total_fen (int):
    """

    base_fen: int | None
    cod_fee_fen: int | None
    currency: PriceCurrency
    insurance_premium_fen: int | None
    itemised: bool
    lines: list[FeeLine]
    pin_sign_off_fen: int | None
    total_fen: int

    def to_dict(self) -> dict[str, Any]:
        base_fen: int | None
        base_fen = self.base_fen

        cod_fee_fen: int | None
        cod_fee_fen = self.cod_fee_fen

        currency = self.currency.value

        insurance_premium_fen: int | None
        insurance_premium_fen = self.insurance_premium_fen

        itemised = self.itemised

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        pin_sign_off_fen: int | None
        pin_sign_off_fen = self.pin_sign_off_fen

        total_fen = self.total_fen

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "base_fen": base_fen,
                "cod_fee_fen": cod_fee_fen,
                "currency": currency,
                "insurance_premium_fen": insurance_premium_fen,
                "itemised": itemised,
                "lines": lines,
                "pin_sign_off_fen": pin_sign_off_fen,
                "total_fen": total_fen,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.fee_line import FeeLine

        d = dict(src_dict)

        def _parse_base_fen(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        base_fen = _parse_base_fen(d.pop("base_fen"))

        def _parse_cod_fee_fen(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        cod_fee_fen = _parse_cod_fee_fen(d.pop("cod_fee_fen"))

        currency = PriceCurrency(d.pop("currency"))

        def _parse_insurance_premium_fen(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        insurance_premium_fen = _parse_insurance_premium_fen(d.pop("insurance_premium_fen"))

        itemised = d.pop("itemised")

        lines = []
        _lines = d.pop("lines")
        for lines_item_data in _lines:
            lines_item = FeeLine.from_dict(lines_item_data)

            lines.append(lines_item)

        def _parse_pin_sign_off_fen(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        pin_sign_off_fen = _parse_pin_sign_off_fen(d.pop("pin_sign_off_fen"))

        total_fen = d.pop("total_fen")

        price = cls(
            base_fen=base_fen,
            cod_fee_fen=cod_fee_fen,
            currency=currency,
            insurance_premium_fen=insurance_premium_fen,
            itemised=itemised,
            lines=lines,
            pin_sign_off_fen=pin_sign_off_fen,
            total_fen=total_fen,
        )

        return price
