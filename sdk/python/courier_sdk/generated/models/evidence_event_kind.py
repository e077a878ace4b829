from enum import StrEnum


class EvidenceEventKind(StrEnum):
    ARRIVED_STATION = "arrived_station"
    CREATED = "created"
    DELIVERED = "delivered"
    DELIVERY_ATTEMPTED = "delivery_attempted"
    DEPARTED_STATION = "departed_station"
    EXCEPTION = "exception"
    HANDED_OVER = "handed_over"
    OUT_FOR_DELIVERY = "out_for_delivery"
    PICKED_UP = "picked_up"
    REFUSED = "refused"
    RETURNED = "returned"

    def __str__(self) -> str:
        return str(self.value)
