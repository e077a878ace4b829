"""The links between domains, in one place. A lower package never imports a higher one, so
where one must call up (an outbox event's handlers, a completed task's order, who may read
a blob) it keeps a registry, and `connect` fills each from the lists below when the app is
made. Nothing registers itself as a side effect of being imported."""

from __future__ import annotations

from flask import Flask

from courier_api import events
from courier_api.blobs import service as blobs
from courier_api.blobs.storage import build_anchor
from courier_api.cod import notifications as cod_notifications
from courier_api.cod import remittance as cod_remittance
from courier_api.complaints import notifications as complaint_notifications
from courier_api.complaints import service as complaints
from courier_api.core import outbox
from courier_api.custody import current as custody_current
from courier_api.custody import service as custody
from courier_api.custody.keys import Signer
from courier_api.dispatch import board
from courier_api.hospital import notifications as hospital_notifications
from courier_api.hospital import signed_handovers as hospital_handovers
from courier_api.hospital.models import HospitalRun
from courier_api.insurance import notifications as claim_notifications
from courier_api.insurance.models import Claim
from courier_api.notify import inbox, notifications
from courier_api.notify import service as webhooks
from courier_api.pickups import notifications as pickup_notifications
from courier_api.pickups import progress as pickup_progress
from courier_api.pickups.models import PickupOrder
from courier_api.proof import notifications as pin_notifications
from courier_api.proof.pins import PIN_ISSUED
from courier_api.sandbox import audience as sandbox_audience
from courier_api.shipments.models import Shipment
from courier_api.tasks import settlement

#: Outbox handlers, in the order they run, for events of their kind ("*": every kind).
OUTBOX_HANDLERS = (
    ("*", notifications.queue_notifications),
    ("*", webhooks.fan_out),
)

#: What people are told when an event of each kind happens (WeChat or SMS).
NOTIFICATIONS = (
    ("pickup.promise_broken", pickup_notifications.promise_broken),
    ("task.accepted", pickup_notifications.courier_on_the_way),
    (PIN_ISSUED, pin_notifications.pin_issued),
    ("claim.decided", claim_notifications.claim_update),
    ("claim.paid", claim_notifications.claim_update),
    ("claim.closed", claim_notifications.claim_update),
    ("complaint.answered", complaint_notifications.complaint_answered),
    (cod_remittance.REMITTED, cod_notifications.cod_remitted),
    *((kind, hospital_notifications.hospital_step) for kind in hospital_notifications.STEPS),
)

#: What a collection scan settles, by task kind: each checks that the task is its own.
TASK_SETTLERS = (
    ("pickup", pickup_progress.collected),
    ("pickup", hospital_handovers.collected),
)

#: A blob referred to by an object of this kind is readable by whoever may read the object.
BLOB_READERS = (
    ("shipment", Shipment),
    ("hospital_run", HospitalRun),
    ("claim", Claim),
)

#: What a complaint may be about besides a shipment: loaded through the model's scoping.
COMPLAINT_SUBJECTS = (("pickup", PickupOrder),)

#: What other domains show on the dispatcher's board.
BOARD_EXCEPTIONS = (hospital_handovers.unsigned_handovers,)


def connect() -> None:
    """Fill every registry (idempotent: each app made in a process registers once)."""
    events.declare_all()
    for kind, handler in OUTBOX_HANDLERS:
        outbox.on_event(kind)(handler)
    for kind, composer in NOTIFICATIONS:
        notifications.notifies(kind)(composer)
    for kind, settler in TASK_SETTLERS:
        settlement.on_collected(kind, settler)
    for subject_type, model in BLOB_READERS:
        blobs.readable_through(subject_type, model)
    for source in BOARD_EXCEPTIONS:
        board.shows_exceptions(source)
    for kind, model in COMPLAINT_SUBJECTS:
        complaints.register_subject(kind, model)
    # Which notifications concern a sandbox order (sent by the fakes, kept in the inbox).
    inbox.learn_audience(sandbox_audience.audience_of)


def custody_log(app: Flask) -> None:
    """The custody log's signing key, and its outside anchor: a write-once blob storage
    backend handed in here, as custody does not import blobs (docs/custody.md)."""
    app.extensions["custody_signer"] = Signer.from_pem(app.config["CUSTODY_SIGNING_KEY"])
    app.extensions["custody_anchor"] = build_anchor(app.config)
    custody.on_append(custody_current.remember)
