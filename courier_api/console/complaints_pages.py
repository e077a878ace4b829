"""Customer service's screens: complaints oldest first with the 7-day answer deadline (the
overdue ones flagged), and answering one. The same services as /v1/complaints."""

from __future__ import annotations

from typing import Any

from flask import Response, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from courier_api.complaints import service
from courier_api.complaints.models import HANDLERS, Complaint
from courier_api.complaints.schemas import AnswerSchema, StaffComplaintSchema
from courier_api.console.forms import submit
from courier_api.console.pages import bp, caller, page
from courier_api.core.transaction import transactional
from courier_api.extensions import db

#: The list's views: (status, overdue) filters of the service.
VIEWS: dict[str, dict[str, Any]] = {
    "open": {"status": "open"},
    "overdue": {"overdue": True},
    "answered": {"status": "answered"},
}
LIST_SHOWN = 200


@bp.get("/complaints")
@page(*HANDLERS)
def complaints_list() -> str:
    """Oldest first: the complaint nearest its 7 days is at the top."""
    view = request.args.get("view")
    view = view if view in VIEWS else "open"
    stmt = service.list_complaints(caller=caller(), **VIEWS[view]).order_by(
        Complaint.submitted_at, Complaint.id
    )
    return render_template(
        "console/complaints.html",
        complaints=StaffComplaintSchema(many=True).dump(db.session.scalars(stmt.limit(LIST_SHOWN))),
        view=view,
        views=VIEWS,
    )


def _complaint_page(complaint_id: str, errors: list[dict[str, str]] | None = None) -> Response:
    found = service.get_complaint(caller=caller(), complaint_id=complaint_id)
    body = render_template(
        "console/complaint.html",
        complaint=StaffComplaintSchema().dump(found),
        errors=errors,
        form=request.form if errors else MultiDict(),
    )
    return make_response(body)


@bp.get("/complaints/<complaint_id>")
@page(*HANDLERS)
def complaint(complaint_id: str) -> Response:
    return _complaint_page(complaint_id)


@bp.post("/complaints/<complaint_id>/answer")
@page(*HANDLERS)
@transactional
def answer_complaint(complaint_id: str) -> Response:
    """Answered once (the service refuses a second answer, shown on the page)."""
    me = caller()
    found = service.get_complaint(caller=me, complaint_id=complaint_id, lock=True)

    def answer(body: dict[str, Any]) -> Response:
        service.answer(caller=me, complaint=found, text=body["answer"])
        flash(_("Answered: the complainant is told."))
        return redirect(url_for("console.complaint", complaint_id=complaint_id))

    def again(errors: list[dict[str, str]]) -> Response:
        db.session.rollback()
        return _complaint_page(complaint_id, errors)

    return submit(AnswerSchema(), answer, again)
