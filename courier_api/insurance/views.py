"""Claims (owners file and withdraw; adjusters review, decide and pay) and the claims
report. Declaring a shipment lost is the shipments domain's."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Response
from flask.views import MethodView

from courier_api.core import clock
from courier_api.core.blueprint import LOCATION_HEADER_DOC, Blueprint
from courier_api.core.etag import ETAG_HEADER_DOC, check_if_match, if_match_required
from courier_api.core.fields import DayRangeArgs
from courier_api.core.projections import Projections
from courier_api.core.security import Principal, principal, requires
from courier_api.core.transaction import transactional
from courier_api.insurance import claims, decisions, reports
from courier_api.insurance.models import Claim
from courier_api.insurance.schemas import (
    ClaimCreateSchema,
    ClaimListArgs,
    ClaimReportSchema,
    ClaimSchema,
    CloseSchema,
    DecisionSchema,
    PayoutCreateSchema,
    StaffClaimSchema,
)

blp = Blueprint("claims", __name__, url_prefix="/v1", description="Insurance claims and payouts.")
reports_blp = Blueprint(
    "claim_reports", __name__, url_prefix="/v1/reports", description="Claims report."
)

ADJUSTERS = ("claims_adjuster", "admin")
CLAIMANTS = ("citizen", "org_clerk")  # org_clerk brings its organisation's API clients
VIEWS = Projections(ADJUSTERS, StaffClaimSchema(), ClaimSchema())
_CREATED_DOC = {**ETAG_HEADER_DOC, **LOCATION_HEADER_DOC}
_VIEW_DOC = "Adjusters see every field; a claimant's view has no internal fields."


def _answer(claim: Claim, status: int = 200) -> Response:
    """The claim as this caller may see it, with its ETag (decisions need If-Match)."""
    headers = {"ETag": claim.etag}
    if status == 201:
        headers["Location"] = f"/v1/claims/{claim.id}"
    return VIEWS.answer(claim, status=status, headers=headers)


def _transition(claim_id: str, move: Callable[..., Claim]) -> Response:
    """A state move with no body: load the claim locked (404 outside scope), move it."""
    caller = principal()
    claim = claims.get_claim(caller=caller, claim_id=claim_id, lock=True)
    return _answer(move(caller=caller, claim=claim))


def _as_seen(claim_id: str) -> tuple[Principal, Claim]:
    """The claim locked for an adjuster's edit, if it is still as they saw it (If-Match)."""
    caller = principal()
    claim = claims.get_claim(caller=caller, claim_id=claim_id, lock=True)
    check_if_match(claim)
    return caller, claim


@blp.route("/claims")
class Claims(MethodView):
    @requires(*CLAIMANTS, *ADJUSTERS)
    @blp.pages(StaffClaimSchema, filters=ClaimListArgs, description=_VIEW_DOC)
    def get(self, filters: dict[str, Any], page: dict[str, Any]) -> Response:
        """Claims: the adjusters' queue (`?status=submitted,under_review`, oldest first,
        with the days left to answer), or a claimant's own claims, newest first."""
        stmt = claims.list_claims(caller=principal(), statuses=filters["status"])
        return VIEWS.page(stmt, Claim.id, page)

    @requires(*CLAIMANTS, idempotent=True)
    @blp.problems(404, 409)
    @blp.arguments(ClaimCreateSchema)
    @blp.response(201, StaffClaimSchema, headers=_CREATED_DOC, description=_VIEW_DOC)
    def post(self, body: dict[str, Any]) -> Response:
        """Claim on a shipment you own (loss, damage, missing contents, delay) within a year
        of posting. A fast claim (within the fast-claim limit and the insured amount, owed
        in full, borne out by the custody record) comes back approved and paid."""
        claim = claims.file_claim(
            caller=principal(),
            shipment_ref=body["shipment_id"].strip(),
            kind=body["kind"],
            claimed_fen=body["claimed_fen"],
            description=body["description"],
            evidence=body["evidence"],
        )
        return _answer(claim, 201)


@blp.get("/claims/<claim_id>")
@requires(*CLAIMANTS, *ADJUSTERS)
@blp.one(StaffClaimSchema, headers=ETAG_HEADER_DOC, description=_VIEW_DOC)
def get_claim(claim_id: str) -> Response:
    """One claim (404 unless it is yours or you are an adjuster), with its ETag."""
    return _answer(claims.get_claim(caller=principal(), claim_id=claim_id))


@blp.post("/claims/<claim_id>/review")
@requires(*ADJUSTERS)
@transactional
@blp.problems(404, 409)
@blp.response(200, StaffClaimSchema, headers=ETAG_HEADER_DOC)
def review_claim(claim_id: str) -> Response:
    """Take a submitted claim for review (409 with the current state otherwise)."""
    return _transition(claim_id, decisions.start_review)


@blp.post("/claims/<claim_id>/decide")
@requires(*ADJUSTERS)
@if_match_required
@transactional
@blp.problems(404, 409)
@blp.arguments(DecisionSchema)
@blp.response(200, StaffClaimSchema, headers=ETAG_HEADER_DOC)
def decide_claim(body: dict[str, Any], claim_id: str) -> Response:
    """Decide a claim under review with the facts found and a reason: the law's
    compensation of them makes it approved, partially approved or rejected."""
    caller, claim = _as_seen(claim_id)
    decided = decisions.decide(
        caller=caller,
        claim=claim,
        cause=body["cause"],
        reason=body["reason"],
        actual_loss_fen=body["actual_loss_fen"],
    )
    return _answer(decided)


@blp.post("/claims/<claim_id>/withdraw")
@requires(*CLAIMANTS)
@transactional
@blp.problems(404, 409)
@blp.response(200, ClaimSchema, headers=ETAG_HEADER_DOC)
def withdraw_claim(claim_id: str) -> Response:
    """Withdraw your claim while it is unanswered."""
    return _transition(claim_id, decisions.withdraw)


@blp.post("/claims/<claim_id>/payouts")
@requires(*ADJUSTERS, idempotent=True)
@blp.problems(404, 409)
@blp.arguments(PayoutCreateSchema)
@blp.response(201, StaffClaimSchema, headers=_CREATED_DOC)
def pay_claim(body: dict[str, Any], claim_id: str) -> Response:
    """Record a payout of an approved claim, with its channel and reference: at most what
    remains of the approved amount (422 `payout_over_remaining`). The claim stays open
    until all of it is paid (`paid`) or an adjuster closes it. The answer is the claim,
    with every payout."""
    caller = principal()
    claim = claims.get_claim(caller=caller, claim_id=claim_id, lock=True)
    decisions.pay(
        claim=claim,
        amount_fen=body["amount_fen"],
        by=("staff", caller.id),
        channel=body["channel"],
        reference=body["reference"].strip(),
    )
    return _answer(claim, 201)


@blp.post("/claims/<claim_id>/close")
@requires(*ADJUSTERS)
@if_match_required
@transactional
@blp.problems(404, 409)
@blp.arguments(CloseSchema)
@blp.response(200, StaffClaimSchema, headers=ETAG_HEADER_DOC)
def close_claim(body: dict[str, Any], claim_id: str) -> Response:
    """Close an approved claim before all of it is paid, with the reason (If-Match: the
    adjuster closes on the payouts they saw). What was paid stands; nothing more is."""
    caller, claim = _as_seen(claim_id)
    return _answer(decisions.close(caller=caller, claim=claim, reason=body["reason"].strip()))


@reports_blp.get("/claims")
@requires(*ADJUSTERS)
@reports_blp.arguments(DayRangeArgs, location="query")
@reports_blp.response(200, ClaimReportSchema)
@reports_blp.named("getClaimsReport")
def claims_report(args: dict[str, Any]) -> dict[str, Any]:
    """Claims submitted between two days (Asia/Shanghai, inclusive), by month and product:
    counts by status, amounts, the median time to a decision, the fast-claim share."""
    report = reports.report(
        first_day=args["from_"],
        last_day=args["to"],
        zone=clock.business_zone(),
    )
    report["from_"] = report.pop("from")
    return report
