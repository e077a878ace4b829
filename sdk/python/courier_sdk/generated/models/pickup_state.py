from enum import StrEnum


class PickupState(StrEnum):
    CANCELLED = "cancelled"
    OPEN = "open"
    PARTLY_PICKED_UP = "partly_picked_up"
    PICKED_UP = "picked_up"

    def __str__(self) -> str:
        return str(self.value)
