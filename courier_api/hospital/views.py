"""Hospital orders: deliveries from kiosks, WeChat and the pharmacy window; hand-over runs;
birth-certificate applications. Each hospital's clerks and API clients see only their
own hospital's; a citizen only their own."""

from __future__ import annotations

from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from flask import Response
from flask.views import MethodView

from courier_api.blobs.views import storage
from courier_api.core import clock
from courier_api.core.blueprint import LOCATION_HEADER_DOC, Blueprint, created, pdf_response
from courier_api.core.pagination import paginate
from courier_api.core.security import principal, requires
from courier_api.core.transaction import transactional
from courier_api.extensions import db
from courier_api.hospital import (
    birth_certificates,
    prescriptions,
    runs,
    signed_handovers,
    window_tokens,
)
from courier_api.hospital.birth_certificates import CertificateRequest
from courier_api.hospital.models import BirthCertificateApplication, HospitalDelivery, HospitalRun
from courier_api.hospital.prescriptions import DeliveryOrder
from courier_api.hospital.schemas import (
    ApplicationCreateSchema,
    ApplicationListArgs,
    ApplicationSchema,
    DeliveryCreateSchema,
    DeliveryListArgs,
    DeliverySchema,
    ReadySchema,
    RejectSchema,
    RunDetailSchema,
    RunListArgs,
    RunRequestSchema,
    RunSchema,
    SignSchema,
    WindowTokenRequestSchema,
    WindowTokenSchema,
)
from courier_api.hospital.slips import render_slip
from courier_api.network.models import Organisation
from courier_api.shipments.service import Party

blp = Blueprint(
    "hospital",
    __name__,
    url_prefix="/v1",
    description="Prescription deliveries, hand-over runs, birth certificates.",
)
#: Hospital staff: clerks and (by the rule's extension) the hospital's API clients.
HOSPITAL = "org_clerk"


def _zone() -> ZoneInfo:
    return clock.business_zone()


def _today() -> date:
    return clock.now().astimezone(_zone()).date()


def _with_run(order: Any) -> Any:
    """A delivery or application with the run that collects it (`run_at`)."""
    runs.attach_run_at([order], _zone())
    return order


def _page_with_runs(page: dict[str, Any]) -> dict[str, Any]:
    runs.attach_run_at(page["items"], _zone())
    return page


# --- deliveries -------------------------------------------------------------------------


@blp.route("/hospital/deliveries")
class Deliveries(MethodView):
    @requires(HOSPITAL, "citizen", "admin")
    @blp.pages(DeliverySchema, filters=DeliveryListArgs)
    @blp.named("listHospitalDeliveries")
    def get(self, filters: dict[str, Any], page: dict[str, Any]) -> dict[str, Any]:
        """Deliveries ordered on a day (today by default, Asia/Shanghai), by status; with
        `exceptions=true` only the overdue, failed and returning ones."""
        stmt = prescriptions.list_deliveries(
            caller=principal(),
            day=filters.get("date") or _today(),
            zone=_zone(),
            status=filters.get("status"),
            exceptions=filters["exceptions"],
        )
        return _page_with_runs(paginate(stmt, HospitalDelivery.id, page))

    @requires(HOSPITAL, "citizen", idempotent=True)
    @blp.problems(404, 409, 422)
    @blp.arguments(DeliveryCreateSchema)
    @blp.response(201, DeliverySchema, headers=LOCATION_HEADER_DOC)
    @blp.named("createHospitalDelivery")
    def post(self, order: DeliveryOrder) -> tuple:
        """Order a delivery: `kiosk` (the hospital's signed client, patient details given),
        `window` (a clerk's terminal with the patient's QR token) or `wechat` (the patient;
        waits for the hospital to confirm). Refused: a prohibited medicine, a cold-chain
        order that cannot arrive today, a number already ordered (409)."""
        made = prescriptions.create_delivery(caller=principal(), order=order, zone=_zone())
        return created(made, f"/v1/hospital/deliveries/{made.id}")


@blp.get("/hospital/deliveries/<delivery_id>")
@requires(HOSPITAL, "citizen", "admin")
@blp.one(DeliverySchema)
@blp.named("getHospitalDelivery")
def get_delivery(delivery_id: str) -> HospitalDelivery:
    """One delivery (another hospital's answers 404)."""
    return _with_run(prescriptions.get_delivery(caller=principal(), delivery_id=delivery_id))


@blp.get("/hospital/deliveries/<delivery_id>/slip.pdf")
@requires(HOSPITAL)
@blp.problems(404)
@blp.doc(responses=pdf_response("The A6 delivery slip (masked recipient, waybill barcode)"))
@blp.named("getHospitalDeliverySlip")
def get_slip(delivery_id: str) -> Response:
    """Print the delivery slip."""
    return slip_pdf(prescriptions.get_delivery(caller=principal(), delivery_id=delivery_id))


def slip_pdf(delivery: HospitalDelivery) -> Response:
    """The delivery's A6 slip as a PDF answer (the console prints the same)."""
    hospital = db.session.get(Organisation, delivery.organisation_id)
    response = Response(render_slip(delivery, hospital.name, _zone()), mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{delivery.shipment.waybill}.pdf"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@blp.post("/hospital/deliveries/<delivery_id>/confirm")
@requires(HOSPITAL)
@transactional
@blp.problems(404, 409, 422)
@blp.response(200, DeliverySchema)
@blp.named("confirmHospitalDelivery")
def confirm_delivery(delivery_id: str) -> HospitalDelivery:
    """Confirm a patient's WeChat order (e.g. after the pharmacist's review): it goes on
    the next hand-over run."""
    return _with_run(
        prescriptions.confirm(caller=principal(), delivery_id=delivery_id, zone=_zone())
    )


@blp.post("/citizen/window-token")
@requires("citizen")
@transactional
@blp.arguments(WindowTokenRequestSchema)
@blp.response(201, WindowTokenSchema)
@blp.named("createWindowToken")
def window_token(recipient: Party) -> dict[str, Any]:
    """A single-use code (5 minutes) for the pharmacy window: the clerk scans it and the
    delivery is made for you, to this address, without retyping it. The token is shown
    only here and is not read back (no Location)."""
    token, expires_at = window_tokens.issue_window_token(caller=principal(), recipient=recipient)
    return {"token": token, "expires_at": expires_at}


# --- runs -------------------------------------------------------------------------------


def run_answer(run: HospitalRun, counts: dict[str, int], **extra: Any) -> dict[str, Any]:
    """A run as RunSchema dumps it (the console shows the same)."""
    return {
        "id": run.id,
        "organisation_id": run.organisation_id,
        "pickup_point": run.pickup_point,
        "scheduled_at": run.scheduled_at,
        "task": run.task,
        "counts": counts,
        "courier_signed_at": run.courier_signed_at,
        "courier_signature_sha256": run.courier_signature_sha256,
        "clerk_signed_at": run.clerk_signed_at,
        "clerk_signature_sha256": run.clerk_signature_sha256,
        "extra": run.requested_by is not None,
        **extra,
    }


@blp.route("/hospital/runs")
class Runs(MethodView):
    @requires(HOSPITAL, "courier", "dispatcher", "admin")
    @blp.pages(RunSchema, filters=RunListArgs)
    @blp.named("listHospitalRuns")
    def get(self, filters: dict[str, Any], page: dict[str, Any]) -> dict[str, Any]:
        """A day's hand-over runs (today by default), with expected, scanned, missing and
        extra counts."""
        stmt = runs.list_runs(
            caller=principal(),
            day=filters.get("date") or _today(),
            zone=_zone(),
            pickup_point_id=filters.get("pickup_point_id"),
        )
        found = paginate(stmt, HospitalRun.id, page)
        counts = runs.counts(found["items"])
        found["items"] = [run_answer(r, counts[r.id]) for r in found["items"]]
        return found

    @requires(HOSPITAL, "dispatcher", "admin", idempotent=True)
    @blp.problems(404, 422)
    @blp.arguments(RunRequestSchema)
    @blp.response(201, RunSchema, headers=LOCATION_HEADER_DOC)
    @blp.named("createHospitalRun")
    def post(self, body: dict[str, Any]) -> tuple:
        """Ask for an extra run now (a clerk of the point's hospital, a dispatcher of its
        station) instead of waiting for the next scheduled one: one pickup task over
        everything ready at the point, offered by dispatch like any pickup. Nothing
        waiting is 422 `nothing_to_collect`; another hospital's point is 404."""
        run = runs.request_run(caller=principal(), pickup_point_id=body["pickup_point_id"])
        return created(run_answer(run, runs.counts([run])[run.id]), f"/v1/hospital/runs/{run.id}")


@blp.get("/hospital/runs/<run_id>")
@requires(HOSPITAL, "courier", "dispatcher", "admin")
@blp.one(RunDetailSchema)
@blp.named("getHospitalRun")
def get_run(run_id: str) -> dict[str, Any]:
    """The run's manifest: every item expected and whether it was scanned; missing and
    extra items flagged."""
    run = runs.get_run(caller=principal(), run_id=run_id)
    return run_answer(run, runs.counts([run])[run.id], items=runs.manifest(run))


@blp.post("/hospital/runs/<run_id>/sign")
@requires("courier", HOSPITAL)
@transactional
@blp.problems(404, 409, 422)
@blp.arguments(SignSchema)
@blp.response(200, RunSchema)
@blp.named("signHospitalRun")
def sign_run(body: dict[str, Any], run_id: str) -> dict[str, Any]:
    """The courier signs for what was handed over (after the collection scan); then the
    hospital's clerk countersigns, which records the signed hand-over in every item's
    custody chain."""
    run = signed_handovers.sign(
        caller=principal(), run_id=run_id, signature=body["signature"], storage=storage()
    )
    return run_answer(run, runs.counts([run])[run.id])


# --- birth certificates -----------------------------------------------------------------


@blp.route("/birth-certificates")
class Applications(MethodView):
    @requires("citizen", HOSPITAL, "admin")
    @blp.pages(ApplicationSchema, filters=ApplicationListArgs)
    @blp.named("listBirthCertificateApplications")
    def get(self, filters: dict[str, Any], page: dict[str, Any]) -> dict[str, Any]:
        """A citizen's own applications; a hospital's (the maternity ward's list)."""
        stmt = birth_certificates.list_applications(caller=principal(), **filters)
        return _page_with_runs(paginate(stmt, BirthCertificateApplication.id, page))

    @requires("citizen", idempotent=True)
    @blp.problems(404, 422)
    @blp.arguments(ApplicationCreateSchema)
    @blp.response(201, ApplicationSchema, headers=LOCATION_HEADER_DOC)
    @blp.named("createBirthCertificateApplication")
    def post(self, application: CertificateRequest) -> tuple:
        """The mother applies for delivery of the birth medical certificate; only she or
        the father named here may receive it (ID check and signature)."""
        made = birth_certificates.apply_for_certificate(
            caller=principal(), application=application, zone=_zone()
        )
        return created(_with_run(made), f"/v1/birth-certificates/{made.id}")


@blp.get("/birth-certificates/<application_id>")
@requires("citizen", HOSPITAL, "admin")
@blp.one(ApplicationSchema)
@blp.named("getBirthCertificateApplication")
def get_application(application_id: str) -> BirthCertificateApplication:
    """One application (someone else's answers 404)."""
    return _with_run(
        birth_certificates.get_application(caller=principal(), application_id=application_id)
    )


@blp.post("/birth-certificates/<application_id>/ready")
@requires(HOSPITAL)
@transactional
@blp.problems(404, 409, 422)
@blp.arguments(ReadySchema)
@blp.response(200, ApplicationSchema)
@blp.named("markBirthCertificateReady")
def mark_ready(body: dict[str, Any], application_id: str) -> BirthCertificateApplication:
    """The certificate is ready at the ward: before 15:00 (Asia/Shanghai) it goes on
    today's run, later on the next day's; delivered the day after collection."""
    return _with_run(
        birth_certificates.mark_ready(
            caller=principal(),
            application_id=application_id,
            certificate_no=body["certificate_no"],
            zone=_zone(),
        )
    )


@blp.post("/birth-certificates/<application_id>/reject")
@requires(HOSPITAL)
@transactional
@blp.problems(404, 409, 422)
@blp.arguments(RejectSchema)
@blp.response(200, ApplicationSchema)
@blp.named("rejectBirthCertificateApplication")
def reject(body: dict[str, Any], application_id: str) -> BirthCertificateApplication:
    """Reject the application with a reason (the applicant is told)."""
    return _with_run(
        birth_certificates.reject(
            caller=principal(), application_id=application_id, reason=body["reason"]
        )
    )
