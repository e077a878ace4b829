from enum import StrEnum


class ClaimDecidedEventType(StrEnum):
    CLAIM_DECIDED = "claim.decided"

    def __str__(self) -> str:
        return str(self.value)
