"""Claims through the API: filing, the fast path, review and decision, payouts, the state
machine, the 1-year window, the 30-day answer period, scoping and evidence."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from courier_api.core import clock
from courier_api.core.outbox import OutboxEvent
from courier_api.custody.models import CustodyEvent
from courier_api.extensions import db
from courier_api.insurance import claims
from courier_api.insurance.models import Claim
from courier_api.ledger import service as ledger
from courier_api.shipments.models import Shipment
from tests.factories import SIGNATURE
from tests.helpers import (
    Owner,
    assert_problem,
    file_claim,
    race,
    station_in,
    upload,
    waybill_of,
)

NOW = datetime(2026, 11, 2, 2, 0, tzinfo=clock.UTC)


@pytest.fixture(autouse=True)
def _frozen(world):
    clock.freeze(NOW)


def declare_lost(client, as_, shipment_id, reason="not_found"):
    return client.post(
        f"/v1/shipments/{shipment_id}/declare-lost",
        json={"reason_code": reason},
        headers=as_("adjuster"),
    )


def review(client, as_, claim_id):
    response = client.post(f"/v1/claims/{claim_id}/review", headers=as_("adjuster"))
    assert response.status_code == 200, response.get_json()
    return response


def decide(client, as_, claim_id, etag, **body):
    body = {"cause": "carrier", "reason": "Assessed from the photos.", **body}
    return client.post(
        f"/v1/claims/{claim_id}/decide", json=body, headers={**as_("adjuster"), "If-Match": etag}
    )


def pay(client, as_, claim_id, amount, key="pay-1", reference="WX-TRANSFER-1"):
    return client.post(
        f"/v1/claims/{claim_id}/payouts",
        json={"amount_fen": amount, "channel": "wechat_pay", "reference": reference},
        headers={**as_("adjuster"), "Idempotency-Key": key},
    )


def close(client, as_, claim_id, etag, reason="The claimant declined the rest."):
    return client.post(
        f"/v1/claims/{claim_id}/close",
        json={"reason": reason},
        headers={**as_("adjuster"), "If-Match": etag},
    )


def events(app, kind):
    with app.app_context():
        return [
            (e.citizen_id, e.organisation_ids, e.payload)
            for e in db.session.scalars(sa.select(OutboxEvent).where(OutboxEvent.kind == kind))
        ]


# --- the fast path ----------------------------------------------------------------------


def test_a_lost_insured_item_is_approved_and_paid_at_once(client, as_, app, world, citizen, posted):
    shipment = posted(citizen)
    declared = declare_lost(client, as_, shipment)
    assert declared.status_code == 200, declared.get_json()
    assert declared.get_json()["state"] == "lost"

    response = file_claim(client, citizen, shipment, kind="loss", claimed_fen=200_000)
    assert response.status_code == 201, response.get_json()
    claim = response.get_json()
    assert claim["status"] == "paid" and claim["fast"] is True
    assert claim["approved_fen"] == 200_000 and claim["currency"] == "CNY"
    [payout] = claim["payouts"]
    assert payout["amount_fen"] == 200_000 and payout["paid_by_kind"] == "system"
    assert payout["channel"] == "fast_claim" and payout["reference"] == f"FC-{claim['id']}"
    assert claim["payout"] == payout and claim["paid_fen"] == 200_000
    assert claim["remaining_fen"] == 0
    assert "liability" not in claim and "claimant_id" not in claim  # internal fields
    assert response.headers["Location"] == f"/v1/claims/{claim['id']}"

    staff_view = client.get(f"/v1/claims/{claim['id']}", headers=as_("adjuster")).get_json()
    assert staff_view["decided_by_kind"] == "system"
    liability = staff_view["liability"]
    assert liability["courier_id"] == world.couriers["courier_a"]  # it held the item
    assert liability["station_id"] == world.stations["A"]
    assert liability["amount_fen"] == 200_000 and liability["status"] == "open"

    [(citizen_id, _, decided)] = events(app, "claim.decided")
    assert citizen_id == citizen.owner[1] and decided["status"] == "approved"
    [(_, _, paid)] = events(app, "claim.paid")
    assert paid["paid_fen"] == 200_000
    with app.app_context():
        last = db.session.scalars(
            sa.select(CustodyEvent)
            .where(CustodyEvent.shipment_id == shipment)
            .order_by(CustodyEvent.seq.desc())
        ).first()
    assert last.kind == "exception"
    assert last.refs["condition"] == "lost"
    assert last.refs["from"] == f"courier:{world.couriers['courier_a']}"


def test_damage_recorded_at_a_hand_over_makes_a_fast_claim(
    client, as_, app, world, citizen, posted, record_damage, evidence
):
    shipment = posted(citizen, declared=200_000, insured=200_000)  # fully insured
    record_damage(shipment)
    response = file_claim(
        client, citizen, shipment, kind="damage", claimed_fen=80_000, evidence=[evidence(citizen)]
    )
    claim = response.get_json()
    assert claim["status"] == "paid" and claim["approved_fen"] == 80_000, claim
    liability = client.get(f"/v1/claims/{claim['id']}", headers=as_("adjuster")).get_json()[
        "liability"
    ]
    # The courier who handed the damaged item over to station A answers for it.
    assert liability["courier_id"] == world.couriers["courier_a"]
    assert liability["station_id"] == world.stations["A"]


@pytest.mark.parametrize(
    ("insured", "claimed", "fast"),
    [
        (600_000, 500_000, True),  # at the fast-claim limit
        (600_000, 500_001, False),  # one fen over it
        (200_000, 200_000, True),  # at the insured amount
        (200_000, 200_001, False),  # over it: an adjuster decides
        (0, 1_000, False),  # uninsured items are never fast
    ],
)
def test_the_fast_path_stops_at_the_limit_and_the_insured_amount(
    client, as_, citizen, posted, insured, claimed, fast
):
    shipment = posted(citizen, declared=max(insured, 1), insured=insured)
    declare_lost(client, as_, shipment)
    claim = file_claim(client, citizen, shipment, kind="loss", claimed_fen=claimed).get_json()
    assert claim["status"] == ("paid" if fast else "submitted"), claim
    assert claim["fast"] is fast


def test_no_fast_path_when_custody_does_not_bear_the_claim_out(
    client, as_, citizen, posted, evidence
):
    # Not declared lost; no damage recorded.
    lost = file_claim(client, citizen, posted(citizen), kind="loss", claimed_fen=1_000).get_json()
    damaged = file_claim(
        client,
        citizen,
        posted(citizen, declared=200_000, insured=200_000),
        kind="damage",
        claimed_fen=1_000,
        evidence=[evidence(citizen)],
    ).get_json()
    assert lost["status"] == damaged["status"] == "submitted"
    assert lost["days_left"] == 30


def test_damage_found_at_collection_is_not_a_fast_claim(
    client, app, world, citizen, posted, evidence
):
    from courier_api.custody import service as custody

    shipment = posted(citizen, declared=200_000, insured=200_000)
    courier = f"courier:{world.couriers['courier_a']}"
    with app.app_context():
        # The courier collecting from the sender recorded the damage: it predates the network.
        custody.append(
            [
                custody.Entry(
                    shipment_id=shipment,
                    kind=kind,
                    actor_kind="courier",
                    actor_id=world.couriers["courier_a"],
                    refs=refs,
                )
                for kind, refs in (
                    ("picked_up", {"from": f"citizen:{citizen.owner[1]}", "to": courier}),
                    ("exception", {"condition": "damaged", "photo_sha256": "0" * 64}),
                )
            ]
        )
        db.session.commit()
    claim = file_claim(
        client, citizen, shipment, kind="damage", claimed_fen=1_000, evidence=[evidence(citizen)]
    ).get_json()
    assert claim["status"] == "submitted"


def test_partly_insured_damage_goes_to_an_adjuster(
    client, citizen, posted, record_damage, evidence
):
    shipment = posted(citizen)  # 200,000 insured of 300,000
    record_damage(shipment)
    claim = file_claim(
        client, citizen, shipment, kind="damage", claimed_fen=30_000, evidence=[evidence(citizen)]
    ).get_json()
    assert claim["status"] == "submitted"  # only 20,000 would be owed: a person explains why


# --- review, decision, payout -----------------------------------------------------------


def test_adjuster_reviews_decides_and_pays(client, as_, app, citizen, posted, evidence):
    shipment = posted(citizen)  # 300,000 declared, 200,000 insured
    claim = file_claim(
        client, citizen, shipment, kind="damage", claimed_fen=150_000, evidence=[evidence(citizen)]
    ).get_json()
    etag = review(client, as_, claim["id"]).headers["ETag"]

    assert_problem(
        client.post(
            f"/v1/claims/{claim['id']}/decide",
            json={"cause": "carrier", "reason": "x"},
            headers=as_("adjuster"),
        ),
        428,
        "precondition_required",
    )
    assert_problem(decide(client, as_, claim["id"], '"1"'), 412, "precondition_failed")

    decided = decide(client, as_, claim["id"], etag, actual_loss_fen=150_000)
    assert decided.status_code == 200, decided.get_json()
    body = decided.get_json()
    # 150,000 × 200,000 ÷ 300,000
    assert body["status"] == "partially_approved" and body["approved_fen"] == 100_000
    assert body["cause"] == "carrier" and body["decision_reason"] == "Assessed from the photos."
    assert body["days_left"] is None

    too_much = pay(client, as_, claim["id"], 100_001)
    assert assert_problem(too_much, 422, "payout_over_remaining")["remaining_fen"] == 100_000
    paid = pay(client, as_, claim["id"], 100_000)
    assert paid.status_code == 201, paid.get_json()
    assert paid.get_json()["status"] == "paid"
    assert paid.get_json()["payout"]["reference"] == "WX-TRANSFER-1"
    assert paid.get_json()["payouts"][0]["channel"] == "wechat_pay"
    replay = pay(client, as_, claim["id"], 100_000)
    assert replay.headers["Idempotent-Replayed"] == "true"
    assert_problem(
        pay(client, as_, claim["id"], 100_000, key="pay-2"), 409, "invalid_claim_transition"
    )

    seen = client.get(f"/v1/claims/{claim['id']}", headers=citizen.headers).get_json()
    assert seen["status"] == "paid" and seen["payout"]["amount_fen"] == 100_000
    assert [p["status"] for _, _, p in events(app, "claim.decided")] == ["partially_approved"]


def _approved(client, as_, citizen, posted, claimed=30_000):
    """A claim on an uninsured-ish shipment decided in full: approved for `claimed`."""
    shipment = posted(citizen, declared=0, insured=0, premium=0, fee=100_000)
    claim = file_claim(client, citizen, shipment, claimed_fen=claimed).get_json()["id"]
    etag = review(client, as_, claim).headers["ETag"]
    decided = decide(client, as_, claim, etag)
    assert decided.get_json()["status"] == "approved", decided.get_json()
    return claim


def test_a_claim_stays_open_until_what_was_approved_is_paid(client, as_, app, citizen, posted):
    claim = _approved(client, as_, citizen, posted)
    first = pay(client, as_, claim, 3_000, key="part-1", reference="BANK-1")
    assert first.status_code == 201, first.get_json()
    body = first.get_json()
    assert body["status"] == "approved"  # not paid: 27,000 fen are still owed
    assert (body["paid_fen"], body["remaining_fen"]) == (3_000, 27_000)
    over = pay(client, as_, claim, 27_001, key="part-2")
    assert assert_problem(over, 422, "payout_over_remaining")["remaining_fen"] == 27_000
    second = pay(client, as_, claim, 20_000, key="part-3", reference="BANK-2").get_json()
    assert second["status"] == "approved" and second["remaining_fen"] == 7_000
    last = pay(client, as_, claim, 7_000, key="part-4", reference="BANK-3").get_json()
    assert last["status"] == "paid" and last["paid_fen"] == 30_000 and last["remaining_fen"] == 0
    assert [(p["amount_fen"], p["reference"]) for p in last["payouts"]] == [
        (3_000, "BANK-1"),
        (20_000, "BANK-2"),
        (7_000, "BANK-3"),
    ]
    # The field's case: a 1-fen payout after the claim is paid is refused.
    late = pay(client, as_, claim, 1, key="part-5")
    assert assert_problem(late, 409, "invalid_claim_transition")["current_state"] == "paid"
    # The citizen hears of each payout; only the last says it is paid in full.
    with app.app_context():
        from courier_api.core.outbox import dispatch_pending
        from courier_api.notify.models import Notification

        dispatch_pending()
        said = [
            n.wechat_data["thing1"]
            for n in db.session.scalars(sa.select(Notification).order_by(Notification.id))
        ]
    assert said == ["理赔已批准", "理赔款已部分支付", "理赔款已部分支付", "理赔款已支付"]


def test_what_is_owed_on_a_claim_is_on_the_ledger(client, as_, app, citizen, posted):
    claim = _approved(client, as_, citizen, posted)
    payable = ledger.account("claims_payable", ":".join(citizen.owner))
    with app.app_context():
        assert ledger.balance(payable) == -30_000
    pay(client, as_, claim, 10_000, key="ledger-1")
    etag = client.get(f"/v1/claims/{claim}", headers=as_("adjuster")).headers["ETag"]
    assert close(client, as_, claim, etag).status_code == 200
    with app.app_context():
        # Paid 10,000 from the bank; the 20,000 never to be paid no longer owed.
        assert ledger.balance(payable) == 0
        assert ledger.balance("network_bank") == -10_000
        assert ledger.balance("claims_expense") == 10_000
        assert ledger.unbalanced_transactions() == []


def test_a_payout_says_how_it_was_paid(client, as_, citizen, posted):
    claim = _approved(client, as_, citizen, posted)
    for body, field in (
        ({"amount_fen": 100, "channel": "wechat_pay"}, "reference"),
        ({"amount_fen": 100, "channel": "wechat_pay", "reference": ""}, "reference"),
        ({"amount_fen": 100, "reference": "X"}, "channel"),
        ({"amount_fen": 100, "channel": "fast_claim", "reference": "X"}, "channel"),
        ({"amount_fen": 0, "channel": "cash", "reference": "X"}, "amount_fen"),
    ):
        response = client.post(
            f"/v1/claims/{claim}/payouts",
            json=body,
            headers={**as_("adjuster"), "Idempotency-Key": f"bad-{field}-{len(body)}"},
        )
        errors = assert_problem(response, 422, "validation_failed")["errors"]
        assert [e["field"] for e in errors] == [field], body
    seen = client.get(f"/v1/claims/{claim}", headers=as_("adjuster")).get_json()
    assert seen["payouts"] == [] and seen["paid_fen"] == 0


def test_an_adjuster_closes_a_claim_with_a_reason(client, as_, app, citizen, posted):
    claim = _approved(client, as_, citizen, posted)
    etag = pay(client, as_, claim, 3_000).headers["ETag"]
    no_reason = client.post(
        f"/v1/claims/{claim}/close", json={}, headers={**as_("adjuster"), "If-Match": etag}
    )
    assert_problem(no_reason, 422, "validation_failed")
    assert_problem(
        client.post(f"/v1/claims/{claim}/close", json={"reason": "x"}, headers=as_("adjuster")),
        428,
        "precondition_required",
    )
    assert_problem(
        client.post(
            f"/v1/claims/{claim}/close",
            json={"reason": "x"},
            headers={**citizen.headers, "If-Match": etag},
        ),
        403,
        "forbidden",
    )
    closed = close(client, as_, claim, etag)
    assert closed.status_code == 200, closed.get_json()
    body = closed.get_json()
    assert body["status"] == "closed" and body["close_reason"] == "The claimant declined the rest."
    assert body["paid_fen"] == 3_000 and body["remaining_fen"] == 0 and body["closed_at"]
    assert body["closed_by_id"]
    assert_problem(pay(client, as_, claim, 1, key="after-close"), 409, "invalid_claim_transition")
    again = close(client, as_, claim, closed.headers["ETag"])
    assert assert_problem(again, 409, "invalid_claim_transition")["current_state"] == "closed"
    [(citizen_id, _, payload)] = events(app, "claim.closed")
    assert citizen_id == citizen.owner[1] and payload["status"] == "closed"
    # A closed claim was granted: the same loss is not claimed again.
    shipment = client.get(f"/v1/claims/{claim}", headers=citizen.headers).get_json()["shipment_id"]
    assert_problem(file_claim(client, citizen, shipment, claimed_fen=1_000), 409, "claim_exists")


def test_only_approved_claims_are_closed(client, as_, citizen, posted):
    claim = file_claim(client, citizen, posted(citizen), claimed_fen=1_000).get_json()["id"]
    etag = review(client, as_, claim).headers["ETag"]
    refused = close(client, as_, claim, etag)
    assert assert_problem(refused, 409, "invalid_claim_transition")["current_state"] == (
        "under_review"
    )


# --- the basis of a decision ----------------------------------------------------------


def test_a_decided_claim_shows_its_basis(client, as_, app, citizen, posted, evidence):
    shipment = posted(citizen)  # 300,000 declared, 200,000 insured, 3,600 paid, 2,000 premium
    claim = file_claim(
        client, citizen, shipment, kind="damage", claimed_fen=150_000, evidence=[evidence(citizen)]
    ).get_json()
    assert claim["basis"] is None  # nothing decided yet
    etag = review(client, as_, claim["id"]).headers["ETag"]
    decide(client, as_, claim["id"], etag, actual_loss_fen=120_000)
    expected = {
        "currency": "CNY",
        "declared_value_fen": 300_000,
        "insured_amount_fen": 200_000,
        "postage_fen": 1_600,
        "actual_loss_fen": 120_000,
        "claimed_fen": 150_000,
        "owed_fen": 80_000,
        "rule": "postal_law_art_47",
        "fast_claim": False,
        "arithmetic": "insured, partly damaged or short: actual loss 120,000 × insured "
        "200,000 ÷ declared 300,000 = 80,000; claimed 150,000; owed 80,000 fen",
        "recorded": True,
    }
    for headers in (as_("adjuster"), citizen.headers):  # the claimant sees why, too
        basis = client.get(f"/v1/claims/{claim['id']}", headers=headers).get_json()["basis"]
        assert basis.pop("rule_text").startswith("邮政法 art. 47")
        assert basis == expected

    # The shipment's values change afterwards: the recorded basis does not.
    with app.app_context():
        db.session.execute(
            sa.update(Shipment).values(declared_value_fen=250_000).where(Shipment.id == shipment)
        )
        db.session.commit()
    basis = client.get(f"/v1/claims/{claim['id']}", headers=as_("adjuster")).get_json()["basis"]
    assert basis["declared_value_fen"] == 300_000 and basis["owed_fen"] == 80_000


def test_a_fast_claim_and_a_claim_treated_as_lost_show_their_rule(
    client, as_, app, citizen, posted
):
    fast = posted(citizen)
    declare_lost(client, as_, fast)
    fast_claim = file_claim(client, citizen, fast, claimed_fen=200_000).get_json()
    assert fast_claim["basis"]["fast_claim"] is True
    assert fast_claim["basis"]["rule"] == "postal_law_art_47"
    assert fast_claim["basis"]["owed_fen"] == 200_000

    unfound = posted(citizen)
    claim = file_claim(client, citizen, unfound, claimed_fen=250_000).get_json()["id"]
    with app.app_context():
        clock.freeze(NOW + timedelta(days=30))
        assert claims.treat_unfound_as_lost() == 1
        db.session.commit()
    citizen.relogin(client)
    etag = review(client, as_, claim).headers["ETag"]
    basis = decide(client, as_, claim, etag).get_json()["basis"]
    assert (basis["rule"], basis["owed_fen"], basis["fast_claim"]) == (
        "postal_law_art_49",
        200_000,
        False,
    )


def test_a_claim_decided_before_the_basis_was_recorded_shows_it_worked_out(
    client, as_, app, citizen, posted
):
    claim = _approved(client, as_, citizen, posted, claimed=30_000)
    with app.app_context():
        db.session.execute(sa.update(Claim).values(basis=None).where(Claim.id == claim))
        db.session.commit()
    basis = client.get(f"/v1/claims/{claim}", headers=as_("adjuster")).get_json()["basis"]
    assert basis["recorded"] is False
    assert (basis["rule"], basis["postage_fen"], basis["owed_fen"]) == (
        "postal_law_art_47",
        100_000,
        30_000,
    )
    assert basis["arithmetic"].startswith("uninsured: min(actual loss 30,000, 3 × postage")
    listed = client.get("/v1/claims", headers=as_("adjuster")).get_json()["items"]
    assert [c["basis"]["recorded"] for c in listed] == [False]


def test_the_senders_fault_means_a_rejection(client, as_, citizen, posted):
    claim = file_claim(client, citizen, posted(citizen), claimed_fen=5_000).get_json()
    etag = review(client, as_, claim["id"]).headers["ETag"]
    body = decide(client, as_, claim["id"], etag, cause="sender_fault").get_json()
    assert body["status"] == "rejected" and body["approved_fen"] == 0
    # A rejected claim no longer blocks a new one of the same kind.
    assert file_claim(client, citizen, claim["shipment_id"], claimed_fen=5_000).status_code == 201


def test_uninsured_loss_is_capped_at_three_times_the_postage(client, as_, citizen, posted):
    shipment = posted(citizen, declared=0, insured=0, premium=0, fee=1_200)
    claim = file_claim(client, citizen, shipment, claimed_fen=9_000).get_json()
    etag = review(client, as_, claim["id"]).headers["ETag"]
    body = decide(client, as_, claim["id"], etag).get_json()
    assert body["status"] == "partially_approved" and body["approved_fen"] == 3_600


def test_delay_refunds_the_postage_without_the_premium(client, as_, app, citizen, posted):
    shipment = posted(citizen, fee=3_600, premium=2_000)
    assert_problem(
        file_claim(client, citizen, shipment, kind="delay", claimed_fen=3_600), 422, "not_delayed"
    )
    with app.app_context():
        db.session.execute(
            sa.update(Shipment).values(overdue_at=NOW).where(Shipment.id == shipment)
        )
        db.session.commit()
    claim = file_claim(client, citizen, shipment, kind="delay", claimed_fen=3_600).get_json()
    etag = review(client, as_, claim["id"]).headers["ETag"]
    body = decide(client, as_, claim["id"], etag).get_json()
    assert body["status"] == "partially_approved" and body["approved_fen"] == 1_600


# --- the state machine ------------------------------------------------------------------


def test_every_illegal_transition_is_refused_with_the_current_state(client, as_, citizen, posted):
    submitted = file_claim(client, citizen, posted(citizen), claimed_fen=1_000).get_json()["id"]
    etag = client.get(f"/v1/claims/{submitted}", headers=as_("adjuster")).headers["ETag"]
    refused = {
        "decide submitted": decide(client, as_, submitted, etag),
        "pay submitted": pay(client, as_, submitted, 1_000),
    }
    review(client, as_, submitted)
    refused["review under_review"] = client.post(
        f"/v1/claims/{submitted}/review", headers=as_("adjuster")
    )
    withdrawn = client.post(f"/v1/claims/{submitted}/withdraw", headers=citizen.headers)
    assert withdrawn.get_json()["status"] == "withdrawn"
    refused["withdraw withdrawn"] = client.post(
        f"/v1/claims/{submitted}/withdraw", headers=citizen.headers
    )
    refused["review withdrawn"] = client.post(
        f"/v1/claims/{submitted}/review", headers=as_("adjuster")
    )
    shipment = posted(citizen)
    declare_lost(client, as_, shipment)
    paid = file_claim(client, citizen, shipment, claimed_fen=1_000).get_json()["id"]
    refused["withdraw paid"] = client.post(f"/v1/claims/{paid}/withdraw", headers=citizen.headers)
    refused["review paid"] = client.post(f"/v1/claims/{paid}/review", headers=as_("adjuster"))
    refused["pay paid"] = pay(client, as_, paid, 1_000, key="pay-again")
    states = {
        name: assert_problem(response, 409, "invalid_claim_transition")["current_state"]
        for name, response in refused.items()
    }
    assert states == {
        "decide submitted": "submitted",
        "pay submitted": "submitted",
        "review under_review": "under_review",
        "withdraw withdrawn": "withdrawn",
        "review withdrawn": "withdrawn",
        "withdraw paid": "paid",
        "review paid": "paid",
        "pay paid": "paid",
    }


def test_decided_claims_cannot_be_decided_again(client, as_, citizen, posted):
    claim = file_claim(client, citizen, posted(citizen), claimed_fen=1_000).get_json()["id"]
    etag = review(client, as_, claim).headers["ETag"]
    etag = decide(client, as_, claim, etag, cause="recipient_fault").headers["ETag"]
    assert_problem(decide(client, as_, claim, etag), 409, "invalid_claim_transition")


def test_only_adjusters_review_and_only_claimants_withdraw(client, as_, citizen, posted):
    claim = file_claim(client, citizen, posted(citizen), claimed_fen=1_000).get_json()["id"]
    assert_problem(
        client.post(f"/v1/claims/{claim}/review", headers=citizen.headers), 403, "forbidden"
    )
    assert_problem(
        client.post(f"/v1/claims/{claim}/withdraw", headers=as_("adjuster")), 403, "forbidden"
    )
    assert_problem(
        client.post(f"/v1/claims/{claim}/review", headers=as_("dispatcher_a")), 403, "forbidden"
    )


# --- one open claim per shipment and kind -----------------------------------------------


def test_one_open_claim_per_shipment_and_kind(client, as_, citizen, posted):
    shipment = posted(citizen)
    first = file_claim(client, citizen, shipment, claimed_fen=1_000).get_json()
    again = file_claim(client, citizen, shipment, claimed_fen=2_000)
    assert assert_problem(again, 409, "claim_exists")["current_state"] == "submitted"
    assert (
        file_claim(client, citizen, shipment, kind="damage", claimed_fen=1_000).status_code == 422
    )
    client.post(f"/v1/claims/{first['id']}/withdraw", headers=citizen.headers)
    assert file_claim(client, citizen, shipment, claimed_fen=2_000).status_code == 201


@pytest.mark.postgres
def test_racing_claims_on_one_shipment_make_one(app, client, world, citizen, posted):
    shipment = posted(citizen)

    def attempt(n: int) -> int:
        return file_claim(
            app.test_client(), citizen, shipment, key=f"race-{n}", claimed_fen=1_000
        ).status_code

    assert sorted(race(6, attempt)) == [201] + [409] * 5


@pytest.mark.postgres
def test_racing_payouts_never_pay_more_than_remains(app, client, as_, world, citizen, posted):
    claim = _approved(client, as_, citizen, posted, claimed=30_000)
    assert pay(client, as_, claim, 10_000, key="first").status_code == 201
    headers = as_("adjuster")

    def attempt(n: int, amount: int) -> int:
        return (
            app.test_client()
            .post(
                f"/v1/claims/{claim}/payouts",
                json={"amount_fen": amount, "channel": "bank_transfer", "reference": f"B-{n}"},
                headers={**headers, "Idempotency-Key": f"pay-race-{amount}-{n}"},
            )
            .status_code
        )

    # Each alone fits the 20,000 that remain; any two together exceed it.
    assert sorted(race(2, lambda n: attempt(n, 15_000))) == [201, 422]
    # 5,000 remain: of three at 3,000 at once, one fits.
    assert sorted(race(3, lambda n: attempt(n, 3_000))) == [201, 422, 422]
    with app.app_context():
        from courier_api.insurance.models import Payout

        paid = db.session.scalars(sa.select(Payout.amount_fen).where(Payout.claim_id == claim))
        assert sorted(paid) == [3_000, 10_000, 15_000]
        assert db.session.get(Claim, claim).paid_fen == 28_000


# --- the 1-year window and the 30-day answer period -------------------------------------


def test_claims_are_accepted_for_one_year_after_posting(client, citizen, posted):
    shipment = posted(citizen)
    clock.freeze(NOW + timedelta(days=365))
    citizen.relogin(client)
    assert file_claim(client, citizen, shipment, claimed_fen=1_000).status_code == 201
    other = posted(citizen)  # posted now; the clock moves a year and a second on
    clock.freeze(NOW + timedelta(days=730, seconds=1))
    citizen.relogin(client)
    late = assert_problem(
        file_claim(client, citizen, other, claimed_fen=1_000), 422, "claim_window_closed"
    )
    assert late["window_ends_at"] == "2028-11-01T02:00:00Z"


def test_the_queue_shows_the_days_left_oldest_first(client, as_, citizen, posted):
    first = file_claim(client, citizen, posted(citizen), claimed_fen=1_000).get_json()["id"]
    clock.freeze(NOW + timedelta(days=2))
    citizen.relogin(client)
    second = file_claim(client, citizen, posted(citizen), claimed_fen=1_000).get_json()["id"]
    review(client, as_, second)
    clock.freeze(NOW + timedelta(days=29, hours=12))
    queue = client.get(
        "/v1/claims?status=submitted,under_review", headers=as_("adjuster")
    ).get_json()
    assert [(c["id"], c["days_left"]) for c in queue["items"]] == [(first, 1), (second, 3)]
    clock.freeze(NOW + timedelta(days=31))
    citizen.relogin(client)
    queue = client.get("/v1/claims?status=submitted", headers=as_("adjuster")).get_json()
    assert [(c["id"], c["days_left"]) for c in queue["items"]] == [(first, 0)]
    mine = client.get("/v1/claims", headers=citizen.headers).get_json()
    assert [c["id"] for c in mine["items"]] == [second, first]  # a claimant's: newest first
    assert_problem(
        client.get("/v1/claims?status=pending", headers=as_("adjuster")), 422, "validation_failed"
    )


def test_an_item_not_found_in_30_days_is_compensated_as_lost(client, as_, app, citizen, posted):
    fast = posted(citizen)
    slow = posted(citizen)
    fast_claim = file_claim(client, citizen, fast, claimed_fen=150_000).get_json()["id"]
    slow_claim = file_claim(client, citizen, slow, claimed_fen=250_000).get_json()[
        "id"
    ]  # > insured
    etag = review(client, as_, slow_claim).headers["ETag"]
    with app.app_context():
        clock.freeze(NOW + timedelta(days=30) - timedelta(seconds=1))
        assert claims.treat_unfound_as_lost() == 0  # still inside the period
        clock.freeze(NOW + timedelta(days=30))
        assert claims.treat_unfound_as_lost() == 2
        db.session.commit()
        assert {db.session.get(Shipment, s).state for s in (fast, slow)} == {"lost"}
    citizen.relogin(client)
    body = client.get(f"/v1/claims/{fast_claim}", headers=citizen.headers).get_json()
    assert body["treated_as_lost"] is True
    assert body["status"] == "paid" and body["approved_fen"] == 150_000  # the fast path
    # The claim changed under the adjuster (treated as lost): their old ETag is stale.
    assert_problem(decide(client, as_, slow_claim, etag), 412, "precondition_failed")
    etag = client.get(f"/v1/claims/{slow_claim}", headers=as_("adjuster")).headers["ETag"]
    decided = decide(client, as_, slow_claim, etag).get_json()
    assert decided["approved_fen"] == 200_000  # the insured amount, as lost


# --- scoping and evidence ---------------------------------------------------------------


def test_a_claimant_cannot_see_anothers_claim(client, as_, citizen, stranger, posted):
    claim = file_claim(client, citizen, posted(citizen), claimed_fen=1_000).get_json()["id"]
    assert_problem(
        client.get(f"/v1/claims/{claim}", headers=stranger.headers), 404, "claim_not_found"
    )
    assert_problem(
        client.post(f"/v1/claims/{claim}/withdraw", headers=stranger.headers),
        404,
        "claim_not_found",
    )
    assert client.get("/v1/claims", headers=stranger.headers).get_json()["items"] == []
    # Nor claim on a shipment they do not own.
    assert_problem(
        file_claim(client, stranger, posted(citizen), claimed_fen=1_000), 404, "shipment_not_found"
    )
    assert_problem(
        client.get(f"/v1/claims/{claim}", headers=as_("clerk_hospital")), 404, "claim_not_found"
    )


def test_an_organisation_claims_through_its_clerk(client, as_, app, world, posted):
    hospital = Owner(as_("clerk_hospital"), ("organisation", world.organisations["hospital"]))
    claim = file_claim(client, hospital, posted(hospital), claimed_fen=1_000)
    assert claim.status_code == 201, claim.get_json()
    staff = client.get(f"/v1/claims/{claim.get_json()['id']}", headers=as_("adjuster")).get_json()
    assert staff["claimant_kind"] == "organisation"
    assert staff["claimant_id"] == world.organisations["hospital"]
    etag = review(client, as_, staff["id"]).headers["ETag"]
    decide(client, as_, staff["id"], etag)
    # The organisation hears of the decision by webhook (the event names it), no citizen.
    [(citizen_id, organisations, payload)] = events(app, "claim.decided")
    assert (citizen_id, organisations) == (None, [world.organisations["hospital"]])
    assert payload["status"] == "approved"


def test_a_claim_needs_a_posted_item(client, citizen, posted):
    shipment = posted(citizen, state="awaiting_pickup")
    assert_problem(
        file_claim(client, citizen, shipment, claimed_fen=1_000), 409, "shipment_not_posted"
    )


def test_evidence_types_count_and_size_are_limited(
    client, as_, app, citizen, stranger, posted, evidence
):
    shipment = posted(citizen)
    missing = file_claim(client, citizen, shipment, kind="damage", claimed_fen=1_000)
    assert assert_problem(missing, 422, "validation_failed")["errors"][0]["code"] == "required"

    document = b'{"not": "a photo"}'
    json_blob = evidence(citizen, document)
    wrong = file_claim(
        client, citizen, shipment, kind="damage", claimed_fen=1_000, evidence=[json_blob]
    )
    assert assert_problem(wrong, 422, "validation_failed")["errors"][0] == {
        "field": "evidence.0",
        "code": "wrong_blob_type",
        "message": "Must be one of image/jpeg, image/png, application/pdf.",
    }
    theirs = evidence(stranger, b"\x89PNG\r\n\x1a\n" + b"someone else's" * 5)
    borrowed = file_claim(
        client, citizen, shipment, kind="damage", claimed_fen=1_000, evidence=[theirs]
    )
    assert assert_problem(borrowed, 422, "validation_failed")["errors"][0]["code"] == "blob_missing"

    too_many = file_claim(client, citizen, shipment, claimed_fen=1_000, evidence=["a" * 64] * 11)
    assert assert_problem(too_many, 422, "validation_failed")["errors"][0]["field"] == "evidence"

    app.config["BLOB_MAX_BYTES"], limit = 1_000, app.config["BLOB_MAX_BYTES"]
    try:
        big = b"%PDF-" + b"x" * 1_000
        response = client.put(
            f"/v1/blobs/{hashlib.sha256(big).hexdigest()}",
            data=big,
            headers={**citizen.headers, "Content-Type": "application/pdf"},
        )
        assert_problem(response, 413, "payload_too_large")
    finally:
        app.config["BLOB_MAX_BYTES"] = limit

    photo = evidence(citizen)
    claim = file_claim(
        client, citizen, shipment, kind="damage", claimed_fen=1_000, evidence=[photo]
    )
    assert claim.get_json()["evidence"] == [photo]
    # The adjuster reads the evidence through the claim; a stranger still cannot.
    assert client.get(f"/v1/blobs/{photo}", headers=as_("adjuster")).status_code == 200
    assert client.get(f"/v1/blobs/{photo}", headers=stranger.headers).status_code == 404


def test_a_claim_must_be_for_something(client, citizen, posted):
    response = file_claim(client, citizen, posted(citizen), claimed_fen=0)
    assert assert_problem(response, 422, "validation_failed")["errors"][0]["field"] == "claimed_fen"
    response = client.post(
        "/v1/claims",
        json={"shipment_id": "x", "kind": "loss", "claimed_fen": 1},
        headers=citizen.headers,
    )
    assert_problem(response, 400, "idempotency_key_missing")


# --- declaring a shipment lost ----------------------------------------------------------


def test_declare_lost_follows_the_shipment_state_machine(client, as_, citizen, posted):
    not_collected = posted(citizen, state="awaiting_pickup")
    refused = assert_problem(
        declare_lost(client, as_, not_collected), 409, "invalid_shipment_transition"
    )
    assert refused["current_state"] == "awaiting_pickup"
    shipment = posted(citizen)
    assert declare_lost(client, as_, shipment).status_code == 200
    assert_problem(declare_lost(client, as_, shipment), 409, "invalid_shipment_transition")
    assert_problem(
        client.post(
            f"/v1/shipments/{posted(citizen)}/declare-lost",
            json={"reason_code": "not_found"},
            headers=citizen.headers,
        ),
        403,
        "forbidden",
    )
    assert_problem(declare_lost(client, as_, "shp_nope"), 404, "shipment_not_found")
    bad = client.post(
        f"/v1/shipments/{shipment}/declare-lost", json={"reason_code": "x"}, headers=as_("adjuster")
    )
    assert_problem(bad, 422, "validation_failed")


# --- the report -------------------------------------------------------------------------


def test_the_claims_report_by_product_and_month(client, as_, citizen, posted):
    lost = posted(citizen)
    declare_lost(client, as_, lost)
    file_claim(client, citizen, lost, claimed_fen=100_000)  # fast, decided at once
    slow = file_claim(client, citizen, posted(citizen), claimed_fen=9_000).get_json()["id"]
    etag = review(client, as_, slow).headers["ETag"]
    clock.freeze(NOW + timedelta(hours=10))
    decide(client, as_, slow, etag)
    citizen.relogin(client)
    file_claim(client, citizen, posted(citizen), kind="loss", claimed_fen=500)  # still open
    report = client.get("/v1/reports/claims?from=2026-11-01&to=2026-11-30", headers=as_("adjuster"))
    assert report.status_code == 200, report.get_json()
    body = report.get_json()
    [row] = body["rows"]
    assert (row["month"], row["product"]) == ("2026-11", "express")
    assert row["by_status"] == {"paid": 1, "approved": 1, "submitted": 1}
    assert row["claims"] == 3 and row["decided"] == 2
    assert row["claimed_fen"] == 109_500 and row["approved_fen"] == 109_000
    assert row["paid_fen"] == 100_000
    assert row["median_hours_to_decision"] == 5.0  # 0 h (fast) and 10 h
    assert row["fast_claims"] == 1 and row["fast_share"] == 0.3333
    assert body["total"]["claims"] == 3 and body["from"] == "2026-11-01"
    empty = client.get("/v1/reports/claims?from=2026-10-01&to=2026-10-31", headers=as_("adjuster"))
    assert empty.get_json()["rows"] == [] and empty.get_json()["total"]["claims"] == 0
    assert_problem(
        client.get("/v1/reports/claims?from=2026-11-01&to=2026-11-30", headers=citizen.headers),
        403,
        "forbidden",
    )


def test_the_citizen_is_told_of_the_decision_and_the_payout(client, as_, app, citizen, posted):
    from courier_api.core.outbox import dispatch_pending
    from courier_api.notify.models import Notification

    shipment = posted(citizen)
    declare_lost(client, as_, shipment)
    file_claim(client, citizen, shipment, claimed_fen=12_345)
    with app.app_context():
        assert dispatch_pending() >= 2
        sent = db.session.scalars(sa.select(Notification).order_by(Notification.id)).all()
        assert [(n.template, n.citizen_id, n.wechat_data) for n in sent] == [
            ("claim_update", citizen.owner[1], {"thing1": "理赔已批准", "amount2": "123.45元"}),
            ("claim_update", citizen.owner[1], {"thing1": "理赔款已支付", "amount2": "123.45元"}),
        ]


def test_damage_seen_at_delivery_makes_a_fast_claim(
    client, as_, app, world, citizen, posted, evidence
):
    shipment = posted(citizen, declared=200_000, insured=200_000)
    waybill = waybill_of(app, shipment)
    assert station_in(client, as_("dispatcher_a"), world, [{"waybill": waybill}]).status_code == 200
    courier = as_("courier_a")
    loaded = client.post(
        "/v1/handovers",
        json={"kind": "load_for_delivery", "items": [{"waybill": waybill}]},
        headers=courier,
    ).get_json()
    [task_id] = loaded["delivery_task_ids"]
    delivered = client.post(
        f"/v1/courier/tasks/{task_id}/deliver",
        json={
            "receiver": {"name": "李四"},
            "signature": SIGNATURE,
            "condition": "damaged",
            "photo_sha256": upload(client, courier),
        },
        headers=courier,
    )
    assert delivered.status_code == 200, delivered.get_json()
    claim = file_claim(
        client, citizen, shipment, kind="damage", claimed_fen=50_000, evidence=[evidence(citizen)]
    ).get_json()
    assert claim["status"] == "paid" and claim["approved_fen"] == 50_000, claim
