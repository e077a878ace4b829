from enum import StrEnum


class ShipmentDeliveryFailedEventDataOutcome(StrEnum):
    REFUSED = "refused"
    SERVED = "served"
    SERVED_BY_LODGING = "served_by_lodging"
    UNDELIVERABLE = "undeliverable"

    def __str__(self) -> str:
        return str(self.value)
