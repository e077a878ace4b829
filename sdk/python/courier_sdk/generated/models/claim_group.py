from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="ClaimGroup")


@_attrs_define
class ClaimGroup:
    """
    Attributes:
        approved_fen (int):
        claimed_fen (int):
        claims (int):
        decided (int):
        fast_claims (int):
        fast_share (float):
        median_hours_to_decision (float | None):
        paid_fen (int):
    """

    approved_fen: int
    claimed_fen: int
    claims: int
    decided: int
    fast_claims: int
    fast_share: float
    median_hours_to_decision: float | None
    paid_fen: int

    def to_dict(self) -> dict[str, Any]:
        approved_fen = self.approved_fen

        claimed_fen = self.claimed_fen

        claims = self.claims

        decided = self.decided

        fast_claims = self.fast_claims

        fast_share = self.fast_share

        median_hours_to_decision: float | None
        median_hours_to_decision = self.median_hours_to_decision

        paid_fen = self.paid_fen

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "approved_fen": approved_fen,
                "claimed_fen": claimed_fen,
                "claims": claims,
                "decided": decided,
                "fast_claims": fast_claims,
                "fast_share": fast_share,
                "median_hours_to_decision": median_hours_to_decision,
                "paid_fen": paid_fen,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        approved_fen = d.pop("approved_fen")

        claimed_fen = d.pop("claimed_fen")

        claims = d.pop("claims")

        decided = d.pop("decided")

        fast_claims = d.pop("fast_claims")

        fast_share = d.pop("fast_share")

        def _parse_median_hours_to_decision(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        median_hours_to_decision = _parse_median_hours_to_decision(
            d.pop("median_hours_to_decision")
        )

        paid_fen = d.pop("paid_fen")

        claim_group = cls(
            approved_fen=approved_fen,
            claimed_fen=claimed_fen,
            claims=claims,
            decided=decided,
            fast_claims=fast_claims,
            fast_share=fast_share,
            median_hours_to_decision=median_hours_to_decision,
            paid_fen=paid_fen,
        )

        return claim_group
