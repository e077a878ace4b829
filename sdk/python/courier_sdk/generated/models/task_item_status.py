from enum import StrEnum


class TaskItemStatus(StrEnum):
    EXPECTED = "expected"
    EXTRA = "extra"
    MISSING = "missing"
    SCANNED = "scanned"

    def __str__(self) -> str:
        return str(self.value)
