"""Court jobs and their proof-of-service receipts; traffic-archive transfers. Courts' and
offices' clerks and their API clients only; another organisation's objects answer 404."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

import marshmallow as ma
from flask import Response, request
from flask.views import MethodView

from courier_api.blobs.views import storage as blob_storage
from courier_api.core import clock
from courier_api.core.blueprint import LOCATION_HEADER_DOC, Blueprint, created, pdf_response
from courier_api.core.errors import Problem, flatten_messages
from courier_api.core.pagination import paginate
from courier_api.core.security import principal, requires
from courier_api.core.transaction import transactional
from courier_api.government import archives, court
from courier_api.government.archives import TransferRequest
from courier_api.government.models import CourtJob
from courier_api.government.schemas import (
    MAX_DOCUMENTS,
    ArchiveReceiptInSchema,
    ArchiveTransferDetailSchema,
    ArchiveTransferInSchema,
    ArchiveTransferSchema,
    CourtDocumentSchema,
    CourtJobCreatedSchema,
    CourtJobInSchema,
    CourtJobSchema,
    CourtJobSummarySchema,
    DocumentRowSchema,
    load_rows,
    rows_from_csv,
)

blp = Blueprint(
    "government",
    __name__,
    url_prefix="/v1",
    description="Court service of documents (法院专递) and traffic-archive transfers.",
)
ORGANISATIONS = ("org_clerk", "api_client")
_JOB_IN = CourtJobInSchema()
_CSV_COLUMNS = ", ".join(f.data_key or name for name, f in DocumentRowSchema().fields.items())
_JOB_BODY = {
    "required": True,
    "content": {
        "application/json": {"schema": CourtJobInSchema},
        "text/csv": {
            "schema": {
                "type": "string",
                "description": f"UTF-8, a header row, then one document a row: {_CSV_COLUMNS}. "
                "`?pickup_point_id=` chooses where the courier collects them.",
            }
        },
    },
}
_PDF = pdf_response("PDF")


def _zone() -> ZoneInfo:
    return clock.business_zone()


def _job_request() -> tuple[list[court.DocumentRow | court.InvalidRow], str, str | None]:
    """The batch's rows, its source, and the pickup point, from a JSON or a CSV body."""
    if request.mimetype == "text/csv":
        rows = rows_from_csv(request.get_data())
        if len(rows) > MAX_DOCUMENTS:
            raise Problem(422, "too_many_rows", f"A batch holds at most {MAX_DOCUMENTS} documents.")
        return load_rows(rows), "csv", request.args.get("pickup_point_id")
    if not request.is_json:
        raise Problem(415, "unsupported_media_type", "Send application/json or text/csv.")
    try:
        body = _JOB_IN.load(request.get_json())
    except ma.ValidationError as error:
        raise Problem(
            422,
            "validation_failed",
            "The request has invalid fields.",
            errors=flatten_messages(error.normalized_messages()),
        ) from None
    return load_rows(body["documents"]), "json", body.get("pickup_point_id")


class Extended:
    """An object read as itself plus what a view adds to its answer (computed values)."""

    def __init__(self, base: Any, **extra: Any) -> None:
        self._base = base
        self.__dict__.update(extra)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._base, name)


@blp.route("/court-jobs")
class CourtJobs(MethodView):
    @requires(*ORGANISATIONS)
    @blp.pages(CourtJobSummarySchema)
    def get(self, page: dict[str, Any]) -> dict[str, Any]:
        """The court's jobs, newest first."""
        return paginate(court.list_jobs(caller=principal()), CourtJob.id, page)

    @requires(*ORGANISATIONS, idempotent=True)
    @blp.problems(403, 409, 413, 415, 422)
    @blp.doc(requestBody=_JOB_BODY)
    @blp.response(201, CourtJobCreatedSchema, headers=LOCATION_HEADER_DOC)
    def post(self) -> tuple:
        """Submit up to 1,000 documents to serve (JSON, or a CSV upload).

        Each good row becomes a `court_document` shipment with its own waybill and its
        addressee as the named recipient; the answer has a verdict for every row
        (`created`, or `rejected` with its row number, code and reason): bad rows never
        block good ones. One pickup task collects the documents at the court."""
        rows, source, pickup_point_id = _job_request()
        job, results = court.submit_court_job(
            caller=principal(),
            rows=rows,
            source=source,
            pickup_point_id=pickup_point_id,
            zone=_zone(),
        )
        return created(Extended(job, rows=results), f"/v1/court-jobs/{job.id}")


@blp.get("/court-jobs/<job_id>")
@requires(*ORGANISATIONS)
@blp.one(CourtJobSchema)
def get_court_job(job_id: str) -> Extended:
    """A job: its progress by outcome, its rejected rows and its documents."""
    job = court.get_job(caller=principal(), job_id=job_id)
    return Extended(job, progress=court.progress(job), documents=court.job_documents(job))


@blp.get("/court-jobs/<job_id>/documents/<document_id>")
@requires(*ORGANISATIONS)
@blp.one(CourtDocumentSchema)
def get_court_document(job_id: str, document_id: str) -> Extended:
    """One document: its state, outcome and service date, and every attempt (masked)."""
    document = court.get_document(caller=principal(), job_id=job_id, document_id=document_id)
    return Extended(
        document, attempts=court.attempts_of([document.shipment_id])[document.shipment_id]
    )


def _pdf(data: bytes, name: str) -> Response:
    response = Response(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{name}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@blp.get("/court-jobs/<job_id>/documents/<document_id>/receipt.pdf")
@requires(*ORGANISATIONS)
@blp.problems(404)
@blp.doc(responses=_PDF)
@blp.named("getCourtDocumentReceipt")
def get_receipt(job_id: str, document_id: str) -> Response:
    """The document's proof-of-service receipt (送达回证), with the signer's full ID
    number: only the court that owns the job may read it."""
    caller = principal()
    job = court.get_job(caller=caller, job_id=job_id)
    document = court.get_document(caller=caller, job_id=job_id, document_id=document_id)
    return receipts_pdf(job, [document], f"{document.shipment.waybill}.pdf")


@blp.get("/court-jobs/<job_id>/receipts.pdf")
@requires(*ORGANISATIONS)
@blp.problems(404)
@blp.doc(responses=_PDF)
@blp.named("getCourtJobReceipts")
def get_job_receipts(job_id: str) -> Response:
    """Every document's receipt in one PDF, in row order."""
    job = court.get_job(caller=principal(), job_id=job_id)
    return receipts_pdf(job, court.job_documents(job), f"{job.id}.pdf")


def receipts_pdf(job, documents, filename: str) -> Response:
    """The receipts (送达回证) of `documents` as one PDF (the console serves the same)."""
    # reportlab is imported when a receipt is asked for, not in every worker at start-up.
    from courier_api.government import receipts

    found = receipts.gather(job, documents, storage=blob_storage())
    return _pdf(receipts.render(found, zone=_zone()), filename)


# --- archive transfers ------------------------------------------------------------------


@blp.post("/archive-transfers")
@requires(*ORGANISATIONS, idempotent=True)
@blp.problems(403, 409, 422)
@blp.arguments(ArchiveTransferInSchema)
@blp.response(201, ArchiveTransferSchema, headers=LOCATION_HEADER_DOC)
def create_archive_transfer(transfer: TransferRequest) -> tuple:
    """Send a sealed driver archive to another office or to the driver's address.

    The sending office gives the bag's seal number; every hand-over scan, the first
    included, and the delivery must match it: a mismatch stops the item, records an
    exception and tells both offices. Another office confirms receipt itself
    (`POST /v1/archive-transfers/{id}/confirm`); a driver receives it at the door with an
    ID check."""
    made = archives.create_archive_transfer(caller=principal(), request=transfer)
    return created(made, f"/v1/archive-transfers/{made.id}")


@blp.get("/archive-transfers/<transfer_id>")
@requires(*ORGANISATIONS)
@blp.one(ArchiveTransferDetailSchema)
def get_archive_transfer(transfer_id: str) -> Extended:
    """A transfer and its chain of custody, to either office."""
    transfer = archives.get_archive_transfer(caller=principal(), transfer_id=transfer_id)
    return Extended(transfer, custody=archives.custody_of(transfer))


@blp.post("/archive-transfers/<transfer_id>/confirm")
@requires(*ORGANISATIONS)
@transactional
@blp.problems(404, 409, 422)
@blp.arguments(ArchiveReceiptInSchema)
@blp.response(200, ArchiveTransferSchema)
def confirm_archive_receipt(body: dict[str, str], transfer_id: str) -> Any:
    """The receiving office confirms it received the sealed bag from the courier, with the
    seal number on the bag: the archive is delivered and the courier's task completed.

    Only the receiving office's own clerks and system may (anyone else: 404). A seal that
    is not the sender's answers 409 `seal_mismatch`, recorded as an exception and told to
    both offices; an archive not out for delivery answers 409 with its state."""
    return archives.confirm_receipt(
        caller=principal(), transfer_id=transfer_id, seal_no=body["seal_no"]
    )
