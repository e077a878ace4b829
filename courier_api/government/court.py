"""Court jobs (法院专递). No Flask; never commits.

A court job turns each good row of a batch into a `court_document` shipment (its addressee
and the opposing party named on it) and reports every bad row with its number and reason;
bad rows never block good ones. The documents of a job are collected by one pickup task
at the court. How a document is served (the outcomes) is the delivery flow's, from the
catalogue; this module records what the court said and reads the results back.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from courier_api.core import clock
from courier_api.core.errors import not_found
from courier_api.core.ids import new_id
from courier_api.core.outbox import emit
from courier_api.core.scoping import get_scoped, scoped_select
from courier_api.core.security import Principal
from courier_api.delivery.models import DeliveryAttempt
from courier_api.extensions import db
from courier_api.government.models import CourtDocument, CourtJob
from courier_api.government.organisations import (
    Stations,
    collection_task,
    organisation_of,
    pickup_point,
)
from courier_api.network.models import Station
from courier_api.network.service import current_version, product_rules
from courier_api.shipments import pricing
from courier_api.shipments import service as shipments
from courier_api.shipments.models import Shipment
from courier_api.shipments.pricing import Parcel
from courier_api.shipments.service import Named, Party, ShipmentSpec

OUTCOMES = ("served", "served_by_lodging", "refused", "undeliverable")


@dataclass(frozen=True)
class DocumentRow:
    """One document to serve, to one addressee at one address."""

    name: str
    phone: str
    address: str
    lat: float
    lng: float
    case_number: str
    document_type: str
    addressee_role: str
    service_deadline: date
    mediation: bool = False
    cause: str | None = None
    addressee_kind: str = "person"
    opposing_party_name: str | None = None
    #: The court's own reference for the document (shown back, so it can tell them apart).
    reference: str | None = None


@dataclass(frozen=True)
class InvalidRow:
    """A row that is not a document: its first problem, reported as the row's verdict."""

    field: str | None
    message: str
    reference: str | None = None


@dataclass
class RowResult:
    row: int
    status: str
    document_id: str | None = None
    reference: str | None = None
    waybill: str | None = None
    code: str | None = None
    field: str | None = None
    message: str | None = None


def _rejected(row: int, code: str, message: str, field: str | None = None) -> RowResult:
    return RowResult(row, "rejected", code=code, field=field, message=message)


def _document_key(data: DocumentRow) -> tuple[str, str, str]:
    return (data.case_number, data.document_type, data.name)


def _in_service(court_id: str, keys: set[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
    """Which of these documents the court already has in service (no outcome yet)."""
    if not keys:
        return set()
    found = db.session.execute(
        sa.select(CourtDocument.case_number, CourtDocument.document_type, Shipment.recipient_name)
        .join(CourtJob, CourtJob.id == CourtDocument.job_id)
        .join(Shipment, Shipment.id == CourtDocument.shipment_id)
        .where(
            CourtJob.organisation_id == court_id,
            CourtDocument.case_number.in_(sorted({k[0] for k in keys})),
            Shipment.outcome.is_(None),
            Shipment.state.notin_(("cancelled", "lost")),
        )
    )
    return {tuple(row) for row in found} & keys


def _check_rows(
    rows: Sequence[DocumentRow | InvalidRow], court_id: str, stations: Stations, today: date
) -> tuple[list[RowResult | None], list[tuple[int, DocumentRow, Station]]]:
    """Every row checked on its own: the rejected ones, and the good ones to create."""
    results: list[RowResult | None] = [None] * len(rows)
    good: list[tuple[int, DocumentRow, Station]] = []
    seen: set[tuple[str, str, str]] = set()
    for index, data in enumerate(rows):
        number = index + 1
        if isinstance(data, InvalidRow):
            results[index] = _rejected(number, "invalid_row", data.message, data.field)
            continue
        station = stations.covering(data.lat, data.lng)
        key = _document_key(data)
        if data.service_deadline < today:
            results[index] = _rejected(
                number, "deadline_passed", "The service deadline has passed.", "service_deadline"
            )
        elif station is None:
            results[index] = _rejected(
                number, "outside_service_area", "No station serves this address.", "lat"
            )
        elif key in seen:
            results[index] = _rejected(
                number, "duplicate_row", "The same document for the same addressee is above."
            )
        else:
            seen.add(key)
            good.append((index, data, station))
    busy = _in_service(court_id, {_document_key(data) for _, data, _ in good})
    kept = []
    for index, data, station in good:
        if _document_key(data) in busy:
            results[index] = _rejected(
                index + 1,
                "already_in_service",
                "This document is already being served to this addressee.",
            )
        else:
            kept.append((index, data, station))
    return results, kept


def _deliver_by(deadline: date, zone: ZoneInfo) -> datetime:
    """The end of the deadline day, business time."""
    return datetime.combine(deadline + timedelta(days=1), time(0), zone).astimezone(UTC)


def _spec(
    court_id: str,
    from_court: Party,
    origin: str,
    data: DocumentRow,
    station: Station,
    *,
    price: pricing.Price,
    zone: ZoneInfo,
) -> ShipmentSpec:
    named = [Named("addressee", data.name)]
    if data.opposing_party_name:
        named.append(Named("opposing_party", data.opposing_party_name))
    return ShipmentSpec(
        product="court_document",
        sender=from_court,
        recipient=Party(data.name, data.phone, data.address, data.lat, data.lng),
        owners=[("organisation", court_id)],
        holder=("organisation", court_id),
        origin_station_id=origin,
        destination_station_id=station.id,
        **price.charged(),
        deliver_by=_deliver_by(data.service_deadline, zone),
        named=named,
        recipient_kind=data.addressee_kind,
        document_class="mediation" if data.mediation else "other",
        state="awaiting_pickup",
    )


def submit_court_job(
    *,
    caller: Principal,
    rows: Sequence[DocumentRow | InvalidRow],
    source: str,
    pickup_point_id: str | None,
    zone: ZoneInfo,
) -> tuple[CourtJob, list[RowResult]]:
    """A court's batch: a shipment per good row, collected by one pickup task; a verdict
    per row in the order sent."""
    court = organisation_of(caller, "court")
    point = pickup_point(court, pickup_point_id)
    today = clock.now().astimezone(zone).date()
    results, good = _check_rows(rows, court.id, Stations(), today)
    price = pricing.price(product_rules("court_document", current_version()), Parcel(weight_g=0))
    from_court = shipments.point_party(court, point)
    specs = [
        _spec(court.id, from_court, point.station_id, data, station, price=price, zone=zone)
        for _, data, station in good
    ]
    created = shipments.create_shipments(specs, actor=caller)
    job = CourtJob(
        id=new_id("cjb"),
        organisation_id=court.id,
        submitted_by=caller.id,
        source=source,
        rows_total=len(rows),
        pickup_task_id=collection_task(point, created),
    )
    db.session.add(job)
    documents = []
    for (index, data, _), shipment in zip(good, created, strict=True):
        document = CourtDocument(
            id=new_id("cdoc"),
            job_id=job.id,
            row=index + 1,
            shipment_id=shipment.id,
            case_number=data.case_number,
            cause=data.cause,
            document_type=data.document_type,
            mediation=data.mediation,
            addressee_name=data.name,
            addressee_kind=data.addressee_kind,
            addressee_role=data.addressee_role,
            opposing_party_name=data.opposing_party_name,
            service_deadline=data.service_deadline,
            reference=data.reference,
        )
        document.shipment = shipment
        documents.append(document)
        results[index] = RowResult(index + 1, "created", document.id, waybill=shipment.waybill)
    for result, data in zip(results, rows, strict=True):
        result.reference = data.reference  # every verdict names the court's reference
    db.session.add_all(documents)
    rejected = [r for r in results if r is not None and r.status == "rejected"]
    job.rejected = [asdict(r) for r in rejected]
    db.session.flush()
    emit(
        "court_job.submitted",
        subject_type="court_job",
        subject_id=job.id,
        payload={"court_job_id": job.id, "created": len(documents), "rejected": len(rejected)},
        organisation_ids=[court.id],
    )
    return job, [r for r in results if r is not None]


def list_jobs(*, caller: Principal) -> sa.Select:
    return scoped_select(CourtJob, caller)


def get_job(*, caller: Principal, job_id: str) -> CourtJob:
    return get_scoped(CourtJob, job_id, caller, what="court_job")


def progress(job: CourtJob) -> dict[str, int]:
    """How many of the job's documents reached each outcome, and how many are in service."""
    counts = Counter(
        db.session.scalars(
            sa.select(Shipment.outcome)
            .join(CourtDocument, CourtDocument.shipment_id == Shipment.id)
            .where(CourtDocument.job_id == job.id)
        )
    )
    return {"in_service": counts.pop(None, 0), **{o: counts.get(o, 0) for o in OUTCOMES}}


def get_document(*, caller: Principal, job_id: str, document_id: str) -> CourtDocument:
    """A document of a job the caller may see (another court's: 404)."""
    job = get_job(caller=caller, job_id=job_id)
    document = db.session.scalars(
        sa.select(CourtDocument).where(
            CourtDocument.id == document_id, CourtDocument.job_id == job.id
        )
    ).first()
    if document is None:
        raise not_found("court_document")
    return document


def attempts_of(shipment_ids: Sequence[str]) -> dict[str, list[DeliveryAttempt]]:
    """Every visit of each shipment (delivery attempts, then the return), in order."""
    found: dict[str, list[DeliveryAttempt]] = {s: [] for s in shipment_ids}
    rows = db.session.scalars(
        sa.select(DeliveryAttempt)
        .where(DeliveryAttempt.shipment_id.in_(list(shipment_ids)))
        .order_by(DeliveryAttempt.occurred_at, DeliveryAttempt.id)
        .options(selectinload(DeliveryAttempt.proof))
    )
    for attempt in rows:
        found[attempt.shipment_id].append(attempt)
    return found


def job_documents(job: CourtJob) -> list[CourtDocument]:
    return list(
        db.session.scalars(
            sa.select(CourtDocument)
            .where(CourtDocument.job_id == job.id)
            .order_by(CourtDocument.row)
        )
    )
