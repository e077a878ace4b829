from enum import StrEnum


class CourierTaskKind(StrEnum):
    DELIVERY = "delivery"
    PICKUP = "pickup"
    RETURN = "return"

    def __str__(self) -> str:
        return str(self.value)
