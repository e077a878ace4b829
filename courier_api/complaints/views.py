"""Complaints (owners file them; customer service and admins answer) and their report."""

from __future__ import annotations

from typing import Any

from flask import Response
from flask.views import MethodView

from courier_api.complaints import reports, service
from courier_api.complaints.models import HANDLERS, Complaint
from courier_api.complaints.schemas import (
    AnswerSchema,
    ComplaintCreateSchema,
    ComplaintListArgs,
    ComplaintReportSchema,
    ComplaintSchema,
    StaffComplaintSchema,
)
from courier_api.core import clock
from courier_api.core.blueprint import LOCATION_HEADER_DOC, Blueprint
from courier_api.core.fields import DayRangeArgs
from courier_api.core.projections import Projections
from courier_api.core.security import principal, requires
from courier_api.core.transaction import transactional

blp = Blueprint(
    "complaints", __name__, url_prefix="/v1", description="Complaints, answered within 7 days."
)
reports_blp = Blueprint(
    "complaint_reports", __name__, url_prefix="/v1/reports", description="Complaints report."
)

COMPLAINANTS = ("citizen", "org_clerk")  # org_clerk brings its organisation's API clients
VIEWS = Projections(HANDLERS, StaffComplaintSchema(), ComplaintSchema())
_VIEW_DOC = "Customer service sees every field; a complainant's view has no internal ones."


@blp.route("/complaints")
class Complaints(MethodView):
    @requires(*COMPLAINANTS, *HANDLERS)
    @blp.pages(StaffComplaintSchema, filters=ComplaintListArgs, description=_VIEW_DOC)
    def get(self, filters: dict[str, Any], page: dict[str, Any]) -> Response:
        """Complaints: customer service's queue, oldest first (`?overdue=true`: those
        unanswered after 7 days), or a complainant's own, newest first."""
        stmt = service.list_complaints(caller=principal(), **filters)
        return VIEWS.page(stmt, Complaint.id, page)

    @requires(*COMPLAINANTS, idempotent=True)
    @blp.problems(404)
    @blp.arguments(ComplaintCreateSchema)
    @blp.response(201, StaffComplaintSchema, headers=LOCATION_HEADER_DOC, description=_VIEW_DOC)
    def post(self, body: dict[str, Any]) -> Response:
        """Complain about a shipment or a pickup you own (late, damaged, courier conduct,
        wrong delivery, other); it is answered within 7 days. Someone else's: 404."""
        shipment_ref = body.get("shipment_id")
        filing = service.Filing(
            category=body["category"],
            description=body["description"],
            shipment_ref=shipment_ref.strip() if shipment_ref else None,
            pickup_id=body.get("pickup_id"),
        )
        complaint = service.file_complaint(caller=principal(), filing=filing)
        return VIEWS.answer(
            complaint, status=201, headers={"Location": f"/v1/complaints/{complaint.id}"}
        )


@blp.get("/complaints/<complaint_id>")
@requires(*COMPLAINANTS, *HANDLERS)
@blp.one(StaffComplaintSchema, description=_VIEW_DOC)
def get_complaint(complaint_id: str) -> Response:
    """One complaint (404 unless it is yours or you handle complaints)."""
    return VIEWS.answer(service.get_complaint(caller=principal(), complaint_id=complaint_id))


@blp.post("/complaints/<complaint_id>/answer")
@requires(*HANDLERS)
@transactional
@blp.problems(404, 409)
@blp.arguments(AnswerSchema)
@blp.response(200, StaffComplaintSchema)
def answer_complaint(body: dict[str, Any], complaint_id: str) -> Response:
    """Answer an open complaint (once: 409 `complaint_already_answered` after); the
    complainant is told by WeChat subscribe message or webhook."""
    caller = principal()
    complaint = service.get_complaint(caller=caller, complaint_id=complaint_id, lock=True)
    return VIEWS.answer(service.answer(caller=caller, complaint=complaint, text=body["answer"]))


@reports_blp.get("/complaints")
@requires(*HANDLERS)
@reports_blp.arguments(DayRangeArgs, location="query")
@reports_blp.response(200, ComplaintReportSchema)
@reports_blp.named("getComplaintsReport")
def complaints_report(args: dict[str, Any]) -> dict[str, Any]:
    """Complaints received between two days (Asia/Shanghai, inclusive), by month and
    category: answered within 7 days, late, still open, overdue now."""
    return reports.report(first_day=args["from_"], last_day=args["to"], zone=clock.business_zone())
