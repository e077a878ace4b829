from enum import StrEnum


class ClaimCurrency(StrEnum):
    CNY = "CNY"

    def __str__(self) -> str:
        return str(self.value)
