from enum import StrEnum


class ShipmentOverdueEventDataState(StrEnum):
    ATTEMPT_FAILED = "attempt_failed"
    AT_STATION = "at_station"
    AWAITING_PICKUP = "awaiting_pickup"
    CANCELLED = "cancelled"
    CREATED = "created"
    DELIVERED = "delivered"
    LOST = "lost"
    OUT_FOR_DELIVERY = "out_for_delivery"
    PICKED_UP = "picked_up"
    RETURNED = "returned"
    RETURNING = "returning"

    def __str__(self) -> str:
        return str(self.value)
