"""Filing and reading claims; the answer period's end. No Flask; never commits.

Decisions, payouts and the fast path are in `decisions.py`.

The numbers (1-year claim window, 30-day answer period, fast-claim limit) come from the
catalogue version the shipment was sold under; what is owed comes from
`compensation.compensation`, the one place the law's rules live.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime, timedelta

import sqlalchemy as sa

from courier_api.blobs import service as blobs
from courier_api.core import clock
from courier_api.core.errors import Problem, conflict, field_error
from courier_api.core.ids import new_id
from courier_api.core.scoping import get_scoped, scoped_select
from courier_api.core.security import Principal
from courier_api.custody.models import CustodyEvent
from courier_api.extensions import db
from courier_api.insurance.decisions import EVIDENCE_REQUIRED, SYSTEM, try_fast
from courier_api.insurance.models import (
    UNANSWERED,
    Claim,
)
from courier_api.network.service import network_rules
from courier_api.shipments import service as shipments
from courier_api.shipments.loss import declare_lost
from courier_api.shipments.models import TRANSITIONS as SHIPMENT_TRANSITIONS
from courier_api.shipments.models import Shipment

EVIDENCE_TYPES = ("image/jpeg", "image/png", "application/pdf")
#: The item never arrived: if it is still not found when the answer period ends, the
#: claim is compensated as lost.
NOT_ARRIVED = frozenset({"loss", "delay"})
#: Shipments not yet in the network's hands were never posted: nothing to claim for.
NOT_POSTED = frozenset({"created", "awaiting_pickup", "cancelled"})


# --- reading ----------------------------------------------------------------------------


def get_claim(*, caller: Principal, claim_id: str, lock: bool = False) -> Claim:
    """The claim if the caller is its claimant or an adjuster, else 404."""
    return get_scoped(Claim, claim_id, caller, what="claim", lock=lock)


def list_claims(*, caller: Principal, statuses: Sequence[str] = ()) -> sa.Select:
    stmt = scoped_select(Claim, caller)
    if statuses:
        stmt = stmt.where(Claim.status.in_(list(statuses)))
    return stmt


def days_left(claim: Claim, now: datetime | None = None) -> int | None:
    """Whole days (rounded up) left of the answer period while unanswered; 0 once due."""
    if claim.status not in UNANSWERED:
        return None
    remaining = (claim.answer_due_at - (now or clock.now())).total_seconds()
    return max(0, math.ceil(remaining / 86_400))


# --- filing -----------------------------------------------------------------------------


def _posted_at(shipment: Shipment) -> datetime:
    """When the network took the item: its first custody link after creation."""
    if shipment.state in NOT_POSTED:
        raise conflict(
            "shipment_not_posted",
            "The item was never handed to the network; there is nothing to claim for.",
            current_state=shipment.state,
        )
    first = db.session.scalar(
        sa.select(sa.func.min(CustodyEvent.occurred_at)).where(
            CustodyEvent.shipment_id == shipment.id, CustodyEvent.kind != "created"
        )
    )
    return first or shipment.created_at


def _check_evidence(caller: Principal, kind: str, evidence: Sequence[str]) -> None:
    if kind in EVIDENCE_REQUIRED and not evidence:
        raise field_error("evidence", "Attach a photo or document of what arrived.", "required")
    for index, sha256 in enumerate(evidence):
        name = f"evidence.{index}"
        blobs.require_uploaded(sha256, name, allowed=EVIDENCE_TYPES)
        if not blobs.may_read(caller, sha256):
            # Someone else's file: the same answer as a missing one, nothing to learn.
            raise field_error(
                name, "Upload the file first (PUT /v1/blobs/{sha256}).", "blob_missing"
            )


def _check_delayed(shipment: Shipment) -> None:
    late_delivery = (
        shipment.delivered_at is not None
        and shipment.deliver_by is not None
        and shipment.delivered_at > shipment.deliver_by
    )
    if shipment.overdue_at is None and not late_delivery and shipment.state != "lost":
        raise Problem(
            422,
            "not_delayed",
            "The item is within its delivery promise; a delay claim needs a broken promise.",
            errors=[{"field": "kind", "code": "not_delayed", "message": "Not delayed."}],
        )


def file_claim(
    *,
    caller: Principal,
    shipment_ref: str,
    kind: str,
    claimed_fen: int,
    description: str = "",
    evidence: Sequence[str] = (),
) -> Claim:
    """File a claim as an owner of the shipment; a fast claim is approved and paid at once."""
    shipment = shipments.get_shipment(caller=caller, ref=shipment_ref)  # owners only: 404
    now = clock.now()
    rules = network_rules(shipment.catalogue_version)
    posted_at = _posted_at(shipment)
    window_ends = posted_at + timedelta(days=rules["claim_window_days"])
    if now > window_ends:
        raise Problem(
            422,
            "claim_window_closed",
            f"Claims may be made within {rules['claim_window_days']} days of posting.",
            posted_at=clock.to_rfc3339(posted_at),
            window_ends_at=clock.to_rfc3339(window_ends),
        )
    if kind == "delay":
        _check_delayed(shipment)
    _check_evidence(caller, kind, evidence)
    claimant_kind, claimant_id = caller.owner
    claim = Claim(
        id=new_id("clm"),
        shipment_id=shipment.id,
        product=shipment.product,
        kind=kind,
        status="submitted",
        claimant_kind=claimant_kind,
        claimant_id=claimant_id,
        filed_by=caller.id,
        claimed_fen=claimed_fen,
        description=description,
        evidence=list(dict.fromkeys(evidence)),
        submitted_at=now,
        answer_due_at=now + timedelta(days=rules["claim_answer_days"]),
        open_key=_open_key(shipment.id, kind),
        version=1,
        paid_fen=0,
        payouts=[],  # known to be none: the answer need not ask the database
        liability=None,
    )
    _insert_once(claim)
    for sha256 in claim.evidence:
        blobs.link(sha256, "claim", claim.id)
    try_fast(claim, shipment, rules)
    return claim


def _open_key(shipment_id: str, kind: str) -> str:
    return f"{shipment_id}:{kind}"


def _insert_once(claim: Claim) -> None:
    """Insert, or 409 when the shipment already has an open claim of this kind: the unique
    `open_key` decides (a racing duplicate too), inside a savepoint so the request's other
    work survives the refusal's rollback."""
    try:
        with db.session.begin_nested():
            db.session.add(claim)
            db.session.flush()
        return
    except sa.exc.IntegrityError:
        existing = db.session.scalar(
            sa.select(Claim.status).where(Claim.open_key == claim.open_key)
        )
    raise conflict(
        "claim_exists",
        f"This shipment already has a {claim.kind} claim that is {existing}.",
        current_state=existing,
    )


# --- the answer period ----------------------------------------------------------------


def treat_unfound_as_lost(now: datetime | None = None, limit: int = 500) -> int:
    """Worker sweep: a loss or delay claim whose answer period ended with the item still
    not found is compensated as lost; the shipment is declared lost by the system, and a
    claim not yet taken for review gets the fast path. Returns how many claims."""
    now = now or clock.now()
    rows = db.session.execute(
        sa.select(Claim, Shipment)
        .join(Shipment, Shipment.id == Claim.shipment_id)
        .where(
            Claim.status.in_(UNANSWERED),
            Claim.kind.in_(sorted(NOT_ARRIVED)),
            Claim.answer_due_at <= now,
            Claim.treated_as_lost_at.is_(None),
            Shipment.state.in_(
                [s for s, nxt in SHIPMENT_TRANSITIONS.items() if "lost" in nxt] + ["lost"]
            ),
        )
        .order_by(Claim.answer_due_at)
        .limit(limit)
        .with_for_update(of=Claim)
    ).all()
    for claim, shipment in rows:
        if shipment.state != "lost":
            declare_lost(shipment, actor=SYSTEM, reason_code="answer_period_ended")
        claim.treated_as_lost_at = now
        if claim.status == "submitted":
            try_fast(claim, shipment, network_rules(shipment.catalogue_version))
    db.session.flush()
    return len(rows)
