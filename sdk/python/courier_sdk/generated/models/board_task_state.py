from enum import StrEnum


class BoardTaskState(StrEnum):
    ACCEPTED = "accepted"
    ARRIVED = "arrived"
    CANCELLED = "cancelled"
    COMPLETED = "completed"
    FAILED = "failed"
    OFFERED = "offered"
    OPEN = "open"

    def __str__(self) -> str:
        return str(self.value)
