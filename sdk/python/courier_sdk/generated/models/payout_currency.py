from enum import StrEnum


class PayoutCurrency(StrEnum):
    CNY = "CNY"

    def __str__(self) -> str:
        return str(self.value)
