from enum import StrEnum


class StaffComplaintStatus(StrEnum):
    ANSWERED = "answered"
    OPEN = "open"

    def __str__(self) -> str:
        return str(self.value)
