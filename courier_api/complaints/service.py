"""Filing, listing and answering complaints; the overdue flag. No Flask; never commits.

A complaint is about a shipment or a pickup order its complainant owns. Pickup orders
belong to a sibling product, so their model comes through a registry `wiring` fills
(`register_subject`), as blob readers do."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from courier_api.complaints.models import ANSWER_DAYS, Complaint
from courier_api.core import clock
from courier_api.core.errors import conflict
from courier_api.core.ids import new_id
from courier_api.core.outbox import emit, owner_audience
from courier_api.core.scoping import Scoped, get_scoped, scoped_select
from courier_api.core.security import Principal
from courier_api.extensions import db
from courier_api.shipments import service as shipments

_subjects: dict[str, type[Scoped]] = {}


def register_subject(kind: str, model: type[Scoped]) -> None:
    """A kind of object complaints may be about, loaded through its own scoping."""
    _subjects[kind] = model


@dataclass(frozen=True)
class Filing:
    """What the complainant says: about exactly one of a shipment (id or waybill) or a
    pickup order, a category and what happened."""

    category: str
    description: str
    shipment_ref: str | None = None
    pickup_id: str | None = None


# --- reading ----------------------------------------------------------------------------


def get_complaint(*, caller: Principal, complaint_id: str, lock: bool = False) -> Complaint:
    """The complaint if the caller filed it (or their organisation) or handles complaints."""
    return get_scoped(Complaint, complaint_id, caller, what="complaint", lock=lock)


def list_complaints(
    *, caller: Principal, status: str | None = None, overdue: bool | None = None
) -> sa.Select:
    """The caller's complaints; `overdue`: only those (not) past 7 days unanswered."""
    stmt = scoped_select(Complaint, caller, status=status)
    if overdue is not None:
        late = sa.and_(Complaint.status == "open", Complaint.answer_due_at <= clock.now())
        stmt = stmt.where(late if overdue else sa.not_(late))
    return stmt


def is_overdue(complaint: Complaint, now: datetime | None = None) -> bool:
    """Unanswered when its 7 days are up."""
    return complaint.status == "open" and (now or clock.now()) >= complaint.answer_due_at


def days_left(complaint: Complaint, now: datetime | None = None) -> int | None:
    """Whole days (rounded up) left to answer while open; 0 once due."""
    if complaint.status != "open":
        return None
    remaining = (complaint.answer_due_at - (now or clock.now())).total_seconds()
    return max(0, math.ceil(remaining / 86_400))


def answered_in_time(complaint: Complaint) -> bool | None:
    if complaint.answered_at is None:
        return None
    return complaint.answered_at < complaint.answer_due_at


# --- filing and answering ---------------------------------------------------------------


def file_complaint(*, caller: Principal, filing: Filing) -> Complaint:
    """File a complaint about a shipment or pickup the caller owns (anything else: 404)."""
    shipment_id = pickup_id = None
    if filing.shipment_ref is not None:
        shipment_id = shipments.get_shipment(caller=caller, ref=filing.shipment_ref).id
    else:
        pickup = get_scoped(_subjects["pickup"], filing.pickup_id, caller, what="pickup")
        pickup_id = pickup.id
    kind, complainant_id = caller.owner
    now = clock.now()
    complaint = Complaint(
        id=new_id("cpl"),
        shipment_id=shipment_id,
        pickup_id=pickup_id,
        category=filing.category,
        description=filing.description,
        status="open",
        complainant_kind=kind,
        complainant_id=complainant_id,
        filed_by=caller.id,
        submitted_at=now,
        answer_due_at=now + timedelta(days=ANSWER_DAYS),
    )
    db.session.add(complaint)
    db.session.flush()
    return complaint


def answer(*, caller: Principal, complaint: Complaint, text: str) -> Complaint:
    """Answer an open complaint once; the complainant is told through the outbox."""
    if complaint.status != "open":
        raise conflict(
            "complaint_already_answered",
            "The complaint has been answered.",
            current_state=complaint.status,
        )
    complaint.status = "answered"
    complaint.answered_at = clock.now()
    complaint.answered_by_id = caller.id
    complaint.answer = text
    db.session.flush()
    _tell_complainant(complaint)
    return complaint


def _tell_complainant(complaint: Complaint) -> None:
    """A citizen hears by WeChat (or SMS), an organisation by webhook."""
    emit(
        "complaint.answered",
        subject_type="complaint",
        subject_id=complaint.id,
        payload={
            "complaint_id": complaint.id,
            "shipment_id": complaint.shipment_id,
            "pickup_id": complaint.pickup_id,
            "category": complaint.category,
            "status": complaint.status,
            "answer": complaint.answer,
            "answered_at": clock.to_rfc3339(complaint.answered_at),
            "answered_in_time": answered_in_time(complaint),
        },
        **owner_audience(complaint.complainant_kind, complaint.complainant_id),
    )
