from enum import StrEnum


class ShipmentDeliveryFailedEventType(StrEnum):
    SHIPMENT_DELIVERY_FAILED = "shipment.delivery_failed"

    def __str__(self) -> str:
        return str(self.value)
