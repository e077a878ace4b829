"""Whether an outbox event concerns a sandbox order, and whose order it is: what the
notifications it causes are marked with (sent by the fakes, kept in the inbox for their
owners). Registered with notify by wiring.py."""

from __future__ import annotations

from courier_api.core.outbox import OutboxEvent
from courier_api.extensions import db
from courier_api.hospital.models import HospitalRun
from courier_api.notify.inbox import Audience
from courier_api.shipments.models import Shipment
from courier_api.tasks.models import Task


def _sandbox(event: OutboxEvent) -> bool:
    if event.subject_type == "shipment":
        shipment = db.session.get(Shipment, event.subject_id)
        return bool(shipment and shipment.sandbox)
    task_id = event.subject_id if event.subject_type == "task" else None
    if event.subject_type == "hospital_run":
        run = db.session.get(HospitalRun, event.subject_id)
        task_id = run.task_id if run else None
    task = db.session.get(Task, task_id) if task_id else None
    return bool(task and task.sandbox)


def audience_of(event: OutboxEvent) -> Audience:
    """The event's owners: its organisations and citizen, or for an item (whose PIN event
    names nobody, so no webhook carries it) the item's owners."""
    owners = [("organisation", org_id) for org_id in event.organisation_ids or ()]
    if event.citizen_id:
        owners.append(("citizen", event.citizen_id))
    if event.subject_type == "shipment" and not owners:
        shipment = db.session.get(Shipment, event.subject_id)
        owners = shipment.owner_keys if shipment else []
    return Audience(_sandbox(event), owners)
