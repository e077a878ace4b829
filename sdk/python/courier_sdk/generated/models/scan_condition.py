from enum import StrEnum


class ScanCondition(StrEnum):
    DAMAGED = "damaged"
    OK = "ok"

    def __str__(self) -> str:
        return str(self.value)
