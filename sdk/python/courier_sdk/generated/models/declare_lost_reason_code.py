from enum import StrEnum


class DeclareLostReasonCode(StrEnum):
    ANSWER_PERIOD_ENDED = "answer_period_ended"
    DESTROYED = "destroyed"
    NOT_FOUND = "not_found"
    STOLEN = "stolen"

    def __str__(self) -> str:
        return str(self.value)
