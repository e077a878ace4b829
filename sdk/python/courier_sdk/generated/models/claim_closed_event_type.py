from enum import StrEnum


class ClaimClosedEventType(StrEnum):
    CLAIM_CLOSED = "claim.closed"

    def __str__(self) -> str:
        return str(self.value)
