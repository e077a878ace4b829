"""Every kind of event the outbox carries, with its payload: one line a kind (#27).

Webhook receivers get these (those not marked `webhook=False`) as the contract's
`webhooks` section says; the outbox refuses a kind missing here, and under test checks each
payload against its line. To add a kind: one `declare(...)` below, then `make openapi`
(docs/integrators/webhooks.md).
"""

from __future__ import annotations

from courier_api.complaints.models import STATUSES as COMPLAINT_STATUSES
from courier_api.core.events import (
    COUNT,
    DAY,
    FEN,
    FLAG,
    ID,
    TEXT,
    TIME,
    WAYBILLS,
    declare,
    nullable,
    one_of,
)
from courier_api.government.court import OUTCOMES
from courier_api.insurance.models import CLAIM_STATES
from courier_api.shipments.models import SHIPMENT_STATES

#: Every shipment event names its shipment.
SHIPMENT = {"shipment_id": ID, "waybill": TEXT}
#: A shipment's outcome where its product records one (court documents).
OUTCOME = {"outcome": one_of(OUTCOMES), "outcome_at": TIME}
CLAIM = {
    "claim_id": ID,
    "shipment_id": ID,
    "status": one_of(CLAIM_STATES),
    "claimed_fen": FEN,
    "approved_fen": nullable(FEN),
    "paid_fen": nullable(FEN),
    "remaining_fen": FEN,
    "fast": FLAG,
}
ATTEMPT = {
    "reason_code": TEXT,
    "attempt": COUNT,
    "next_step": TEXT,
}


def declare_all() -> None:
    # Pickup orders and their tasks (to the sender).
    declare(
        "pickup.created", "A pickup was ordered.", pickup_id=ID, waybills=WAYBILLS, pickup_by=TIME
    )
    declare(
        "pickup.cancelled",
        "A pickup was cancelled before anything was collected.",
        pickup_id=ID,
        cancel_fee_fen=FEN,
        cancelled=WAYBILLS,
    )
    declare(
        "pickup.remainder_cancelled",
        "What was still to collect of a pickup was cancelled.",
        pickup_id=ID,
        cancel_fee_fen=FEN,
        cancelled=WAYBILLS,
    )
    declare(
        "pickup.collected",
        "The pickup's items were collected (`missing`: not there).",
        pickup_id=ID,
        missing=WAYBILLS,
        follow_up_task_id=nullable(ID),
    )
    declare(
        "pickup.promise_broken",
        "The courier did not reach the door by the promise.",
        task_id=ID,
        pickup_id=ID,
        deadline=TIME,
    )
    declare(
        "task.accepted",
        "A courier accepted the pickup task.",
        task_id=ID,
        pickup_id=ID,
        courier_id=ID,
    )
    declare(
        "task.arrived",
        "The courier arrived at the door.",
        task_id=ID,
        pickup_id=ID,
        arrived_at=TIME,
        late=FLAG,
    )
    declare(
        "task.completed",
        "The courier collected the pickup's items.",
        task_id=ID,
        pickup_id=ID,
        picked_up=WAYBILLS,
        missing=WAYBILLS,
        extra=WAYBILLS,
    )

    # Shipments (to their owners).
    declare(
        "shipment.accepted",
        "A hospital's order was accepted for delivery.",
        **SHIPMENT,
        product=TEXT,
        deliver_by=nullable(TIME),
        run_at=nullable(TIME),
    )
    declare(
        "shipment.collected", "The item was collected on a hospital run.", **SHIPMENT, run_id=ID
    )
    declare(
        "shipment.out_for_delivery",
        "The item is on its way to the recipient.",
        **SHIPMENT,
        pin_sign_off=FLAG,
    )
    declare(
        "shipment.delivered",
        "The item was delivered (or, for a court document, served by lodging).",
        **SHIPMENT,
        at=TIME,
        **ATTEMPT,
        **OUTCOME,
        optional=("at", *ATTEMPT, *OUTCOME),
    )
    declare(
        "shipment.delivery_failed",
        "A delivery attempt failed; `next_step` says what follows.",
        **SHIPMENT,
        **ATTEMPT,
        **OUTCOME,
        optional=tuple(OUTCOME),
    )
    declare(
        "shipment.returned",
        "The item was returned to its sender.",
        **SHIPMENT,
        at=TIME,
        **OUTCOME,
        optional=tuple(OUTCOME),
    )
    declare(
        "shipment.overdue",
        "The item missed its promised delivery time.",
        **SHIPMENT,
        deliver_by=TIME,
        state=one_of(SHIPMENT_STATES),
    )
    declare(
        "shipment.seal_mismatch",
        "A hand-over scanned another seal than the one on record.",
        **SHIPMENT,
        expected_seal_no=nullable(TEXT),
        seal_no=nullable(TEXT),
    )
    declare(
        "delivery.pin_issued",
        "A delivery PIN for the recipient (never a webhook).",
        **SHIPMENT,
        task_id=ID,
        pin_encrypted=TEXT,
        webhook=False,
    )

    # Hospitals, courts and archives (to the organisation).
    declare(
        "hospital_run.built",
        "A collection run was scheduled at a pickup point.",
        run_id=ID,
        pickup_point_id=ID,
        scheduled_at=TIME,
        items=COUNT,
        extra=FLAG,
    )
    declare(
        "hospital_run.collected",
        "The run's items were collected.",
        run_id=ID,
        collected=WAYBILLS,
        missing=WAYBILLS,
        extra=WAYBILLS,
    )
    declare(
        "hospital_run.signed", "The ward signed the run's hand-over.", run_id=ID, signed_at=TIME
    )
    declare(
        "hospital_delivery.requested",
        "A patient asked for delivery of a prescription.",
        **SHIPMENT,
        delivery_id=ID,
        reference_no=nullable(TEXT),
    )
    declare(
        "birth_certificate.submitted",
        "A parent applied for a birth certificate.",
        **SHIPMENT,
        application_id=ID,
    )
    declare(
        "birth_certificate.rejected",
        "The hospital rejected the application.",
        **SHIPMENT,
        application_id=ID,
        reason=TEXT,
    )
    declare(
        "court_job.submitted",
        "A court's batch of documents was taken in.",
        court_job_id=ID,
        created=COUNT,
        rejected=COUNT,
    )
    declare(
        "archive_transfer.created",
        "An archive transfer was booked.",
        **SHIPMENT,
        archive_transfer_id=ID,
    )

    # Cash on delivery (to the sender).
    declare(
        "cod.remitted",
        "Cash collected on delivery was remitted to the sender.",
        remittance_id=ID,
        reference=TEXT,
        business_date=DAY,
        gross_fen=FEN,
        fee_fen=FEN,
        net_fen=FEN,
        item_count=COUNT,
        currency=one_of(("CNY",)),
    )

    # Claims and complaints (to the claimant or complainant).
    declare("claim.decided", "A claim was decided.", **CLAIM)
    declare("claim.paid", "A claim was paid (in part or in full).", **CLAIM)
    declare("claim.closed", "A claim was closed.", **CLAIM)
    declare(
        "complaint.answered",
        "A complaint was answered.",
        complaint_id=ID,
        shipment_id=nullable(ID),
        pickup_id=nullable(ID),
        category=TEXT,
        status=one_of(COMPLAINT_STATUSES),
        answer=nullable(TEXT),
        answered_at=TIME,
        answered_in_time=FLAG,
    )
