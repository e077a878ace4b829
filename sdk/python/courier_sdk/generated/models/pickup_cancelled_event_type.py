from enum import StrEnum


class PickupCancelledEventType(StrEnum):
    PICKUP_CANCELLED = "pickup.cancelled"

    def __str__(self) -> str:
        return str(self.value)
