from enum import StrEnum


class PickupCollectedEventType(StrEnum):
    PICKUP_COLLECTED = "pickup.collected"

    def __str__(self) -> str:
        return str(self.value)
