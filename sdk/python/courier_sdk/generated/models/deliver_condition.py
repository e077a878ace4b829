from enum import StrEnum


class DeliverCondition(StrEnum):
    DAMAGED = "damaged"
    OK = "ok"

    def __str__(self) -> str:
        return str(self.value)
