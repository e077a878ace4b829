from enum import StrEnum


class ShipmentCollectedEventType(StrEnum):
    SHIPMENT_COLLECTED = "shipment.collected"

    def __str__(self) -> str:
        return str(self.value)
