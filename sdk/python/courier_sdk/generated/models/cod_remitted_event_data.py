from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.cod_remitted_event_data_currency import CodRemittedEventDataCurrency

T = TypeVar("T", bound="CodRemittedEventData")


@_attrs_define
class CodRemittedEventData:
    """
    Attributes:
        business_date (datetime.date):
        currency (CodRemittedEventDataCurrency):
        fee_fen (int): amount in fen
        gross_fen (int): amount in fen
        item_count (int):
        net_fen (int): amount in fen
        reference (str):
        remittance_id (str):
    """

    business_date: datetime.date
    currency: CodRemittedEventDataCurrency
    fee_fen: int
    gross_fen: int
    item_count: int
    net_fen: int
    reference: str
    remittance_id: str

    def to_dict(self) -> dict[str, Any]:
        business_date = self.business_date.isoformat()

        currency = self.currency.value

        fee_fen = self.fee_fen

        gross_fen = self.gross_fen

        item_count = self.item_count

        net_fen = self.net_fen

        reference = self.reference

        remittance_id = self.remittance_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "business_date": business_date,
                "currency": currency,
                "fee_fen": fee_fen,
                "gross_fen": gross_fen,
                "item_count": item_count,
                "net_fen": net_fen,
                "reference": reference,
                "remittance_id": remittance_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        business_date = datetime.date.fromisoformat(d.pop("business_date"))

        currency = CodRemittedEventDataCurrency(d.pop("currency"))

        fee_fen = d.pop("fee_fen")

        gross_fen = d.pop("gross_fen")

        item_count = d.pop("item_count")

        net_fen = d.pop("net_fen")

        reference = d.pop("reference")

        remittance_id = d.pop("remittance_id")

        cod_remitted_event_data = cls(
            business_date=business_date,
            currency=currency,
            fee_fen=fee_fen,
            gross_fen=gross_fen,
            item_count=item_count,
            net_fen=net_fen,
            reference=reference,
            remittance_id=remittance_id,
        )

        return cod_remitted_event_data
