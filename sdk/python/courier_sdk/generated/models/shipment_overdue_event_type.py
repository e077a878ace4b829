from enum import StrEnum


class ShipmentOverdueEventType(StrEnum):
    SHIPMENT_OVERDUE = "shipment.overdue"

    def __str__(self) -> str:
        return str(self.value)
