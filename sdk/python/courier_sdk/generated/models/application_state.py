from enum import StrEnum


class ApplicationState(StrEnum):
    READY = "ready"
    REJECTED = "rejected"
    SUBMITTED = "submitted"

    def __str__(self) -> str:
        return str(self.value)
