from enum import StrEnum


class HospitalDeliveryRequestedEventType(StrEnum):
    HOSPITAL_DELIVERY_REQUESTED = "hospital_delivery.requested"

    def __str__(self) -> str:
        return str(self.value)
