from enum import StrEnum


class ShipmentReturnedEventType(StrEnum):
    SHIPMENT_RETURNED = "shipment.returned"

    def __str__(self) -> str:
        return str(self.value)
