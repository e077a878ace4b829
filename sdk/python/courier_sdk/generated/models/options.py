from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Options")


@_attrs_define
class Options:
    """
    Attributes:
        cod_amount_fen (int):
        declared_value_fen (int):
        insured_amount_fen (int):
        pin_sign_off (bool):
    """

    cod_amount_fen: int
    declared_value_fen: int
    insured_amount_fen: int
    pin_sign_off: bool

    def to_dict(self) -> dict[str, Any]:
        cod_amount_fen = self.cod_amount_fen

        declared_value_fen = self.declared_value_fen

        insured_amount_fen = self.insured_amount_fen

        pin_sign_off = self.pin_sign_off

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "cod_amount_fen": cod_amount_fen,
                "declared_value_fen": declared_value_fen,
                "insured_amount_fen": insured_amount_fen,
                "pin_sign_off": pin_sign_off,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        cod_amount_fen = d.pop("cod_amount_fen")

        declared_value_fen = d.pop("declared_value_fen")

        insured_amount_fen = d.pop("insured_amount_fen")

        pin_sign_off = d.pop("pin_sign_off")

        options = cls(
            cod_amount_fen=cod_amount_fen,
            declared_value_fen=declared_value_fen,
            insured_amount_fen=insured_amount_fen,
            pin_sign_off=pin_sign_off,
        )

        return options
