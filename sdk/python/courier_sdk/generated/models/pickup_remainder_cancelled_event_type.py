from enum import StrEnum


class PickupRemainderCancelledEventType(StrEnum):
    PICKUP_REMAINDER_CANCELLED = "pickup.remainder_cancelled"

    def __str__(self) -> str:
        return str(self.value)
