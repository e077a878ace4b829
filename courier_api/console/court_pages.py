"""The court clerk's screens: the court's jobs, uploading a CSV batch (collected at the
pickup point chosen), one job with each document's progress and outcome, and
downloading one receipt (送达回证) or all of a job's. The same services as
/v1/court-jobs; another court's job is 404, as there."""

from __future__ import annotations

from flask import Response, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from courier_api.console import labels
from courier_api.console.pages import bp, caller, page
from courier_api.core import clock
from courier_api.core.errors import Problem
from courier_api.core.transaction import transactional
from courier_api.extensions import db
from courier_api.government import court
from courier_api.government.models import CourtJob
from courier_api.government.schemas import (
    MAX_DOCUMENTS,
    CourtJobSchema,
    CourtJobSummarySchema,
    DocumentRowSchema,
    load_rows,
    rows_from_csv,
)
from courier_api.government.views import Extended, receipts_pdf
from courier_api.network.models import Organisation

CLERKS = ("org_clerk",)
LIST_SHOWN = 200
#: The CSV's header row, as the API documents it.
CSV_COLUMNS = [field.data_key or name for name, field in DocumentRowSchema().fields.items()]


def _jobs_page(errors: list[dict[str, str]] | None = None, status: int = 200) -> Response:
    stmt = court.list_jobs(caller=caller()).order_by(CourtJob.created_at.desc())
    court_office = db.session.get(Organisation, caller().org_id)
    body = render_template(
        "console/court_jobs.html",
        jobs=CourtJobSummarySchema(many=True).dump(db.session.scalars(stmt.limit(LIST_SHOWN))),
        columns=CSV_COLUMNS,
        points=labels.options_of(court_office.pickup_points) if court_office else [],
        errors=errors,
        form=request.form if errors else MultiDict(),
    )
    return make_response(body, status)


@bp.get("/court-jobs")
@page(*CLERKS)
def court_jobs() -> Response:
    return _jobs_page()


@bp.post("/court-jobs")
@page(*CLERKS)
@transactional
def upload_court_batch() -> Response:
    """A CSV batch, as `POST /v1/court-jobs` with text/csv: every row gets its verdict; a
    bad row never blocks the good ones. The same batch sent again serves nothing twice.
    Collected at the point chosen (the court's first when none; not the court's: 422)."""
    upload = request.files.get("batch")
    try:
        rows = rows_from_csv(upload.read() if upload else b"")
        if len(rows) > MAX_DOCUMENTS:
            raise Problem(422, "too_many_rows", f"A batch holds at most {MAX_DOCUMENTS} documents.")
        job, results = court.submit_court_job(
            caller=caller(),
            rows=load_rows(rows),
            source="csv",
            pickup_point_id=request.form.get("pickup_point_id") or None,
            zone=clock.business_zone(),
        )
    except Problem as refused:
        if refused.status == 404:
            raise
        db.session.rollback()
        errors = refused.errors or [{"field": "", "message": refused.detail or refused.code}]
        return _jobs_page(errors, refused.status)
    rejected = sum(1 for result in results if result.status == "rejected")
    flash(
        _(
            "%(created)s documents to serve, %(rejected)s rows rejected.",
            created=len(results) - rejected,
            rejected=rejected,
        )
    )
    return redirect(url_for("console.court_job", job_id=job.id))


@bp.get("/court-jobs/<job_id>")
@page(*CLERKS)
def court_job(job_id: str) -> str:
    job = court.get_job(caller=caller(), job_id=job_id)
    answer = Extended(job, progress=court.progress(job), documents=court.job_documents(job))
    return render_template("console/court_job.html", job=CourtJobSchema().dump(answer))


@bp.get("/court-jobs/<job_id>/receipts.pdf")
@page(*CLERKS)
def court_job_receipts(job_id: str) -> Response:
    job = court.get_job(caller=caller(), job_id=job_id)
    return receipts_pdf(job, court.job_documents(job), f"{job.id}.pdf")


@bp.get("/court-jobs/<job_id>/documents/<document_id>/receipt.pdf")
@page(*CLERKS)
def court_document_receipt(job_id: str, document_id: str) -> Response:
    me = caller()
    job = court.get_job(caller=me, job_id=job_id)
    document = court.get_document(caller=me, job_id=job_id, document_id=document_id)
    return receipts_pdf(job, [document], f"{document.shipment.waybill}.pdf")
