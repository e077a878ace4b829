from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.claim_currency import ClaimCurrency
from ..models.claim_status import ClaimStatus

if TYPE_CHECKING:
    from ..models.claim_basis import ClaimBasis
    from ..models.claim_payout_type_0 import ClaimPayoutType0
    from ..models.payout import Payout


T = TypeVar("T", bound="Claim")


@_attrs_define
class Claim:
    """
    Attributes:
        answer_due_at (datetime.datetime):
        approved_fen (int | None):
        basis (ClaimBasis | None): why the amount was approved; null until decided
        claimed_fen (int):
        close_reason (None | str):
        closed_at (datetime.datetime | None):
        currency (ClaimCurrency):
        days_left (int | None): of the 30-day answer period; null once answered
        decided_at (datetime.datetime | None):
        decision_reason (None | str):
        description (str):
        evidence (list[str]):
        fast (bool):
        id (str):
        kind (str):
        paid_fen (int): paid so far
        payout (ClaimPayoutType0 | None): deprecated: the latest of `payouts` (a claim may be paid in parts)
        payouts (list[Payout]):
        product (str):
        remaining_fen (int): still to be paid of the approved amount
        shipment_id (str):
        status (ClaimStatus):
        submitted_at (datetime.datetime):
        treated_as_lost (bool): the item was not found within the period
        withdrawn_at (datetime.datetime | None):
    """

    answer_due_at: datetime.datetime
    approved_fen: int | None
    basis: ClaimBasis | None
    claimed_fen: int
    close_reason: None | str
    closed_at: datetime.datetime | None
    currency: ClaimCurrency
    days_left: int | None
    decided_at: datetime.datetime | None
    decision_reason: None | str
    description: str
    evidence: list[str]
    fast: bool
    id: str
    kind: str
    paid_fen: int
    payout: ClaimPayoutType0 | None
    payouts: list[Payout]
    product: str
    remaining_fen: int
    shipment_id: str
    status: ClaimStatus
    submitted_at: datetime.datetime
    treated_as_lost: bool
    withdrawn_at: datetime.datetime | None

    def to_dict(self) -> dict[str, Any]:
        from ..models.claim_basis import ClaimBasis
        from ..models.claim_payout_type_0 import ClaimPayoutType0

        answer_due_at = self.answer_due_at.isoformat()

        approved_fen: int | None
        approved_fen = self.approved_fen

        basis: dict[str, Any] | None
        if isinstance(self.basis, ClaimBasis):
            basis = self.basis.to_dict()
        else:
            basis = self.basis

        claimed_fen = self.claimed_fen

        close_reason: None | str
        close_reason = self.close_reason

        closed_at: None | str
        if isinstance(self.closed_at, datetime.datetime):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

        currency = self.currency.value

        days_left: int | None
        days_left = self.days_left

        decided_at: None | str
        if isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        decision_reason: None | str
        decision_reason = self.decision_reason

        description = self.description

        evidence = self.evidence

        fast = self.fast

        id = self.id

        kind = self.kind

        paid_fen = self.paid_fen

        payout: dict[str, Any] | None
        if isinstance(self.payout, ClaimPayoutType0):
            payout = self.payout.to_dict()
        else:
            payout = self.payout

        payouts = []
        for payouts_item_data in self.payouts:
            payouts_item = payouts_item_data.to_dict()
            payouts.append(payouts_item)

        product = self.product

        remaining_fen = self.remaining_fen

        shipment_id = self.shipment_id

        status = self.status.value

        submitted_at = self.submitted_at.isoformat()

        treated_as_lost = self.treated_as_lost

        withdrawn_at: None | str
        if isinstance(self.withdrawn_at, datetime.datetime):
            withdrawn_at = self.withdrawn_at.isoformat()
        else:
            withdrawn_at = self.withdrawn_at

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "answer_due_at": answer_due_at,
                "approved_fen": approved_fen,
                "basis": basis,
                "claimed_fen": claimed_fen,
                "close_reason": close_reason,
                "closed_at": closed_at,
                "currency": currency,
                "days_left": days_left,
                "decided_at": decided_at,
                "decision_reason": decision_reason,
                "description": description,
                "evidence": evidence,
                "fast": fast,
                "id": id,
                "kind": kind,
                "paid_fen": paid_fen,
                "payout": payout,
                "payouts": payouts,
                "product": product,
                "remaining_fen": remaining_fen,
                "shipment_id": shipment_id,
                "status": status,
                "submitted_at": submitted_at,
                "treated_as_lost": treated_as_lost,
                "withdrawn_at": withdrawn_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.claim_basis import ClaimBasis
        from ..models.claim_payout_type_0 import ClaimPayoutType0
        from ..models.payout import Payout

        d = dict(src_dict)
        answer_due_at = datetime.datetime.fromisoformat(d.pop("answer_due_at"))

        def _parse_approved_fen(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        approved_fen = _parse_approved_fen(d.pop("approved_fen"))

        def _parse_basis(data: object) -> ClaimBasis | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                basis_type_0 = ClaimBasis.from_dict(data)

                return basis_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ClaimBasis | None, data)

        basis = _parse_basis(d.pop("basis"))

        claimed_fen = d.pop("claimed_fen")

        def _parse_close_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        close_reason = _parse_close_reason(d.pop("close_reason"))

        def _parse_closed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_at_type_0 = datetime.datetime.fromisoformat(data)

                return closed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        closed_at = _parse_closed_at(d.pop("closed_at"))

        currency = ClaimCurrency(d.pop("currency"))

        def _parse_days_left(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        days_left = _parse_days_left(d.pop("days_left"))

        def _parse_decided_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_at_type_0 = datetime.datetime.fromisoformat(data)

                return decided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        decided_at = _parse_decided_at(d.pop("decided_at"))

        def _parse_decision_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        decision_reason = _parse_decision_reason(d.pop("decision_reason"))

        description = d.pop("description")

        evidence = cast(list[str], d.pop("evidence"))

        fast = d.pop("fast")

        id = d.pop("id")

        kind = d.pop("kind")

        paid_fen = d.pop("paid_fen")

        def _parse_payout(data: object) -> ClaimPayoutType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                payout_type_0 = ClaimPayoutType0.from_dict(data)

                return payout_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ClaimPayoutType0 | None, data)

        payout = _parse_payout(d.pop("payout"))

        payouts = []
        _payouts = d.pop("payouts")
        for payouts_item_data in _payouts:
            payouts_item = Payout.from_dict(payouts_item_data)

            payouts.append(payouts_item)

        product = d.pop("product")

        remaining_fen = d.pop("remaining_fen")

        shipment_id = d.pop("shipment_id")

        status = ClaimStatus(d.pop("status"))

        submitted_at = datetime.datetime.fromisoformat(d.pop("submitted_at"))

        treated_as_lost = d.pop("treated_as_lost")

        def _parse_withdrawn_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                withdrawn_at_type_0 = datetime.datetime.fromisoformat(data)

                return withdrawn_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        withdrawn_at = _parse_withdrawn_at(d.pop("withdrawn_at"))

        claim = cls(
            answer_due_at=answer_due_at,
            approved_fen=approved_fen,
            basis=basis,
            claimed_fen=claimed_fen,
            close_reason=close_reason,
            closed_at=closed_at,
            currency=currency,
            days_left=days_left,
            decided_at=decided_at,
            decision_reason=decision_reason,
            description=description,
            evidence=evidence,
            fast=fast,
            id=id,
            kind=kind,
            paid_fen=paid_fen,
            payout=payout,
            payouts=payouts,
            product=product,
            remaining_fen=remaining_fen,
            shipment_id=shipment_id,
            status=status,
            submitted_at=submitted_at,
            treated_as_lost=treated_as_lost,
            withdrawn_at=withdrawn_at,
        )

        return claim
