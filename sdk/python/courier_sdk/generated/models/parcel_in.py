from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.party_in import PartyIn


T = TypeVar("T", bound="ParcelIn")


@_attrs_define
class ParcelIn:
    """
    Attributes:
        recipient (PartyIn):
        weight_g (int):
        cod_amount_fen (int | Unset): amount in fen. Default when left out: `0`.
        declared_value_fen (int | Unset): amount in fen. Default when left out: `0`.
        insured_amount_fen (int | Unset): amount in fen. Default when left out: `0`.
        pin_sign_off (bool | Unset): Default when left out: `false`.
    """

    recipient: PartyIn
    weight_g: int
    cod_amount_fen: int | Unset = UNSET
    declared_value_fen: int | Unset = UNSET
    insured_amount_fen: int | Unset = UNSET
    pin_sign_off: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        recipient = self.recipient.to_dict()

        weight_g = self.weight_g

        cod_amount_fen = self.cod_amount_fen

        declared_value_fen = self.declared_value_fen

        insured_amount_fen = self.insured_amount_fen

        pin_sign_off = self.pin_sign_off

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "recipient": recipient,
                "weight_g": weight_g,
            }
        )
        if cod_amount_fen is not UNSET:
            field_dict["cod_amount_fen"] = cod_amount_fen
        if declared_value_fen is not UNSET:
            field_dict["declared_value_fen"] = declared_value_fen
        if insured_amount_fen is not UNSET:
            field_dict["insured_amount_fen"] = insured_amount_fen
        if pin_sign_off is not UNSET:
            field_dict["pin_sign_off"] = pin_sign_off

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.party_in import PartyIn

        d = dict(src_dict)
        recipient = PartyIn.from_dict(d.pop("recipient"))

        weight_g = d.pop("weight_g")

        cod_amount_fen = d.pop("cod_amount_fen", UNSET)

        declared_value_fen = d.pop("declared_value_fen", UNSET)

        insured_amount_fen = d.pop("insured_amount_fen", UNSET)

        pin_sign_off = d.pop("pin_sign_off", UNSET)

        parcel_in = cls(
            recipient=recipient,
            weight_g=weight_g,
            cod_amount_fen=cod_amount_fen,
            declared_value_fen=declared_value_fen,
            insured_amount_fen=insured_amount_fen,
            pin_sign_off=pin_sign_off,
        )

        return parcel_in
