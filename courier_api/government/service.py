"""Court jobs (法院专递) and traffic-archive transfers. No Flask; never commits.

A court job turns each good row of a batch into a `court_document` shipment (its addressee
and the opposing party named on it) and reports every bad row with its number and reason;
bad rows never block good ones. The documents of a job are collected by one pickup task
at the court. How a document is served (the outcomes) is the delivery flow's, from the
catalogue; this module records what the court said and reads the results back.

An archive transfer is one sealed `traffic_archive` shipment owned by both offices.
"""

from __future__ import annotations

import contextlib
import csv
import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import marshmallow as ma
import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from courier_api.core import clock
from courier_api.core.crypto import encrypt
from courier_api.core.errors import Problem, field_error, flatten_messages, not_found
from courier_api.core.idnumber import is_valid_id_number, mask_id_number, normalise
from courier_api.core.ids import new_id
from courier_api.core.outbox import emit
from courier_api.core.scoping import get_scoped, scoped_select
from courier_api.core.security import Principal
from courier_api.custody import service as custody
from courier_api.delivery.models import DeliveryAttempt
from courier_api.extensions import db
from courier_api.government.models import ArchiveTransfer, CourtDocument, CourtJob
from courier_api.government.schemas import DocumentRowSchema
from courier_api.network.models import Organisation, PickupPoint, Station
from courier_api.network.service import current_version, point_in_ring, product_rules
from courier_api.shipments import service as shipments
from courier_api.shipments.models import Shipment
from courier_api.shipments.service import ID_NUMBER_CONTEXT, Named, Party, ShipmentSpec
from courier_api.tasks import service as tasks

OUTCOMES = ("served", "served_by_lodging", "refused", "undeliverable")
#: How long the courier has to collect a batch at the court or an archive at the office.
COLLECTION_WINDOW = timedelta(hours=24)
_ROW_SCHEMA = DocumentRowSchema()


# --- callers and places --------------------------------------------------------------------


def _organisation_of(caller: Principal, kind: str) -> Organisation:
    """The caller's own organisation, which must be a `kind` (a court, an office)."""
    organisation = db.session.get(Organisation, caller.org_id) if caller.org_id else None
    if organisation is None or organisation.kind != kind:
        raise Problem(
            403,
            "wrong_organisation_kind",
            f"Only a {kind.replace('_', ' ')}'s clerks and API clients may do this.",
        )
    return organisation


def _pickup_point(organisation: Organisation, pickup_point_id: str | None) -> PickupPoint:
    points = organisation.pickup_points
    found = next((p for p in points if p.id == pickup_point_id), None) if pickup_point_id else None
    if pickup_point_id and found is None:
        raise field_error("pickup_point_id", "Not one of your pickup points.", "unknown")
    found = found or (points[0] if points else None)
    if found is None:
        raise Problem(
            409, "no_pickup_point", "The organisation has no pickup point to collect from."
        )
    return found


def _sender(organisation: Organisation, point: PickupPoint) -> Party:
    # Returns go back here; the organisation has no phone of its own on record.
    return Party(f"{organisation.name} {point.name}", "", point.address, point.lat, point.lng)


def _collection_task(point: PickupPoint, items: Sequence[Shipment]) -> str | None:
    if not items:
        return None
    now = clock.now()
    task = tasks.create_task(
        kind="pickup",
        station_id=point.station_id,
        place=tasks.Place(
            address=point.address, lat=point.lat, lng=point.lng, pickup_point_id=point.id
        ),
        window=(now, now + COLLECTION_WINDOW),
        shipments=items,
    )
    db.session.flush()  # the job row refers to the task (no relationship orders the two)
    return task.id


class _Stations:
    """Active stations loaded once, to find the one serving each address of a batch."""

    def __init__(self) -> None:
        self.all = list(db.session.scalars(sa.select(Station).where(Station.active.is_(True))))

    def covering(self, lat: float, lng: float) -> Station | None:
        return next(
            (
                s
                for s in self.all
                if s.min_lat <= lat <= s.max_lat
                and s.min_lng <= lng <= s.max_lng
                and point_in_ring(lat, lng, s.service_area)
            ),
            None,
        )


# --- court jobs -----------------------------------------------------------------------------


def rows_from_csv(data: bytes) -> list[dict[str, Any]]:
    """The rows of a CSV upload (UTF-8, a header row naming the columns as in the JSON
    rows); numbers arrive as text and are read as numbers where they are numbers."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Problem(400, "invalid_csv", "The CSV must be UTF-8.") from None
    rows = []
    for record in csv.DictReader(io.StringIO(text)):
        row: dict[str, Any] = {k.strip(): (v or "").strip() for k, v in record.items() if k}
        row = {k: v for k, v in row.items() if v != ""}
        for name in ("lat", "lng"):
            # Left as it is when not a number: the row's check says what is wrong.
            with contextlib.suppress(KeyError, ValueError):
                row[name] = float(row[name])
        rows.append(row)
    if not rows:
        raise Problem(400, "invalid_csv", "The CSV has a header but no rows.")
    return rows


@dataclass
class RowResult:
    row: int
    status: str
    document_id: str | None = None
    waybill: str | None = None
    code: str | None = None
    field: str | None = None
    message: str | None = None


def _rejected(row: int, code: str, message: str, field: str | None = None) -> RowResult:
    return RowResult(row, "rejected", code=code, field=field, message=message)


def _document_key(data: dict[str, Any]) -> tuple[str, str, str]:
    return (data["case_number"], data["document_type"], data["name"])


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
    rows: Sequence[Any], court_id: str, stations: _Stations, today: date
) -> tuple[list[RowResult | None], list[tuple[int, dict[str, Any], Station]]]:
    """Every row checked on its own: the rejected ones, and the good ones to create."""
    results: list[RowResult | None] = [None] * len(rows)
    good: list[tuple[int, dict[str, Any], Station]] = []
    seen: set[tuple[str, str, str]] = set()
    for index, raw in enumerate(rows):
        number = index + 1
        try:
            data = _ROW_SCHEMA.load(raw if isinstance(raw, dict) else {})
        except ma.ValidationError as error:
            first = flatten_messages(error.normalized_messages())[0]
            results[index] = _rejected(number, "invalid_row", first["message"], first["field"])
            continue
        station = stations.covering(data["lat"], data["lng"])
        key = _document_key(data)
        if data["service_deadline"] < today:
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


def submit_court_job(
    *,
    caller: Principal,
    rows: Sequence[Any],
    source: str,
    pickup_point_id: str | None,
    zone: ZoneInfo,
) -> tuple[CourtJob, list[RowResult]]:
    """A court's batch: a shipment per good row, collected by one pickup task; a verdict
    per row in the order sent."""
    court = _organisation_of(caller, "court")
    point = _pickup_point(court, pickup_point_id)
    today = clock.now().astimezone(zone).date()
    results, good = _check_rows(rows, court.id, _Stations(), today)
    fee = product_rules("court_document", current_version())["fees"]["flat_fen"]
    sender = _sender(court, point)
    specs = [
        ShipmentSpec(
            product="court_document",
            sender=sender,
            recipient=Party(data["name"], data["phone"], data["address"], data["lat"], data["lng"]),
            owners=[("organisation", court.id)],
            holder=("organisation", court.id),
            origin_station_id=point.station_id,
            destination_station_id=station.id,
            fee_fen=fee,
            deliver_by=_deliver_by(data["service_deadline"], zone),
            named=[Named("addressee", data["name"])]
            + (
                [Named("opposing_party", data["opposing_party_name"])]
                if data.get("opposing_party_name")
                else []
            ),
            recipient_kind=data["addressee_kind"],
            document_class="mediation" if data["mediation"] else "other",
            state="awaiting_pickup",
        )
        for _, data, station in good
    ]
    created = shipments.create_shipments(specs, actor=caller)
    job = CourtJob(
        id=new_id("cjb"),
        organisation_id=court.id,
        submitted_by=caller.id,
        source=source,
        rows_total=len(rows),
        pickup_task_id=_collection_task(point, created),
    )
    db.session.add(job)
    documents = []
    for (index, data, _), shipment in zip(good, created, strict=True):
        document = CourtDocument(
            id=new_id("cdoc"),
            job_id=job.id,
            row=index + 1,
            shipment_id=shipment.id,
            case_number=data["case_number"],
            document_type=data["document_type"],
            mediation=data["mediation"],
            addressee_name=data["name"],
            addressee_kind=data["addressee_kind"],
            addressee_role=data["addressee_role"],
            opposing_party_name=data.get("opposing_party_name"),
            service_deadline=data["service_deadline"],
        )
        document.shipment = shipment
        documents.append(document)
        results[index] = RowResult(index + 1, "created", document.id, shipment.waybill)
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


# --- archive transfers ------------------------------------------------------------------------


def create_archive_transfer(*, caller: Principal, body: dict[str, Any]) -> ArchiveTransfer:
    """One sealed archive from the caller's office to another office or to the driver."""
    office = _organisation_of(caller, "traffic_police")
    point = _pickup_point(office, body.get("pickup_point_id"))
    driver = body["driver"]
    if not is_valid_id_number(driver["id_number"]):
        raise field_error(
            "driver.id_number", "Not a valid ID number (GB 11643 check digit).", "invalid_id_number"
        )
    id_number = normalise(driver["id_number"])
    to = body["to"]
    receiving: Organisation | None = None
    if "office_id" in to:
        receiving = db.session.get(Organisation, to["office_id"])
        if receiving is None or receiving.kind != "traffic_police" or receiving.id == office.id:
            raise field_error("to.office_id", "Not another traffic-police office.", "unknown")
        receiving_point = _pickup_point(receiving, None)
        recipient = _sender(receiving, receiving_point)
        destination_station = receiving_point.station_id
        named: list[Named] = []
    else:
        address = to["driver_address"]
        recipient = Party(
            address["name"], address["phone"], address["address"], address["lat"], address["lng"]
        )
        station = _Stations().covering(address["lat"], address["lng"])
        if station is None:
            raise Problem(
                422,
                "outside_service_area",
                "No station serves the driver's address.",
                errors=[
                    {"field": "to.driver_address", "message": "Not served.", "code": "invalid"}
                ],
            )
        destination_station = station.id
        # Mailed home, only the driver may receive it, showing ID.
        named = [Named("driver", driver["name"], id_number)]
    owners = [("organisation", office.id)] + ([("organisation", receiving.id)] if receiving else [])
    [shipment] = shipments.create_shipments(
        [
            ShipmentSpec(
                product="traffic_archive",
                sender=_sender(office, point),
                recipient=recipient,
                owners=owners,
                holder=("organisation", office.id),
                origin_station_id=point.station_id,
                destination_station_id=destination_station,
                fee_fen=product_rules("traffic_archive", current_version())["fees"]["flat_fen"],
                named=named,
                state="awaiting_pickup",
            )
        ],
        actor=caller,
    )
    transfer = ArchiveTransfer(
        id=new_id("atr"),
        archive_no=body["archive_no"],
        driver_name=driver["name"],
        driver_id_hash=shipments.hash_id_number(id_number),
        driver_id_encrypted=encrypt(id_number, context=ID_NUMBER_CONTEXT),
        driver_id_masked=mask_id_number(id_number),
        from_organisation_id=office.id,
        destination="office" if receiving else "driver",
        to_organisation_id=receiving.id if receiving else None,
        shipment_id=shipment.id,
        submitted_by=caller.id,
        pickup_task_id=_collection_task(point, [shipment]),
    )
    transfer.shipment = shipment
    db.session.add(transfer)
    db.session.flush()
    shipments.tell_owners(shipment, "archive_transfer.created", archive_transfer_id=transfer.id)
    return transfer


def get_archive_transfer(*, caller: Principal, transfer_id: str) -> ArchiveTransfer:
    return get_scoped(ArchiveTransfer, transfer_id, caller, what="archive_transfer")


def custody_of(transfer: ArchiveTransfer) -> list:
    return custody.events_of(transfer.shipment_id)
