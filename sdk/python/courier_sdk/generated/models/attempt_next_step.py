from enum import StrEnum


class AttemptNextStep(StrEnum):
    LODGED = "lodged"
    RETRY = "retry"
    RETURN = "return"

    def __str__(self) -> str:
        return str(self.value)
