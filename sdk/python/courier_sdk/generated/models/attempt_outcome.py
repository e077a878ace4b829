from enum import StrEnum


class AttemptOutcome(StrEnum):
    DELIVERED = "delivered"
    FAILED = "failed"
    REFUSED = "refused"
    RETURNED = "returned"

    def __str__(self) -> str:
        return str(self.value)
