from enum import StrEnum


class PickupCreatedEventType(StrEnum):
    PICKUP_CREATED = "pickup.created"

    def __str__(self) -> str:
        return str(self.value)
