from enum import StrEnum


class CodRemittedEventType(StrEnum):
    COD_REMITTED = "cod.remitted"

    def __str__(self) -> str:
        return str(self.value)
