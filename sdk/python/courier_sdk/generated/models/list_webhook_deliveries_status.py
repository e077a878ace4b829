from enum import StrEnum


class ListWebhookDeliveriesStatus(StrEnum):
    DEAD = "dead"
    HELD = "held"
    PENDING = "pending"
    SENDING = "sending"
    SUCCEEDED = "succeeded"

    def __str__(self) -> str:
        return str(self.value)
