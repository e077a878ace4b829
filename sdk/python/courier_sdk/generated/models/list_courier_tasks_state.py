from enum import StrEnum


class ListCourierTasksState(StrEnum):
    ACCEPTED = "accepted"
    ARRIVED = "arrived"
    CANCELLED = "cancelled"
    COMPLETED = "completed"
    FAILED = "failed"
    OFFERED = "offered"

    def __str__(self) -> str:
        return str(self.value)
