from enum import StrEnum


class DecisionCause(StrEnum):
    CARRIER = "carrier"
    FORCE_MAJEURE = "force_majeure"
    NATURE_OF_ITEM = "nature_of_item"
    NOT_SUBSTANTIATED = "not_substantiated"
    RECIPIENT_FAULT = "recipient_fault"
    SENDER_FAULT = "sender_fault"

    def __str__(self) -> str:
        return str(self.value)
