from enum import StrEnum


class DeliveryCurrency(StrEnum):
    CNY = "CNY"

    def __str__(self) -> str:
        return str(self.value)
