"""The hospital clerk's screens: a day's orders with the pharmacy window's scan, a day's
hand-over runs, one run's manifest (expected, scanned, missing, extra) with
countersigning, and the ward's birth-certificate applications to mark ready or reject.
The same services as /v1/hospital/deliveries, /v1/hospital/runs and
/v1/birth-certificates; another organisation's order, run or application is 404, as
there."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import marshmallow as ma
from flask import Response, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from courier_api.blobs.views import storage
from courier_api.console.forms import submit
from courier_api.console.pages import bp, caller, page
from courier_api.core import clock
from courier_api.core.transaction import transactional
from courier_api.extensions import db
from courier_api.hospital import birth_certificates, prescriptions, runs, signed_handovers
from courier_api.hospital.models import (
    APPLICATION_STATES,
    CHANNELS,
    BirthCertificateApplication,
    HospitalDelivery,
    HospitalRun,
)
from courier_api.hospital.prescriptions import DeliveryOrder
from courier_api.hospital.schemas import (
    ApplicationSchema,
    DeliveryCreateSchema,
    DeliverySchema,
    ReadySchema,
    RejectSchema,
    RunDetailSchema,
    RunSchema,
)
from courier_api.hospital.views import run_answer, slip_pdf

#: Hospital staff (the API's rule; its kiosks are API clients, not console users).
CLERKS = ("org_clerk",)
LIST_SHOWN = 200


def _day() -> date:
    """The day asked for (?date=YYYY-MM-DD), else today where the hospital is."""
    today = clock.now().astimezone(clock.business_zone()).date()
    try:
        return date.fromisoformat(request.args.get("date", ""))
    except ValueError:
        return today


@bp.get("/runs")
@page(*CLERKS)
def hospital_runs() -> str:
    day = _day()
    stmt = runs.list_runs(
        caller=caller(), day=day, zone=clock.business_zone(), pickup_point_id=None
    ).order_by(HospitalRun.scheduled_at)
    found = list(db.session.scalars(stmt.limit(LIST_SHOWN)))
    counts = runs.counts(found)
    return render_template(
        "console/runs.html",
        runs=RunSchema(many=True).dump([run_answer(r, counts[r.id]) for r in found]),
        day=day,
    )


def _run_page(
    run_id: str, errors: list[dict[str, str]] | None = None, status: int = 200
) -> Response:
    run = runs.get_run(caller=caller(), run_id=run_id)
    answer = run_answer(run, runs.counts([run])[run.id], items=runs.manifest(run))
    body = render_template("console/run.html", run=RunDetailSchema().dump(answer), errors=errors)
    return make_response(body, status)


@bp.get("/runs/<run_id>")
@page(*CLERKS)
def hospital_run(run_id: str) -> Response:
    return _run_page(run_id)


@bp.post("/runs/<run_id>/countersign")
@page(*CLERKS)
@transactional
def countersign_run(run_id: str) -> Response:
    """The clerk's signature, drawn on the page (signature.js), as the API's stroke JSON;
    the service checks it exactly as for the API (422 with the field otherwise)."""
    if not request.form.get("signature"):
        return _run_page(run_id, [{"field": "", "message": _("Sign in the box first.")}], 422)
    try:
        drawn: Any = json.loads(request.form["signature"])
    except ValueError:
        drawn = None  # the service answers what a signature must be

    def sign(_body: dict[str, Any]) -> Response:
        signed_handovers.sign(caller=caller(), run_id=run_id, signature=drawn, storage=storage())
        flash(_("Countersigned: the hand-over is recorded in every item's custody."))
        return redirect(url_for("console.hospital_run", run_id=run_id))

    def again(errors: list[dict[str, str]]) -> Response:
        db.session.rollback()
        return _run_page(run_id, errors)

    return submit(_NoFields(), sign, again)


class _NoFields(ma.Schema):
    """The signature is read from the page's drawing, not from a schema's field."""


# --- orders ---------------------------------------------------------------------------------


@bp.get("/hospital-orders")
@page(*CLERKS)
def hospital_orders() -> str:
    """A day's orders by channel (kiosk, WeChat, window); WeChat orders wait for the
    hospital to confirm them. The pharmacy window's scan is on the same page."""
    return _orders_page()


def _orders_page(errors: list[dict[str, str]] | None = None) -> str:
    day = _day()
    stmt = prescriptions.list_deliveries(
        caller=caller(), day=day, zone=clock.business_zone(), status=None, exceptions=False
    ).order_by(HospitalDelivery.created_at)
    found = list(db.session.scalars(stmt.limit(LIST_SHOWN)))
    runs.attach_run_at(found, clock.business_zone())
    orders = DeliverySchema(many=True).dump(found)
    by_channel = {channel: [o for o in orders if o["channel"] == channel] for channel in CHANNELS}
    return render_template(
        "console/hospital_orders.html",
        by_channel=by_channel,
        day=day,
        errors=errors,
        form=request.form if errors else MultiDict(),
        item_rows=WINDOW_ITEM_ROWS,
    )


#: Medicine lines on the window's form; blank lines are left out.
WINDOW_ITEM_ROWS = 5


@bp.post("/hospital-orders/window")
@page(*CLERKS)
@transactional
def window_order() -> Response:
    """The pharmacy window: the clerk scans the patient's code (it stands for their name
    and address) and types the prescription's medicines; the API's own order, so a code
    is spent once and a prohibited medicine is refused with the API's message."""

    def order(made: DeliveryOrder) -> Response:
        delivery = prescriptions.create_delivery(
            caller=caller(), order=made, zone=clock.business_zone()
        )
        flash(_("Handed over: waybill %(waybill)s.", waybill=delivery.shipment.waybill))
        return redirect(url_for("console.hospital_orders"))

    def again(errors: list[dict[str, str]]) -> str:
        db.session.rollback()
        return _orders_page(errors)

    return submit(DeliveryCreateSchema(), order, again)


@bp.post("/hospital-orders/<delivery_id>/confirm")
@page(*CLERKS)
@transactional
def confirm_hospital_order(delivery_id: str) -> Response:
    """Confirm a patient's WeChat order: it goes on the next hand-over run."""
    prescriptions.confirm(caller=caller(), delivery_id=delivery_id, zone=clock.business_zone())
    flash(_("Confirmed: it goes on the next hand-over run."))
    return redirect(url_for("console.hospital_orders", date=request.args.get("date")))


@bp.get("/hospital-orders/<delivery_id>/slip.pdf")
@page(*CLERKS)
def hospital_order_slip(delivery_id: str) -> Response:
    return slip_pdf(prescriptions.get_delivery(caller=caller(), delivery_id=delivery_id))


# --- birth certificates ---------------------------------------------------------------------


def _certificates_page(
    errors: list[dict[str, str]] | None = None, failed: str | None = None
) -> str:
    state = request.args.get("state")
    state = state if state in APPLICATION_STATES else "submitted"
    stmt = birth_certificates.list_applications(caller=caller(), state=state).order_by(
        BirthCertificateApplication.created_at
    )
    return render_template(
        "console/birth_certificates.html",
        applications=ApplicationSchema(many=True).dump(db.session.scalars(stmt.limit(LIST_SHOWN))),
        state=state,
        states=APPLICATION_STATES,
        errors=errors,
        failed=failed,
        form=request.form if errors else MultiDict(),
    )


def _decide(application_id: str, schema: ma.Schema, act: Any, done: str) -> Response:
    """Decide through the service; then the list of what it became, the decision shown."""

    def action(body: dict[str, Any]) -> Response:
        decided = act(caller=caller(), application_id=application_id, **body)
        flash(done)
        return redirect(url_for("console.birth_certificates_list", state=decided.state))

    def again(errors: list[dict[str, str]]) -> Response:
        db.session.rollback()
        return make_response(_certificates_page(errors, application_id))

    return submit(schema, action, again)


@bp.get("/birth-certificates")
@page(*CLERKS)
def birth_certificates_list() -> str:
    return _certificates_page()


@bp.post("/birth-certificates/<application_id>/ready")
@page(*CLERKS)
@transactional
def mark_certificate_ready(application_id: str) -> Response:
    def ready(**kwargs: Any) -> BirthCertificateApplication:
        return birth_certificates.mark_ready(zone=clock.business_zone(), **kwargs)

    return _decide(
        application_id,
        ReadySchema(),
        ready,
        _("Marked ready: it goes on the ward's next run, and the mother is told."),
    )


@bp.post("/birth-certificates/<application_id>/reject")
@page(*CLERKS)
@transactional
def reject_certificate(application_id: str) -> Response:
    return _decide(
        application_id,
        RejectSchema(),
        birth_certificates.reject,
        _("Rejected: the applicant is told why."),
    )
