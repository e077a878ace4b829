from enum import StrEnum


class CodRemittedEventDataCurrency(StrEnum):
    CNY = "CNY"

    def __str__(self) -> str:
        return str(self.value)
