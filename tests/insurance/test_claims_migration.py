"""Migration 7c2d4e6f8a10 on claims made before it: they keep their meaning."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from courier_api.core import clock
from courier_api.extensions import db

BEFORE = "6a9b3c5d7e21"  # the revision the partial-payouts migration follows
AT = datetime(2026, 11, 2, 2, 0, tzinfo=clock.UTC)


def _old_claim(claim_id: str, shipment_id: str, **fields) -> dict:
    return {
        "id": claim_id,
        "shipment_id": shipment_id,
        "product": "express",
        "kind": "loss",
        "status": "paid",
        "claimant_kind": "citizen",
        "claimant_id": "ctz_old",
        "filed_by": "ctz_old",
        "claimed_fen": 30_000,
        "description": "",
        "evidence": [],
        "submitted_at": AT,
        "answer_due_at": AT,
        "decided_at": AT,
        "decided_by_kind": "staff",
        "decided_by_id": "stf_old",
        "cause": "carrier",
        "actual_loss_fen": 30_000,
        "approved_fen": 30_000,
        "fast": False,
        "version": 3,
        "created_at": AT,
        "updated_at": AT,
        **fields,
    }


def _payout(payout_id: str, claim_id: str, amount: int, by: str, reference: str | None) -> dict:
    return {
        "id": payout_id,
        "claim_id": claim_id,
        "amount_fen": amount,
        "paid_by_kind": by,
        "paid_by_id": by,
        "reference": reference,
        "created_at": AT,
    }


def test_claims_paid_before_partial_payouts_keep_their_meaning(client, as_, app, citizen, posted):
    staff_paid, fast_paid = posted(citizen), posted(citizen)
    with app.app_context():
        db.session.remove()
        downgrade(revision=BEFORE)
        try:
            with db.engine.begin() as connection:
                old = sa.MetaData()
                claims = sa.Table("claims", old, autoload_with=connection)
                payouts = sa.Table("claim_payouts", old, autoload_with=connection)
                connection.execute(
                    claims.insert(),
                    [
                        _old_claim("clm_old_staff", staff_paid),
                        _old_claim("clm_old_fast", fast_paid, fast=True, decided_by_kind="system"),
                    ],
                )
                connection.execute(
                    payouts.insert(),
                    [
                        # The field's case: approved 30,000, paid 3,000, and `paid`.
                        _payout("pay_old_staff", "clm_old_staff", 3_000, "staff", "BANK-9"),
                        _payout("pay_old_fast", "clm_old_fast", 30_000, "system", None),
                    ],
                )
        finally:
            upgrade()
    staff_view = client.get("/v1/claims/clm_old_staff", headers=as_("adjuster")).get_json()
    assert staff_view["status"] == "paid"  # stays as it was
    assert (staff_view["paid_fen"], staff_view["remaining_fen"]) == (3_000, 0)
    [payout] = staff_view["payouts"]
    assert (payout["channel"], payout["reference"]) == ("unrecorded", "BANK-9")
    assert staff_view["basis"]["recorded"] is False
    fast_view = client.get("/v1/claims/clm_old_fast", headers=as_("adjuster")).get_json()
    [payout] = fast_view["payouts"]
    assert (payout["channel"], payout["reference"]) == ("fast_claim", "FC-clm_old_fast")
    assert fast_view["paid_fen"] == 30_000
