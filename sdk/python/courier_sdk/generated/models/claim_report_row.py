from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.claim_report_row_by_status import ClaimReportRowByStatus


T = TypeVar("T", bound="ClaimReportRow")


@_attrs_define
class ClaimReportRow:
    """
    Attributes:
        approved_fen (int):
        by_status (ClaimReportRowByStatus):
        claimed_fen (int):
        claims (int):
        decided (int):
        fast_claims (int):
        fast_share (float):
        median_hours_to_decision (float | None):
        month (str):  Example: 2026-11.
        paid_fen (int):
        product (str):
    """

    approved_fen: int
    by_status: ClaimReportRowByStatus
    claimed_fen: int
    claims: int
    decided: int
    fast_claims: int
    fast_share: float
    median_hours_to_decision: float | None
    month: str
    paid_fen: int
    product: str

    def to_dict(self) -> dict[str, Any]:
        approved_fen = self.approved_fen

        by_status = self.by_status.to_dict()

        claimed_fen = self.claimed_fen

        claims = self.claims

        decided = self.decided

        fast_claims = self.fast_claims

        fast_share = self.fast_share

        median_hours_to_decision: float | None
        median_hours_to_decision = self.median_hours_to_decision

        month = self.month

        paid_fen = self.paid_fen

        product = self.product

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "approved_fen": approved_fen,
                "by_status": by_status,
                "claimed_fen": claimed_fen,
                "claims": claims,
                "decided": decided,
                "fast_claims": fast_claims,
                "fast_share": fast_share,
                "median_hours_to_decision": median_hours_to_decision,
                "month": month,
                "paid_fen": paid_fen,
                "product": product,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.claim_report_row_by_status import ClaimReportRowByStatus

        d = dict(src_dict)
        approved_fen = d.pop("approved_fen")

        by_status = ClaimReportRowByStatus.from_dict(d.pop("by_status"))

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

        month = d.pop("month")

        paid_fen = d.pop("paid_fen")

        product = d.pop("product")

        claim_report_row = cls(
            approved_fen=approved_fen,
            by_status=by_status,
            claimed_fen=claimed_fen,
            claims=claims,
            decided=decided,
            fast_claims=fast_claims,
            fast_share=fast_share,
            median_hours_to_decision=median_hours_to_decision,
            month=month,
            paid_fen=paid_fen,
            product=product,
        )

        return claim_report_row
