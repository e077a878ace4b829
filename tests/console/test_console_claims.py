"""The adjuster's claim screens over HTTP: forms carry the version the adjuster saw, so
a second submit or a stale form writes nothing; refusals show the form again; other
roles may not open them. The browser test (test_browser_claims.py) walks the happy path."""

from __future__ import annotations

from courier_api.extensions import db
from courier_api.insurance.models import Claim

PAYOUT = {"amount_fen": "40000", "channel": "bank_transfer", "reference": "ICBC-0001"}


def _version(app, claim_id: str) -> str:
    with app.app_context():
        return str(db.session.get(Claim, claim_id).version)


def _decided(client, token, app, claim_id: str) -> None:
    """Taken for review and decided through the console: 100,000 owed of 150,000."""
    for action, data in (
        ("review", {}),
        ("decide", {"cause": "carrier", "reason": "破损属实"}),
    ):
        form = {**data, "csrf_token": token, "version": _version(app, claim_id)}
        answer = client.post(f"/console/claims/{claim_id}/{action}", data=form)
        assert answer.status_code == 302, answer.get_data(as_text=True)


def _claim(client, as_, claim_id: str) -> dict:
    return client.get(f"/v1/claims/{claim_id}", headers=as_("adjuster")).get_json()


def test_a_payout_form_sent_twice_pays_once(console, app, as_, waiting_claims):
    _, claim_id = waiting_claims
    client, token = console("adjuster")
    _decided(client, token, app, claim_id)
    assert _claim(client, as_, claim_id)["approved_fen"] == 100_000

    form = {**PAYOUT, "csrf_token": token, "version": _version(app, claim_id)}
    assert client.post(f"/console/claims/{claim_id}/payouts", data=form).status_code == 302
    again = client.post(f"/console/claims/{claim_id}/payouts", data=form)
    assert again.status_code == 409
    assert "有人先修改了这项理赔" in again.get_data(as_text=True)
    claim = _claim(client, as_, claim_id)
    assert (claim["paid_fen"], len(claim["payouts"]), claim["status"]) == (
        40_000,
        1,
        "partially_approved",
    )


def test_a_stale_decision_form_writes_nothing(console, app, as_, waiting_claims):
    _, claim_id = waiting_claims
    client, token = console("adjuster")
    seen = _version(app, claim_id)
    review = {"csrf_token": token, "version": seen}
    assert client.post(f"/console/claims/{claim_id}/review", data=review).status_code == 302
    stale = {"cause": "carrier", "reason": "x", "csrf_token": token, "version": seen}
    assert client.post(f"/console/claims/{claim_id}/decide", data=stale).status_code == 409
    assert _claim(client, as_, claim_id)["status"] == "under_review"


def test_a_payout_over_what_remains_shows_the_form_again_and_pays_nothing(
    console, app, as_, waiting_claims
):
    _, claim_id = waiting_claims
    client, token = console("adjuster")
    _decided(client, token, app, claim_id)
    form = {
        **PAYOUT,
        "amount_fen": "100001",
        "csrf_token": token,
        "version": _version(app, claim_id),
    }
    answer = client.post(f"/console/claims/{claim_id}/payouts", data=form)
    assert answer.status_code == 422
    html = answer.get_data(as_text=True)
    assert "amount_fen" in html and 'value="ICBC-0001"' in html  # the input is kept
    assert _claim(client, as_, claim_id)["paid_fen"] == 0


def test_only_adjusters_and_admins_open_claims_and_an_unknown_claim_is_404(console, waiting_claims):
    _, claim_id = waiting_claims
    dispatcher, _ = console("dispatcher_a")
    assert dispatcher.get(f"/console/claims/{claim_id}").status_code == 403
    admin, _ = console("admin")
    assert admin.get(f"/console/claims/{claim_id}").status_code == 200
    assert admin.get("/console/claims/clm_nope").status_code == 404
