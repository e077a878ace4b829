from enum import StrEnum


class ComplaintAnsweredEventType(StrEnum):
    COMPLAINT_ANSWERED = "complaint.answered"

    def __str__(self) -> str:
        return str(self.value)
