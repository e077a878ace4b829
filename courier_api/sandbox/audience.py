"""Whether an outbox event concerns a sandbox order, and whose order it is: what the
notifications it causes are marked with (sent by the fakes, kept in the inbox for their
owners). Registered with notify by wiring.py."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from courier_api.core.outbox import OutboxEvent
from courier_api.extensions import db
from courier_api.hospital.models import HospitalRun
from courier_api.notify.inbox import Audience
from courier_api.shipments.models import Shipment
from courier_api.tasks.models import Task


def _sandbox(event: OutboxEvent) -> bool:
    # The flag alone, not the row: every outbox event asks, and loading each event's
    # shipment with its relationships was a quarter of the worker's CPU under the peak mix.
    if event.subject_type == "shipment":
        return _flag(Shipment.sandbox, Shipment.id, event.subject_id)
    task_id = event.subject_id if event.subject_type == "task" else None
    if event.subject_type == "hospital_run":
        task_id = db.session.scalar(
            sa.select(HospitalRun.task_id).where(HospitalRun.id == event.subject_id)
        )
    return bool(task_id) and _flag(Task.sandbox, Task.id, task_id)


def _flag(flag: Any, key: Any, value: str) -> bool:
    return bool(db.session.scalar(sa.select(flag).where(key == value)))


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
