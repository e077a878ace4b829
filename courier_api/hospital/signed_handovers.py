"""The signed hand-over of a hospital run: after the courier's collection scan the courier
signs for what was handed over and the clerk countersigns; the signed hand-over goes into
every collected item's custody chain. The dispatcher's board shows runs whose items moved on
unsigned. No Flask; never commits.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from courier_api.blobs import service as blobs
from courier_api.blobs.storage import BlobStorage
from courier_api.core import clock
from courier_api.core.errors import conflict, not_found
from courier_api.core.outbox import emit
from courier_api.core.security import Principal
from courier_api.custody import service as custody
from courier_api.delivery.signature import parse as parse_signature
from courier_api.delivery.signature import render_png
from courier_api.extensions import db
from courier_api.hospital.models import HospitalRun
from courier_api.hospital.runs import get_run
from courier_api.shipments.models import Shipment, ShipmentOwner
from courier_api.tasks.models import Task, TaskItem
from courier_api.tasks.settlement import Collected

#: How far back the dispatcher's board looks for hand-overs left unsigned.
UNSIGNED_HORIZON = timedelta(hours=48)


def collected(task: Task, collection: Collected) -> None:
    """After the courier's collection scan of a run: the hospital hears of the run once, and
    each patient or parent whose item was collected is told (outbox)."""
    run = db.session.scalars(sa.select(HospitalRun).where(HospitalRun.task_id == task.id)).first()
    if run is None:
        return  # not a hospital run
    emit(
        "hospital_run.collected",
        subject_type="hospital_run",
        subject_id=run.id,
        payload={
            "run_id": run.id,
            "collected": list(collection.picked_up),
            "missing": list(collection.missing),
            "extra": list(collection.extra),
        },
        organisation_ids=[run.organisation_id],
    )
    citizens = db.session.execute(
        sa.select(Shipment.id, Shipment.waybill, ShipmentOwner.owner_id)
        .join(ShipmentOwner, ShipmentOwner.shipment_id == Shipment.id)
        .where(
            Shipment.waybill.in_(list(collection.picked_up)),
            ShipmentOwner.owner_kind == "citizen",
        )
    )
    for shipment_id, waybill, citizen_id in citizens:
        emit(
            "shipment.collected",
            subject_type="shipment",
            subject_id=shipment_id,
            payload={"shipment_id": shipment_id, "waybill": waybill, "run_id": run.id},
            citizen_id=citizen_id,
        )


def _keep_signature(
    document: Any, *, caller: Principal, run: HospitalRun, storage: BlobStorage
) -> str:
    signature = parse_signature(document)
    strokes = signature.canonical()
    blobs.store_many(
        [(strokes, "application/json"), (render_png(signature), "image/png")],
        caller=caller,
        storage=storage,
        subjects=[("hospital_run", run.id)] * 2,
    )
    return signature.sha256


def sign(*, caller: Principal, run_id: str, signature: Any, storage: BlobStorage) -> HospitalRun:
    """The courier signs for what was handed over (after the collection scan); then the
    hospital's clerk countersigns, and every collected item's custody chain records the
    signed hand-over."""
    run = get_run(caller=caller, run_id=run_id, lock=True)
    task = run.task
    now = clock.now()
    if caller.role == "courier":
        if task.courier_id != caller.id:
            raise not_found("run")
        if task.state != "completed":
            raise conflict(
                "run_not_collected",
                "Scan the items handed over (the run's pickup) before signing.",
                current_state=task.state,
            )
        if run.courier_signed_at is not None:
            raise conflict("run_already_signed", "You have signed for this run already.")
        run.courier_signature_sha256 = _keep_signature(
            signature, caller=caller, run=run, storage=storage
        )
        run.courier_signed_at = now
        return run
    if run.courier_signed_at is None:
        raise conflict(
            "run_not_signed_by_courier",
            "The courier signs for the items first; then the clerk countersigns.",
            current_state=task.state,
        )
    if run.clerk_signed_at is not None:
        raise conflict("run_already_countersigned", "This run has been countersigned already.")
    run.clerk_signature_sha256 = _keep_signature(signature, caller=caller, run=run, storage=storage)
    run.clerk_signed_at, run.clerk_id = now, caller.id
    _record_signed_handover(run, caller)
    emit(
        "hospital_run.signed",
        subject_type="hospital_run",
        subject_id=run.id,
        payload={"run_id": run.id, "signed_at": clock.to_rfc3339(now)},
        organisation_ids=[run.organisation_id],
    )
    return run


def _record_signed_handover(run: HospitalRun, caller: Principal) -> None:
    handed = db.session.scalars(
        sa.select(TaskItem.shipment_id).where(
            TaskItem.task_id == run.task_id,
            TaskItem.status == "scanned",
            TaskItem.shipment_id.is_not(None),
        )
    ).all()
    refs = {
        "run_id": run.id,
        "from": f"organisation:{run.organisation_id}",
        "to": f"courier:{run.task.courier_id}",
        "courier_signature_sha256": run.courier_signature_sha256,
        "clerk_signature_sha256": run.clerk_signature_sha256,
    }
    custody.append(
        custody.Entry.by(
            caller,
            shipment_id,
            "handed_over",
            station_id=run.task.station_id,
            task_id=run.task_id,
            refs=refs,
        )
        for shipment_id in handed
    )


def unsigned_handovers(station_ids: list[str], now: datetime) -> list[dict[str, Any]]:
    """The dispatcher's board: runs collected in the last 48 hours whose items have gone on
    past the courier (station in-scan, loading, delivery) while the courier's signature or
    the clerk's countersignature is still missing. They are not held back (docs/hospital.md);
    the exception shows until both have signed."""
    unsigned = (
        sa.select(HospitalRun.task_id)
        .join(Task, Task.id == HospitalRun.task_id)
        .where(
            Task.state == "completed",
            Task.sandbox.is_(False),
            Task.finished_at >= now - UNSIGNED_HORIZON,
            HospitalRun.clerk_signed_at.is_(None),
        )
    )
    if station_ids:
        unsigned = unsigned.where(Task.station_id.in_(station_ids))
    moved_on = (
        sa.select(TaskItem.task_id, sa.func.count().label("moved"))
        .join(Shipment, Shipment.id == TaskItem.shipment_id)
        .where(
            TaskItem.task_id.in_(unsigned),
            TaskItem.status == "scanned",
            Shipment.state != "picked_up",
        )
        .group_by(TaskItem.task_id)
        .subquery()
    )
    stmt = sa.select(HospitalRun, moved_on.c.moved).join(
        moved_on, moved_on.c.task_id == HospitalRun.task_id
    )
    return [
        {
            "kind": "run_not_countersigned"
            if run.courier_signed_at
            else "run_not_signed_by_courier",
            "subject_type": "hospital_run",
            "subject_id": run.id,
            "station_id": run.task.station_id,
            "since": run.task.finished_at,
            "detail": f"{count} item(s) of the {run.pickup_point.name} run moved on without "
            + ("the clerk's countersignature." if run.courier_signed_at else "any signature."),
        }
        for run, count in db.session.execute(stmt)
    ]
