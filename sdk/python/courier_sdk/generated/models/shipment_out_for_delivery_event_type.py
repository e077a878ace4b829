from enum import StrEnum


class ShipmentOutForDeliveryEventType(StrEnum):
    SHIPMENT_OUT_FOR_DELIVERY = "shipment.out_for_delivery"

    def __str__(self) -> str:
        return str(self.value)
