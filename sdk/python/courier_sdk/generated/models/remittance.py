from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.remittance_currency import RemittanceCurrency
from ..models.remittance_payee_kind import RemittancePayeeKind

T = TypeVar("T", bound="Remittance")


@_attrs_define
class Remittance:
    """
    Attributes:
        created_at (datetime.datetime):
        currency (RemittanceCurrency):
        fee_fen (int): the COD fee kept, in fen
        gross_fen (int): amount in fen
        id (str):
        item_count (int):
        net_fen (int): what was paid, in fen
        payee_id (str):
        payee_kind (RemittancePayeeKind):
        reference (str): the bank transfer's
    """

    created_at: datetime.datetime
    currency: RemittanceCurrency
    fee_fen: int
    gross_fen: int
    id: str
    item_count: int
    net_fen: int
    payee_id: str
    payee_kind: RemittancePayeeKind
    reference: str

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        currency = self.currency.value

        fee_fen = self.fee_fen

        gross_fen = self.gross_fen

        id = self.id

        item_count = self.item_count

        net_fen = self.net_fen

        payee_id = self.payee_id

        payee_kind = self.payee_kind.value

        reference = self.reference

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "created_at": created_at,
                "currency": currency,
                "fee_fen": fee_fen,
                "gross_fen": gross_fen,
                "id": id,
                "item_count": item_count,
                "net_fen": net_fen,
                "payee_id": payee_id,
                "payee_kind": payee_kind,
                "reference": reference,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        currency = RemittanceCurrency(d.pop("currency"))

        fee_fen = d.pop("fee_fen")

        gross_fen = d.pop("gross_fen")

        id = d.pop("id")

        item_count = d.pop("item_count")

        net_fen = d.pop("net_fen")

        payee_id = d.pop("payee_id")

        payee_kind = RemittancePayeeKind(d.pop("payee_kind"))

        reference = d.pop("reference")

        remittance = cls(
            created_at=created_at,
            currency=currency,
            fee_fen=fee_fen,
            gross_fen=gross_fen,
            id=id,
            item_count=item_count,
            net_fen=net_fen,
            payee_id=payee_id,
            payee_kind=payee_kind,
            reference=reference,
        )

        return remittance
