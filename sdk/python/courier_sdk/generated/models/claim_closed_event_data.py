from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.claim_closed_event_data_status import ClaimClosedEventDataStatus

T = TypeVar("T", bound="ClaimClosedEventData")


@_attrs_define
class ClaimClosedEventData:
    """
    Attributes:
        approved_fen (int | None): amount in fen
        claim_id (str):
        claimed_fen (int): amount in fen
        fast (bool):
        paid_fen (int | None): amount in fen
        remaining_fen (int): amount in fen
        shipment_id (str):
        status (ClaimClosedEventDataStatus):
    """

    approved_fen: int | None
    claim_id: str
    claimed_fen: int
    fast: bool
    paid_fen: int | None
    remaining_fen: int
    shipment_id: str
    status: ClaimClosedEventDataStatus

    def to_dict(self) -> dict[str, Any]:
        approved_fen: int | None
        approved_fen = self.approved_fen

        claim_id = self.claim_id

        claimed_fen = self.claimed_fen

        fast = self.fast

        paid_fen: int | None
        paid_fen = self.paid_fen

        remaining_fen = self.remaining_fen

        shipment_id = self.shipment_id

        status = self.status.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "approved_fen": approved_fen,
                "claim_id": claim_id,
                "claimed_fen": claimed_fen,
                "fast": fast,
                "paid_fen": paid_fen,
                "remaining_fen": remaining_fen,
                "shipment_id": shipment_id,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_approved_fen(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        approved_fen = _parse_approved_fen(d.pop("approved_fen"))

        claim_id = d.pop("claim_id")

        claimed_fen = d.pop("claimed_fen")

        fast = d.pop("fast")

        def _parse_paid_fen(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        paid_fen = _parse_paid_fen(d.pop("paid_fen"))

        remaining_fen = d.pop("remaining_fen")

        shipment_id = d.pop("shipment_id")

        status = ClaimClosedEventDataStatus(d.pop("status"))

        claim_closed_event_data = cls(
            approved_fen=approved_fen,
            claim_id=claim_id,
            claimed_fen=claimed_fen,
            fast=fast,
            paid_fen=paid_fen,
            remaining_fen=remaining_fen,
            shipment_id=shipment_id,
            status=status,
        )

        return claim_closed_event_data
