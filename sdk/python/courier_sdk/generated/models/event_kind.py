from enum import StrEnum


class EventKind(StrEnum):
    ACCEPT = "accept"
    ARRIVE = "arrive"
    DECLINE = "decline"
    DELIVER = "deliver"
    FAIL = "fail"
    HANDOVER = "handover"
    PICKUP = "pickup"

    def __str__(self) -> str:
        return str(self.value)
