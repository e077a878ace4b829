from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.payout_create_channel import PayoutCreateChannel

T = TypeVar("T", bound="PayoutCreate")


@_attrs_define
class PayoutCreate:
    """
    Attributes:
        amount_fen (int): at most what remains of the approved amount
        channel (PayoutCreateChannel): how it was paid
        reference (str): the transfer's reference in that channel
    """

    amount_fen: int
    channel: PayoutCreateChannel
    reference: str

    def to_dict(self) -> dict[str, Any]:
        amount_fen = self.amount_fen

        channel = self.channel.value

        reference = self.reference

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount_fen": amount_fen,
                "channel": channel,
                "reference": reference,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        amount_fen = d.pop("amount_fen")

        channel = PayoutCreateChannel(d.pop("channel"))

        reference = d.pop("reference")

        payout_create = cls(
            amount_fen=amount_fen,
            channel=channel,
            reference=reference,
        )

        return payout_create
