from enum import StrEnum


class ShipmentDeliveredEventType(StrEnum):
    SHIPMENT_DELIVERED = "shipment.delivered"

    def __str__(self) -> str:
        return str(self.value)
