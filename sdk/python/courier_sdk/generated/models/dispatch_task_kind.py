from enum import StrEnum


class DispatchTaskKind(StrEnum):
    DELIVERY = "delivery"
    PICKUP = "pickup"
    RETURN = "return"

    def __str__(self) -> str:
        return str(self.value)
