from enum import StrEnum


class RowResultStatus(StrEnum):
    CREATED = "created"
    REJECTED = "rejected"

    def __str__(self) -> str:
        return str(self.value)
