from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.payout_channel import PayoutChannel
from ..models.payout_currency import PayoutCurrency

T = TypeVar("T", bound="Payout")


@_attrs_define
class Payout:
    """
    Attributes:
        amount_fen (int):
        channel (PayoutChannel): `fast_claim`: the system's payment run for fast claims; `unrecorded`: paid before the
            channel was recorded
        claim_id (str):
        created_at (datetime.datetime):
        currency (PayoutCurrency):
        id (str):
        paid_by_kind (str): staff or system
        reference (None | str): null only on payouts recorded before it was required
    """

    amount_fen: int
    channel: PayoutChannel
    claim_id: str
    created_at: datetime.datetime
    currency: PayoutCurrency
    id: str
    paid_by_kind: str
    reference: None | str

    def to_dict(self) -> dict[str, Any]:
        amount_fen = self.amount_fen

        channel = self.channel.value

        claim_id = self.claim_id

        created_at = self.created_at.isoformat()

        currency = self.currency.value

        id = self.id

        paid_by_kind = self.paid_by_kind

        reference: None | str
        reference = self.reference

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount_fen": amount_fen,
                "channel": channel,
                "claim_id": claim_id,
                "created_at": created_at,
                "currency": currency,
                "id": id,
                "paid_by_kind": paid_by_kind,
                "reference": reference,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        amount_fen = d.pop("amount_fen")

        channel = PayoutChannel(d.pop("channel"))

        claim_id = d.pop("claim_id")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        currency = PayoutCurrency(d.pop("currency"))

        id = d.pop("id")

        paid_by_kind = d.pop("paid_by_kind")

        def _parse_reference(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reference = _parse_reference(d.pop("reference"))

        payout = cls(
            amount_fen=amount_fen,
            channel=channel,
            claim_id=claim_id,
            created_at=created_at,
            currency=currency,
            id=id,
            paid_by_kind=paid_by_kind,
            reference=reference,
        )

        return payout
