from enum import StrEnum


class PickupPromiseBrokenEventType(StrEnum):
    PICKUP_PROMISE_BROKEN = "pickup.promise_broken"

    def __str__(self) -> str:
        return str(self.value)
