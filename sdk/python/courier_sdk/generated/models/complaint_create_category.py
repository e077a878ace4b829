from enum import StrEnum


class ComplaintCreateCategory(StrEnum):
    COURIER_CONDUCT = "courier_conduct"
    DAMAGED = "damaged"
    LATE = "late"
    OTHER = "other"
    WRONG_DELIVERY = "wrong_delivery"

    def __str__(self) -> str:
        return str(self.value)
