"""COD: hand-ins at stations, senders' remittances and totals, staff cash positions, and
the COD report."""

from __future__ import annotations

from typing import Any

from flask import Response
from flask.views import MethodView

from courier_api.cod import remittance, reports, service
from courier_api.cod.models import CashHandin, Remittance
from courier_api.cod.schemas import (
    CashPositionsSchema,
    CodReportSchema,
    HandinCreateSchema,
    HandinListArgs,
    HandinSchema,
    RemittanceSchema,
    SenderTotalsSchema,
)
from courier_api.core import clock
from courier_api.core.blueprint import LOCATION_HEADER_DOC, Blueprint, created
from courier_api.core.errors import not_found
from courier_api.core.fields import DayRangeArgs
from courier_api.core.pagination import paginate
from courier_api.core.scoping import get_scoped, scoped_select
from courier_api.core.security import principal, requires
from courier_api.core.transaction import transactional

blp = Blueprint("cod", __name__, url_prefix="/v1", description="Cash on delivery (代收货款).")
reports_blp = Blueprint(
    "cod_reports", __name__, url_prefix="/v1/reports", description="COD report."
)

STATION_STAFF = ("dispatcher", "admin")
SENDERS = ("citizen", "org_clerk", "api_client")


@blp.route("/stations/<station_id>/cash-handins")
class StationCashHandins(MethodView):
    @requires(*STATION_STAFF)
    @blp.problems(404)
    @blp.pages(HandinSchema, filters=HandinListArgs)
    def get(self, filters: dict[str, Any], page: dict[str, Any], station_id: str) -> dict:
        """The station's hand-ins, newest first; `?discrepancies_only=true`: the
        discrepancy list (shortages and surpluses, with their reasons)."""
        caller = principal()
        station = service.get_station(caller=caller, station_id=station_id)
        if filters["discrepancies_only"]:
            stmt = reports.discrepancies(caller=caller, station_id=station.id)
        else:
            stmt = scoped_select(CashHandin, caller, station_id=station.id)
        return paginate(stmt, CashHandin.id, page)

    @requires(*STATION_STAFF)
    @transactional
    @blp.problems(404, 409)
    @blp.arguments(HandinCreateSchema)
    @blp.response(201, HandinSchema, headers=LOCATION_HEADER_DOC)
    def post(self, body: dict[str, Any], station_id: str) -> tuple:
        """Record a courier's cash hand-in (交款): the amount counted against the COD
        parcels it covers. Every parcel must be in that courier's hand (422
        `not_this_couriers_cash` for another courier's; 409 `cod_not_in_hand` for one
        already handed in). A count that differs is posted as a shortage or surplus and
        needs a reason (422 `discrepancy_reason_required`)."""
        caller = principal()
        handin = service.hand_in(
            caller=caller,
            station=service.get_station(caller=caller, station_id=station_id),
            courier_id=body["courier_id"],
            shipment_ids=body["shipment_ids"],
            counted_fen=body["counted_fen"],
            reason=body["reason"],
        )
        return created(handin, f"/v1/stations/{station_id}/cash-handins/{handin.id}")


@blp.get("/stations/<station_id>/cash-handins/<handin_id>")
@requires(*STATION_STAFF)
@blp.one(HandinSchema)
def get_station_cash_handin(station_id: str, handin_id: str) -> CashHandin:
    """One hand-in at the station."""
    handin = get_scoped(CashHandin, handin_id, principal(), what="cash_handin")
    if handin.station_id != station_id:
        raise not_found("cash_handin")
    return handin


@blp.get("/cod/cash-positions")
@requires(*STATION_STAFF)
@blp.response(200, CashPositionsSchema)
@blp.named("getCodCashPositions")
def get_cash_positions() -> dict[str, Any]:
    """Cash in couriers' hands and in stations' safes, with its age (under 24 h, 24-48 h,
    over 48 h), at the caller's stations (admins: every station)."""
    return reports.cash_positions(principal())


@blp.get("/cod/totals")
@requires(*SENDERS)
@blp.response(200, SenderTotalsSchema)
def get_cod_totals() -> dict[str, int]:
    """Your COD as a sender: collected, still with couriers, handed in, remitted, and
    outstanding."""
    return reports.sender_totals(principal())


@blp.get("/cod/remittances")
@requires(*SENDERS, "admin")
@blp.pages(RemittanceSchema)
@blp.named("listCodRemittances")
def list_remittances(page: dict[str, Any]) -> dict[str, Any]:
    """Your remittances, newest first (admins: everyone's)."""
    return paginate(scoped_select(Remittance, principal()), Remittance.id, page)


@blp.get("/cod/remittances/<remittance_id>")
@requires(*SENDERS, "admin")
@blp.one(RemittanceSchema)
@blp.named("getCodRemittance")
def get_remittance(remittance_id: str) -> Remittance:
    """One remittance (404 unless it is yours)."""
    return get_scoped(Remittance, remittance_id, principal(), what="remittance")


@blp.get("/cod/remittances/<remittance_id>/statement.csv")
@requires(*SENDERS, "admin")
@blp.problems(404)
@blp.doc(
    responses={
        "200": {
            "description": "One line per parcel paid, then the totals: "
            + ",".join(remittance.STATEMENT_COLUMNS),
            # Text (UTF-8), not bytes: generated clients hand it over as a string.
            "content": {"text/csv": {"schema": {"type": "string"}}},
        }
    }
)
@blp.named("getCodRemittanceStatement")
def get_statement(remittance_id: str) -> Response:
    """The remittance's statement (CSV)."""
    paid = get_scoped(Remittance, remittance_id, principal(), what="remittance")
    response = Response(remittance.statement_csv(paid), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{paid.reference}.csv"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@reports_blp.get("/cod")
@requires("admin")
@reports_blp.arguments(DayRangeArgs, location="query")
@reports_blp.response(200, CodReportSchema)
@reports_blp.named("getCodReport")
def cod_report(args: dict[str, Any]) -> dict[str, Any]:
    """COD taken between two days (Asia/Shanghai, inclusive): time from delivery to
    remittance against the T+1 target, and hand-in discrepancies."""
    return reports.report(first_day=args["from_"], last_day=args["to"], zone=clock.business_zone())
