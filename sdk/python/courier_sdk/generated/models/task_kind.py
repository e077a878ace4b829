from enum import StrEnum


class TaskKind(StrEnum):
    DELIVERY = "delivery"
    PICKUP = "pickup"
    RETURN = "return"

    def __str__(self) -> str:
        return str(self.value)
