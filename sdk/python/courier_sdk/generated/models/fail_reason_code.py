from enum import StrEnum


class FailReasonCode(StrEnum):
    ACCESS_DENIED = "access_denied"
    ADDRESS_NOT_FOUND = "address_not_found"
    DAMAGED = "damaged"
    MOVED = "moved"
    NOBODY_HOME = "nobody_home"
    OTHER = "other"
    RECIPIENT_UNREACHABLE = "recipient_unreachable"
    REFUSED = "refused"
    RESCHEDULE_REQUESTED = "reschedule_requested"

    def __str__(self) -> str:
        return str(self.value)
