"""The claims adjuster's screens: the queue, oldest first, with the 30-day answer deadline;
one claim with its shipment's custody timeline and the basis of its amount; taking it
for review, deciding, paying and closing. The same services as /v1/claims.

A form that changes a decided claim carries the version the adjuster saw (the API's
If-Match): if the claim changed meanwhile, nothing is written. For a payout this also
stands in for the API's Idempotency-Key: a second submit of the same form finds the
claim already changed by the first, and pays nothing more."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import marshmallow as ma
import sqlalchemy as sa
from flask import Response, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from courier_api.console.forms import submit
from courier_api.console.pages import bp, caller, page
from courier_api.core.transaction import transactional
from courier_api.custody import service as custody
from courier_api.extensions import db
from courier_api.insurance import claims, decisions
from courier_api.insurance.compensation import CAUSES
from courier_api.insurance.models import CLAIM_STATES, PAYABLE, STAFF_CHANNELS, UNANSWERED, Claim
from courier_api.insurance.schemas import (
    CloseSchema,
    DecisionSchema,
    PayoutCreateSchema,
    StaffClaimSchema,
)
from courier_api.network.models import Station
from courier_api.shipments import service as shipments
from courier_api.shipments.schemas import CustodyEventSchema

ADJUSTERS = ("claims_adjuster", "admin")
#: The queue's views: what waits for an answer, what waits for money, everything.
QUEUES = {"unanswered": UNANSWERED, "payable": PAYABLE, "all": CLAIM_STATES}
QUEUE_SHOWN = 200


@bp.app_template_filter("yuan")
def yuan(fen: int | None) -> str:
    """Integer fen as people read money: ¥1,234.50."""
    if fen is None:
        return ""
    return f"¥{fen / 100:,.2f}"


def _queue_counts() -> dict[str, int]:
    """How many claims each queue holds (the tabs' figures)."""
    rows = db.session.execute(
        claims.list_claims(caller=caller())
        .with_only_columns(Claim.status, sa.func.count())
        .group_by(Claim.status)
    )
    by_status = dict(rows.all())
    return {name: sum(by_status.get(s, 0) for s in statuses) for name, statuses in QUEUES.items()}


@bp.get("/claims")
@page(*ADJUSTERS)
def claims_queue() -> str:
    """Oldest first: the claim nearest its answer deadline is at the top."""
    queue = request.args.get("queue")
    queue = queue if queue in QUEUES else "unanswered"
    stmt = claims.list_claims(caller=caller(), statuses=QUEUES[queue]).order_by(
        Claim.submitted_at, Claim.id
    )
    return render_template(
        "console/claims.html",
        claims=StaffClaimSchema(many=True).dump(db.session.scalars(stmt.limit(QUEUE_SHOWN))),
        queue=queue,
        counts=_queue_counts(),
    )


def _claim_page(
    claim_id: str, errors: list[dict[str, str]] | None = None, status: int = 200
) -> Response:
    me = caller()
    claim = claims.get_claim(caller=me, claim_id=claim_id)
    shipment = shipments.get_shipment(caller=me, ref=claim.shipment_id)
    events = custody.events_of(shipment.id)
    at = {event.station_id for event in events if event.station_id}
    body = render_template(
        "console/claim.html",
        claim=StaffClaimSchema().dump(claim),
        version=claim.version,
        waybill=shipment.waybill,
        custody=CustodyEventSchema(many=True).dump(events),
        station_names=dict(
            db.session.execute(sa.select(Station.id, Station.name).where(Station.id.in_(at))).all()
        ),
        causes=CAUSES,
        channels=STAFF_CHANNELS,
        payable=PAYABLE,
        errors=errors,
        form=request.form if errors else MultiDict(),
    )
    return make_response(body, status)


@bp.get("/claims/<claim_id>")
@page(*ADJUSTERS)
def claim(claim_id: str) -> Response:
    return _claim_page(claim_id)


def _act_on_seen(
    claim_id: str, schema: ma.Schema, act: Callable[[Claim, dict[str, Any]], Any], done: str
) -> Response:
    """Load the claim locked (404 outside scope); if it is still the version the form
    was drawn from, run `act` with the form's input, else show it as it now stands."""
    found = claims.get_claim(caller=caller(), claim_id=claim_id, lock=True)
    if request.form.get("version") != str(found.version):
        db.session.rollback()
        stale = _("Someone else changed this claim first. Here is how it stands now.")
        return _claim_page(claim_id, [{"field": "", "message": stale}], 409)

    def action(body: dict[str, Any]) -> Response:
        act(found, body)
        flash(done)
        return redirect(url_for("console.claim", claim_id=claim_id))

    def again(errors: list[dict[str, str]]) -> Response:
        db.session.rollback()
        return _claim_page(claim_id, errors)

    return submit(schema, action, again)


class _NoFields(ma.Schema):
    """Taking a claim for review has nothing to fill in."""


@bp.post("/claims/<claim_id>/review")
@page(*ADJUSTERS)
@transactional
def review_claim(claim_id: str) -> Response:
    return _act_on_seen(
        claim_id,
        _NoFields(),
        lambda found, _body: decisions.start_review(caller=caller(), claim=found),
        _("Taken for review: the claim is yours to decide."),
    )


@bp.post("/claims/<claim_id>/decide")
@page(*ADJUSTERS)
@transactional
def decide_claim(claim_id: str) -> Response:
    def decide(found: Claim, body: dict[str, Any]) -> None:
        decisions.decide(
            caller=caller(),
            claim=found,
            cause=body["cause"],
            reason=body["reason"].strip(),
            actual_loss_fen=body["actual_loss_fen"],
        )

    return _act_on_seen(claim_id, DecisionSchema(), decide, _("Decided."))


@bp.post("/claims/<claim_id>/payouts")
@page(*ADJUSTERS)
@transactional
def pay_claim(claim_id: str) -> Response:
    def pay(found: Claim, body: dict[str, Any]) -> None:
        decisions.pay(
            claim=found,
            amount_fen=body["amount_fen"],
            by=("staff", caller().id),
            channel=body["channel"],
            reference=body["reference"].strip(),
        )

    return _act_on_seen(claim_id, PayoutCreateSchema(), pay, _("Payout recorded."))


@bp.post("/claims/<claim_id>/close")
@page(*ADJUSTERS)
@transactional
def close_claim(claim_id: str) -> Response:
    return _act_on_seen(
        claim_id,
        CloseSchema(),
        lambda found, body: decisions.close(
            caller=caller(), claim=found, reason=body["reason"].strip()
        ),
        _("Closed: nothing more will be paid."),
    )
