from enum import StrEnum


class ComplaintAboutPickupCategory(StrEnum):
    COURIER_CONDUCT = "courier_conduct"
    DAMAGED = "damaged"
    LATE = "late"
    OTHER = "other"
    WRONG_DELIVERY = "wrong_delivery"

    def __str__(self) -> str:
        return str(self.value)
