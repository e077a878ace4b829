from enum import StrEnum


class PriceCurrency(StrEnum):
    CNY = "CNY"

    def __str__(self) -> str:
        return str(self.value)
