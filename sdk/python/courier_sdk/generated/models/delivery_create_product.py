from enum import StrEnum


class DeliveryCreateProduct(StrEnum):
    MEDICAL_RECORD = "medical_record"
    PRESCRIPTION = "prescription"

    def __str__(self) -> str:
        return str(self.value)
