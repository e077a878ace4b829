from enum import StrEnum


class HandoverLoadForDeliveryKind(StrEnum):
    LOAD_FOR_DELIVERY = "load_for_delivery"

    def __str__(self) -> str:
        return str(self.value)
