from enum import StrEnum


class ShipmentSealMismatchEventType(StrEnum):
    SHIPMENT_SEAL_MISMATCH = "shipment.seal_mismatch"

    def __str__(self) -> str:
        return str(self.value)
