from enum import StrEnum


class AdvanceTo(StrEnum):
    ATTEMPT_FAILED = "attempt_failed"
    AT_STATION = "at_station"
    DELIVERED = "delivered"
    LOST = "lost"
    OUT_FOR_DELIVERY = "out_for_delivery"
    PICKED_UP = "picked_up"
    REFUSED = "refused"
    RETURNED = "returned"

    def __str__(self) -> str:
        return str(self.value)
