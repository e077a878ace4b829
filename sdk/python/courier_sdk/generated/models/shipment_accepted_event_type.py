from enum import StrEnum


class ShipmentAcceptedEventType(StrEnum):
    SHIPMENT_ACCEPTED = "shipment.accepted"

    def __str__(self) -> str:
        return str(self.value)
