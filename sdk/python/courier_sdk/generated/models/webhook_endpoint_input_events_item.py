from enum import StrEnum


class WebhookEndpointInputEventsItem(StrEnum):
    ARCHIVE_TRANSFER_CREATED = "archive_transfer.created"
    BIRTH_CERTIFICATE_REJECTED = "birth_certificate.rejected"
    BIRTH_CERTIFICATE_SUBMITTED = "birth_certificate.submitted"
    CLAIM_CLOSED = "claim.closed"
    CLAIM_DECIDED = "claim.decided"
    CLAIM_PAID = "claim.paid"
    COD_REMITTED = "cod.remitted"
    COMPLAINT_ANSWERED = "complaint.answered"
    COURT_JOB_SUBMITTED = "court_job.submitted"
    HOSPITAL_DELIVERY_REQUESTED = "hospital_delivery.requested"
    HOSPITAL_RUN_BUILT = "hospital_run.built"
    HOSPITAL_RUN_COLLECTED = "hospital_run.collected"
    HOSPITAL_RUN_SIGNED = "hospital_run.signed"
    PICKUP_CANCELLED = "pickup.cancelled"
    PICKUP_COLLECTED = "pickup.collected"
    PICKUP_CREATED = "pickup.created"
    PICKUP_PROMISE_BROKEN = "pickup.promise_broken"
    PICKUP_REMAINDER_CANCELLED = "pickup.remainder_cancelled"
    SHIPMENT_ACCEPTED = "shipment.accepted"
    SHIPMENT_COLLECTED = "shipment.collected"
    SHIPMENT_DELIVERED = "shipment.delivered"
    SHIPMENT_DELIVERY_FAILED = "shipment.delivery_failed"
    SHIPMENT_OUT_FOR_DELIVERY = "shipment.out_for_delivery"
    SHIPMENT_OVERDUE = "shipment.overdue"
    SHIPMENT_RETURNED = "shipment.returned"
    SHIPMENT_SEAL_MISMATCH = "shipment.seal_mismatch"
    TASK_ACCEPTED = "task.accepted"
    TASK_ARRIVED = "task.arrived"
    TASK_COMPLETED = "task.completed"
    VALUE_0 = "*"

    def __str__(self) -> str:
        return str(self.value)
