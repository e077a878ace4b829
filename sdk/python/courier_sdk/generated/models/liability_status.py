from enum import StrEnum


class LiabilityStatus(StrEnum):
    OPEN = "open"

    def __str__(self) -> str:
        return str(self.value)
