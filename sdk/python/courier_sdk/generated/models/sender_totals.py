from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.sender_totals_currency import SenderTotalsCurrency

T = TypeVar("T", bound="SenderTotals")


@_attrs_define
class SenderTotals:
    """
    Attributes:
        collected_fen (int): amount in fen
        currency (SenderTotalsCurrency):
        handed_in_fen (int): held by the network
        outstanding_fen (int): collected, not yet remitted
        parcel_count (int):
        remitted_fen (int): amount in fen
        with_couriers_fen (int): not yet handed in
    """

    collected_fen: int
    currency: SenderTotalsCurrency
    handed_in_fen: int
    outstanding_fen: int
    parcel_count: int
    remitted_fen: int
    with_couriers_fen: int

    def to_dict(self) -> dict[str, Any]:
        collected_fen = self.collected_fen

        currency = self.currency.value

        handed_in_fen = self.handed_in_fen

        outstanding_fen = self.outstanding_fen

        parcel_count = self.parcel_count

        remitted_fen = self.remitted_fen

        with_couriers_fen = self.with_couriers_fen

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "collected_fen": collected_fen,
                "currency": currency,
                "handed_in_fen": handed_in_fen,
                "outstanding_fen": outstanding_fen,
                "parcel_count": parcel_count,
                "remitted_fen": remitted_fen,
                "with_couriers_fen": with_couriers_fen,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        collected_fen = d.pop("collected_fen")

        currency = SenderTotalsCurrency(d.pop("currency"))

        handed_in_fen = d.pop("handed_in_fen")

        outstanding_fen = d.pop("outstanding_fen")

        parcel_count = d.pop("parcel_count")

        remitted_fen = d.pop("remitted_fen")

        with_couriers_fen = d.pop("with_couriers_fen")

        sender_totals = cls(
            collected_fen=collected_fen,
            currency=currency,
            handed_in_fen=handed_in_fen,
            outstanding_fen=outstanding_fen,
            parcel_count=parcel_count,
            remitted_fen=remitted_fen,
            with_couriers_fen=with_couriers_fen,
        )

        return sender_totals
