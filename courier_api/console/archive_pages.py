"""The traffic-office clerk's screens: the archive transfers the office sent or receives,
with their seal (the number the sender recorded; a mismatch on the way is in the chain of
custody), sending one to another office, and confirming receipt of an incoming bag with
the seal number on it. The same services as /v1/archive-transfers; another office's
transfer is 404, as there."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import Response, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from courier_api.console import labels
from courier_api.console.forms import submit
from courier_api.console.pages import bp, caller, page
from courier_api.core.transaction import transactional
from courier_api.extensions import db
from courier_api.government import archives
from courier_api.government.archives import TransferRequest
from courier_api.government.models import ArchiveTransfer
from courier_api.government.schemas import (
    ArchiveReceiptInSchema,
    ArchiveTransferDetailSchema,
    ArchiveTransferInSchema,
    ArchiveTransferSchema,
)
from courier_api.government.views import Extended
from courier_api.network.models import Organisation

CLERKS = ("org_clerk",)
LIST_SHOWN = 200


@bp.get("/archive-transfers")
@page(*CLERKS)
def archive_transfers() -> str:
    return _transfers_page()


def _transfers_page(errors: list[dict[str, str]] | None = None) -> str:
    """The office's transfers, and the form to send one: to another office of the
    region, collected at one of the office's pickup points."""
    stmt = archives.list_archive_transfers(caller=caller()).order_by(
        ArchiveTransfer.created_at.desc()
    )
    office = db.session.get(Organisation, caller().org_id)
    others = db.session.scalars(
        sa.select(Organisation)
        .where(
            Organisation.kind == "traffic_police",
            Organisation.region_id == office.region_id,
            Organisation.id != office.id,
        )
        .order_by(Organisation.name)
    )
    return render_template(
        "console/archive_transfers.html",
        transfers=ArchiveTransferSchema(many=True).dump(db.session.scalars(stmt.limit(LIST_SHOWN))),
        office=office.id,
        offices=labels.options_of(others),
        points=labels.options_of(office.pickup_points),
        sends=office.kind == "traffic_police",
        errors=errors,
        form=request.form if errors else MultiDict(),
    )


@bp.post("/archive-transfers")
@page(*CLERKS)
@transactional
def send_archive_transfer() -> Response:
    """The API's transfer to another office (a driver's own address needs its map
    position, which the console cannot take yet): the same schema and service."""

    def send(transfer: TransferRequest) -> Response:
        made = archives.create_archive_transfer(caller=caller(), request=transfer)
        flash(_("Sent: a courier collects the sealed bag."))
        return redirect(url_for("console.archive_transfer", transfer_id=made.id))

    def again(errors: list[dict[str, str]]) -> str:
        db.session.rollback()
        return _transfers_page(errors)

    return submit(ArchiveTransferInSchema(), send, again)


def _transfer_page(transfer_id: str, errors: list[dict[str, str]] | None = None) -> Response:
    transfer = archives.get_archive_transfer(caller=caller(), transfer_id=transfer_id)
    answer = Extended(transfer, custody=archives.custody_of(transfer))
    body = render_template(
        "console/archive_transfer.html",
        transfer=ArchiveTransferDetailSchema().dump(answer),
        office=caller().org_id,
        errors=errors,
        form=request.form if errors else MultiDict(),
    )
    return make_response(body)


@bp.get("/archive-transfers/<transfer_id>")
@page(*CLERKS)
def archive_transfer(transfer_id: str) -> Response:
    return _transfer_page(transfer_id)


@bp.post("/archive-transfers/<transfer_id>/confirm")
@page(*CLERKS)
@transactional
def confirm_archive_receipt(transfer_id: str) -> Response:
    """The seal on the bag as received; the service checks it against the sender's (a
    mismatch is recorded and told to both offices, and shown here)."""

    def confirm(body: dict[str, Any]) -> Response:
        archives.confirm_receipt(caller=caller(), transfer_id=transfer_id, seal_no=body["seal_no"])
        flash(_("Receipt confirmed: the archive is delivered."))
        return redirect(url_for("console.archive_transfer", transfer_id=transfer_id))

    def again(errors: list[dict[str, str]]) -> Response:
        db.session.rollback()  # a seal mismatch is already kept (forms.submit)
        return _transfer_page(transfer_id, errors)

    return submit(ArchiveReceiptInSchema(), confirm, again)
