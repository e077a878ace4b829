"""A claim's state machine, decisions and payouts, and the fast path that approves and pays
at once what the custody record bears out. No Flask; never commits.

The numbers (1-year claim window, 30-day answer period, fast-claim limit) come from the
catalogue version the shipment was sold under; what is owed comes from
`compensation.compensation`, the one place the law's rules live.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from courier_api.core import clock
from courier_api.core.errors import Problem, cannot_become, conflict
from courier_api.core.ids import new_id
from courier_api.core.outbox import emit, owner_audience
from courier_api.core.security import Principal
from courier_api.custody import service as custody
from courier_api.custody.models import CustodyEvent
from courier_api.extensions import db
from courier_api.identity.models import Courier
from courier_api.insurance.compensation import RULES, Assessment, Case, assess, compensation
from courier_api.insurance.models import (
    BLOCKING,
    FAST_CLAIM_CHANNEL,
    PAYABLE,
    TRANSITIONS,
    Claim,
    Liability,
    Payout,
)
from courier_api.ledger import service as ledger
from courier_api.shipments.models import Shipment

#: Who the fast path and the answer-period sweep act as.
SYSTEM = ("system", "system")
#: Claims that need a photo or document of what arrived.
EVIDENCE_REQUIRED = frozenset({"damage", "missing_contents"})


# --- the state machine ------------------------------------------------------------------


def _move(claim: Claim, to_state: str, *, by: tuple[str, str]) -> None:
    allowed = to_state in TRANSITIONS[claim.status]
    if claim.status == "submitted" and to_state == "approved" and by != SYSTEM:
        allowed = False  # only a fast claim skips review, and only the system decides it
    if not allowed:
        raise cannot_become("claim", "The claim", claim.status, to_state)
    claim.status = to_state
    if to_state not in BLOCKING:
        claim.open_key = None


def start_review(*, caller: Principal, claim: Claim) -> Claim:
    _move(claim, "under_review", by=("staff", caller.id))
    claim.reviewer_id = caller.id
    claim.review_started_at = clock.now()
    db.session.flush()
    return claim


def withdraw(*, caller: Principal, claim: Claim) -> Claim:
    _move(claim, "withdrawn", by=(caller.kind, caller.id))
    claim.withdrawn_at = clock.now()
    db.session.flush()
    return claim


def _case(claim: Claim, shipment: Shipment, *, cause: str, actual_loss_fen: int) -> Case:
    kind = "loss" if claim.treated_as_lost_at else claim.kind
    return Case(
        kind=kind,
        not_found_in_period=claim.treated_as_lost_at is not None,
        claimed_fen=claim.claimed_fen,
        actual_loss_fen=actual_loss_fen,
        declared_value_fen=shipment.declared_value_fen,
        insured_amount_fen=shipment.insured_amount_fen,
        # The postage is what was paid for carriage: the premium is never refunded.
        postage_fen=max(0, shipment.fee_fen - shipment.premium_fen),
        cause=cause,
    )


def _basis(case: Case, assessment: Assessment, *, fast: bool, recorded: bool) -> dict[str, Any]:
    """What a decided claim shows of why it is owed what it is."""
    return {
        "declared_value_fen": case.declared_value_fen,
        "insured_amount_fen": case.insured_amount_fen,
        "postage_fen": case.postage_fen,
        "actual_loss_fen": case.actual_loss_fen,
        "claimed_fen": case.claimed_fen,
        "owed_fen": assessment.owed_fen,
        "rule": assessment.rule,
        "rule_text": RULES[assessment.rule],
        "fast_claim": fast,
        "arithmetic": assessment.arithmetic,
        "recorded": recorded,
    }


def basis_of(claim: Claim) -> dict[str, Any] | None:
    """The decision's basis: as recorded when it was made; for a claim decided before
    that was recorded, worked out again from the shipment as it is now and the facts the
    adjuster recorded (`recorded: false`; the approved amount stands either way)."""
    if claim.basis is not None:
        return claim.basis
    if claim.decided_at is None or claim.cause is None:
        return None
    shipment = db.session.get(Shipment, claim.shipment_id)
    loss = claim.claimed_fen if claim.actual_loss_fen is None else claim.actual_loss_fen
    case = _case(claim, shipment, cause=claim.cause, actual_loss_fen=loss)
    return _basis(case, assess(case), fast=claim.fast, recorded=False)


def _record_decision(
    claim: Claim, case: Case, *, status: str, by: tuple[str, str], reason: str
) -> None:
    assessment = assess(case)
    _move(claim, status, by=by)
    claim.approved_fen = assessment.owed_fen
    claim.actual_loss_fen = case.actual_loss_fen
    claim.cause = case.cause
    claim.basis = _basis(case, assessment, fast=claim.fast, recorded=True)
    claim.decided_at = clock.now()
    claim.decided_by_kind, claim.decided_by_id = by
    claim.decision_reason = reason
    book_claim_money(claim, "claim_approved", claim.approved_fen)
    _tell_claimant(claim, "claim.decided", paid_fen=None)


def decide(
    *, caller: Principal, claim: Claim, cause: str, reason: str, actual_loss_fen: int | None
) -> Claim:
    """The adjuster states the facts (cause, actual loss); the law says what is owed, and
    the amount says the outcome: all claimed, part of it, or nothing."""
    if claim.status != "under_review":
        raise conflict(
            "invalid_claim_transition",
            f"The claim is {claim.status}; take it for review before deciding it.",
            current_state=claim.status,
        )
    shipment = db.session.get(Shipment, claim.shipment_id)
    loss = claim.claimed_fen if actual_loss_fen is None else actual_loss_fen
    case = _case(claim, shipment, cause=cause, actual_loss_fen=loss)
    amount = compensation(case)
    if amount == claim.claimed_fen:
        status = "approved"
    elif amount:
        status = "partially_approved"
    else:
        status = "rejected"
    _record_decision(claim, case, status=status, by=("staff", caller.id), reason=reason)
    db.session.flush()
    return claim


# --- payouts ----------------------------------------------------------------------------


def pay(
    *, claim: Claim, amount_fen: int, by: tuple[str, str], channel: str, reference: str
) -> Payout:
    """Record a payout of an approved claim: at most what remains of the approved amount.
    The claim becomes `paid` when all of it is paid. The caller holds the claim's row
    lock, so payouts racing on one claim are checked one after another."""
    if claim.status not in PAYABLE:
        raise conflict(
            "invalid_claim_transition",
            f"The claim is {claim.status}; only an approved claim not yet paid in full "
            "takes payouts.",
            current_state=claim.status,
        )
    remaining = claim.approved_fen - claim.paid_fen
    if amount_fen > remaining:
        raise Problem(
            422,
            "payout_over_remaining",
            f"{remaining} fen of the approved {claim.approved_fen} remain to be paid.",
            errors=[{"field": "amount_fen", "code": "over_cap", "message": "Over what remains."}],
            remaining_fen=remaining,
        )
    payout = Payout(
        id=new_id("pay"),
        claim_id=claim.id,
        amount_fen=amount_fen,
        paid_by_kind=by[0],
        paid_by_id=by[1],
        channel=channel,
        reference=reference,
        created_at=clock.now(),
    )
    db.session.add(payout)
    claim.payouts.append(payout)
    claim.paid_fen += amount_fen
    book_claim_money(claim, "claim_paid", amount_fen)
    if claim.paid_fen == claim.approved_fen:
        _move(claim, "paid", by=by)
    db.session.flush()
    _tell_claimant(claim, "claim.paid", paid_fen=amount_fen)
    return payout


def close(*, caller: Principal, claim: Claim, reason: str) -> Claim:
    """An adjuster closes an approved claim before all of it is paid, saying why (the
    claimant declined the rest, cannot be reached, ...)."""
    _move(claim, "closed", by=("staff", caller.id))
    book_claim_money(claim, "claim_closed", claim.approved_fen - claim.paid_fen)
    claim.closed_at = clock.now()
    claim.closed_by_id = caller.id
    claim.close_reason = reason
    db.session.flush()
    _tell_claimant(claim, "claim.closed", paid_fen=None)
    return claim


def book_claim_money(claim: Claim, kind: str, amount_fen: int | None) -> None:
    """Money owed to claimants lives on the ledger beside COD: approval owes it (a delay
    claim's postage refund apart from compensation), a payout pays it from the bank, a
    close before full payment releases what will not be paid."""
    if not amount_fen:
        return
    what = "refunds" if claim.kind == "delay" else "claims"
    payable = ledger.account(f"{what}_payable", f"{claim.claimant_kind}:{claim.claimant_id}")
    other = {
        "claim_approved": f"{what}_expense",
        "claim_paid": "network_bank",
        "claim_closed": f"{what}_expense",
    }[kind]
    sign = -1 if kind == "claim_approved" else 1
    ledger.post(
        ledger.Entry(
            kind, "claim", claim.id, [(payable, sign * amount_fen), (other, -sign * amount_fen)]
        )
    )


def _fast_reference(claim_id: str) -> str:
    """The instruction the fast-claim payment run pays under, which finance matches
    against the bank (a fast claim is paid once, in full)."""
    return f"FC-{claim_id}"


def _tell_claimant(claim: Claim, kind: str, *, paid_fen: int | None) -> None:
    """The claimant hears of every decision and payout (webhook or WeChat/SMS); other
    owners of the shipment do not, as they cannot read the claim either."""
    emit(
        kind,
        subject_type="claim",
        subject_id=claim.id,
        payload={
            "claim_id": claim.id,
            "shipment_id": claim.shipment_id,
            "status": claim.status,
            "claimed_fen": claim.claimed_fen,
            "approved_fen": claim.approved_fen,
            "paid_fen": paid_fen,
            "remaining_fen": (claim.approved_fen or 0) - claim.paid_fen,
            "fast": claim.fast,
        },
        **owner_audience(claim.claimant_kind, claim.claimant_id),
    )


# --- fast claims ------------------------------------------------------------------------


def _supporting_event(claim: Claim, shipment: Shipment) -> CustodyEvent | None:
    """The custody link that bears the claim out: the item declared lost, or damage
    recorded as an exception at a hand-over or delivery."""
    if claim.kind == "loss" or claim.treated_as_lost_at:
        if shipment.state != "lost":
            return None
        condition = "lost"
    elif claim.kind in EVIDENCE_REQUIRED:
        condition = "damaged"
    else:
        return None
    events = custody.events_of(shipment.id)
    return next(
        (
            e
            for e in reversed(events)
            if e.kind == "exception" and e.refs.get("condition") == condition
        ),
        None,
    )


def try_fast(claim: Claim, shipment: Shipment, rules: dict[str, Any]) -> None:
    """Approve and pay at once ("pay the customer first, settle inside afterwards") a
    claim within the fast-claim limit and the insured amount, owed in full, that the
    custody record supports; then allocate the liability inside the network."""
    if not 0 < claim.claimed_fen <= min(rules["fast_claim_max_fen"], shipment.insured_amount_fen):
        return
    case = _case(claim, shipment, cause="carrier", actual_loss_fen=claim.claimed_fen)
    owed = compensation(case)
    if owed != claim.claimed_fen:
        return  # only part is owed: an adjuster explains that, not the system
    event = _supporting_event(claim, shipment)
    responsible = _responsible(shipment, event) if event is not None else None
    if responsible is None:
        return
    claim.fast = True
    _record_decision(
        claim,
        case,
        status="approved",
        by=SYSTEM,
        reason=f"Fast claim: custody link {event.seq} records the item {event.refs['condition']}.",
    )
    pay(
        claim=claim,
        amount_fen=owed,
        by=SYSTEM,
        channel=FAST_CLAIM_CHANNEL,
        reference=_fast_reference(claim.id),
    )
    _allocate_liability(claim, event, responsible)


def _responsible(shipment: Shipment, event: CustodyEvent) -> tuple[str | None, str | None] | None:
    """(station, courier) that held the item when the loss or damage happened: the holder
    named on the loss, or whoever handed the item over where the damage was found. None
    when that was the sender (damage found at collection is not the network's doing)."""
    holder = event.refs.get("from")
    if holder is None:
        previous = db.session.scalar(
            sa.select(CustodyEvent.refs).where(
                CustodyEvent.shipment_id == shipment.id, CustodyEvent.seq == event.seq - 1
            )
        )
        holder = (previous or {}).get("from")
    holder_kind, _, holder_id = (holder or "").partition(":")
    if holder_kind == "courier":
        station = db.session.scalar(sa.select(Courier.station_id).where(Courier.id == holder_id))
        return station or event.station_id, holder_id
    if holder_kind == "station":
        return holder_id, None
    return None


def _allocate_liability(
    claim: Claim, event: CustodyEvent, responsible: tuple[str | None, str | None]
) -> None:
    station_id, courier_id = responsible
    db.session.add(
        Liability(
            id=new_id("lia"),
            claim_id=claim.id,
            station_id=station_id,
            courier_id=courier_id,
            amount_fen=claim.approved_fen,
            custody_seq=event.seq,
            created_at=clock.now(),
        )
    )
