from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.staff_claim_currency import StaffClaimCurrency
from ..models.staff_claim_status import StaffClaimStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.claim_basis import ClaimBasis
    from ..models.liability import Liability
    from ..models.payout import Payout
    from ..models.staff_claim_payout_type_0 import StaffClaimPayoutType0


T = TypeVar("T", bound="StaffClaim")


@_attrs_define
class StaffClaim:
    """
    Attributes:
        answer_due_at (datetime.datetime):
        approved_fen (int | None):
        basis (ClaimBasis | None): why the amount was approved; null until decided
        claimed_fen (int):
        close_reason (None | str):
        closed_at (datetime.datetime | None):
        currency (StaffClaimCurrency):
        days_left (int | None): of the 30-day answer period; null once answered
        decided_at (datetime.datetime | None):
        decision_reason (None | str):
        description (str):
        evidence (list[str]):
        fast (bool):
        id (str):
        kind (str):
        paid_fen (int): paid so far
        payout (None | StaffClaimPayoutType0): deprecated: the latest of `payouts` (a claim may be paid in parts)
        payouts (list[Payout]):
        product (str):
        remaining_fen (int): still to be paid of the approved amount
        shipment_id (str):
        status (StaffClaimStatus):
        submitted_at (datetime.datetime):
        treated_as_lost (bool): the item was not found within the period
        withdrawn_at (datetime.datetime | None):
        actual_loss_fen (int | None | Unset):
        cause (None | str | Unset):
        claimant_id (str | Unset):
        claimant_kind (str | Unset):
        closed_by_id (None | str | Unset):
        decided_by_id (None | str | Unset):
        decided_by_kind (None | str | Unset):
        filed_by (str | Unset):
        liability (Liability | None | Unset):
        review_started_at (datetime.datetime | None | Unset):
        reviewer_id (None | str | Unset):
    """

    answer_due_at: datetime.datetime
    approved_fen: int | None
    basis: ClaimBasis | None
    claimed_fen: int
    close_reason: None | str
    closed_at: datetime.datetime | None
    currency: StaffClaimCurrency
    days_left: int | None
    decided_at: datetime.datetime | None
    decision_reason: None | str
    description: str
    evidence: list[str]
    fast: bool
    id: str
    kind: str
    paid_fen: int
    payout: None | StaffClaimPayoutType0
    payouts: list[Payout]
    product: str
    remaining_fen: int
    shipment_id: str
    status: StaffClaimStatus
    submitted_at: datetime.datetime
    treated_as_lost: bool
    withdrawn_at: datetime.datetime | None
    actual_loss_fen: int | None | Unset = UNSET
    cause: None | str | Unset = UNSET
    claimant_id: str | Unset = UNSET
    claimant_kind: str | Unset = UNSET
    closed_by_id: None | str | Unset = UNSET
    decided_by_id: None | str | Unset = UNSET
    decided_by_kind: None | str | Unset = UNSET
    filed_by: str | Unset = UNSET
    liability: Liability | None | Unset = UNSET
    review_started_at: datetime.datetime | None | Unset = UNSET
    reviewer_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.claim_basis import ClaimBasis
        from ..models.liability import Liability
        from ..models.staff_claim_payout_type_0 import StaffClaimPayoutType0

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
        if isinstance(self.payout, StaffClaimPayoutType0):
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

        actual_loss_fen: int | None | Unset
        if isinstance(self.actual_loss_fen, Unset):
            actual_loss_fen = UNSET
        else:
            actual_loss_fen = self.actual_loss_fen

        cause: None | str | Unset
        if isinstance(self.cause, Unset):
            cause = UNSET
        else:
            cause = self.cause

        claimant_id = self.claimant_id

        claimant_kind = self.claimant_kind

        closed_by_id: None | str | Unset
        if isinstance(self.closed_by_id, Unset):
            closed_by_id = UNSET
        else:
            closed_by_id = self.closed_by_id

        decided_by_id: None | str | Unset
        if isinstance(self.decided_by_id, Unset):
            decided_by_id = UNSET
        else:
            decided_by_id = self.decided_by_id

        decided_by_kind: None | str | Unset
        if isinstance(self.decided_by_kind, Unset):
            decided_by_kind = UNSET
        else:
            decided_by_kind = self.decided_by_kind

        filed_by = self.filed_by

        liability: dict[str, Any] | None | Unset
        if isinstance(self.liability, Unset):
            liability = UNSET
        elif isinstance(self.liability, Liability):
            liability = self.liability.to_dict()
        else:
            liability = self.liability

        review_started_at: None | str | Unset
        if isinstance(self.review_started_at, Unset):
            review_started_at = UNSET
        elif isinstance(self.review_started_at, datetime.datetime):
            review_started_at = self.review_started_at.isoformat()
        else:
            review_started_at = self.review_started_at

        reviewer_id: None | str | Unset
        if isinstance(self.reviewer_id, Unset):
            reviewer_id = UNSET
        else:
            reviewer_id = self.reviewer_id

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
        if actual_loss_fen is not UNSET:
            field_dict["actual_loss_fen"] = actual_loss_fen
        if cause is not UNSET:
            field_dict["cause"] = cause
        if claimant_id is not UNSET:
            field_dict["claimant_id"] = claimant_id
        if claimant_kind is not UNSET:
            field_dict["claimant_kind"] = claimant_kind
        if closed_by_id is not UNSET:
            field_dict["closed_by_id"] = closed_by_id
        if decided_by_id is not UNSET:
            field_dict["decided_by_id"] = decided_by_id
        if decided_by_kind is not UNSET:
            field_dict["decided_by_kind"] = decided_by_kind
        if filed_by is not UNSET:
            field_dict["filed_by"] = filed_by
        if liability is not UNSET:
            field_dict["liability"] = liability
        if review_started_at is not UNSET:
            field_dict["review_started_at"] = review_started_at
        if reviewer_id is not UNSET:
            field_dict["reviewer_id"] = reviewer_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.claim_basis import ClaimBasis
        from ..models.liability import Liability
        from ..models.payout import Payout
        from ..models.staff_claim_payout_type_0 import StaffClaimPayoutType0

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

        currency = StaffClaimCurrency(d.pop("currency"))

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

        def _parse_payout(data: object) -> None | StaffClaimPayoutType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                payout_type_0 = StaffClaimPayoutType0.from_dict(data)

                return payout_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | StaffClaimPayoutType0, data)

        payout = _parse_payout(d.pop("payout"))

        payouts = []
        _payouts = d.pop("payouts")
        for payouts_item_data in _payouts:
            payouts_item = Payout.from_dict(payouts_item_data)

            payouts.append(payouts_item)

        product = d.pop("product")

        remaining_fen = d.pop("remaining_fen")

        shipment_id = d.pop("shipment_id")

        status = StaffClaimStatus(d.pop("status"))

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

        def _parse_actual_loss_fen(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        actual_loss_fen = _parse_actual_loss_fen(d.pop("actual_loss_fen", UNSET))

        def _parse_cause(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        cause = _parse_cause(d.pop("cause", UNSET))

        claimant_id = d.pop("claimant_id", UNSET)

        claimant_kind = d.pop("claimant_kind", UNSET)

        def _parse_closed_by_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        closed_by_id = _parse_closed_by_id(d.pop("closed_by_id", UNSET))

        def _parse_decided_by_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        decided_by_id = _parse_decided_by_id(d.pop("decided_by_id", UNSET))

        def _parse_decided_by_kind(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        decided_by_kind = _parse_decided_by_kind(d.pop("decided_by_kind", UNSET))

        filed_by = d.pop("filed_by", UNSET)

        def _parse_liability(data: object) -> Liability | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                liability_type_0 = Liability.from_dict(data)

                return liability_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Liability | None | Unset, data)

        liability = _parse_liability(d.pop("liability", UNSET))

        def _parse_review_started_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                review_started_at_type_0 = datetime.datetime.fromisoformat(data)

                return review_started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        review_started_at = _parse_review_started_at(d.pop("review_started_at", UNSET))

        def _parse_reviewer_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reviewer_id = _parse_reviewer_id(d.pop("reviewer_id", UNSET))

        staff_claim = cls(
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
            actual_loss_fen=actual_loss_fen,
            cause=cause,
            claimant_id=claimant_id,
            claimant_kind=claimant_kind,
            closed_by_id=closed_by_id,
            decided_by_id=decided_by_id,
            decided_by_kind=decided_by_kind,
            filed_by=filed_by,
            liability=liability,
            review_started_at=review_started_at,
            reviewer_id=reviewer_id,
        )

        return staff_claim
