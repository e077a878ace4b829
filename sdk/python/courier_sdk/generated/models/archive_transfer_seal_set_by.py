from enum import StrEnum


class ArchiveTransferSealSetBy(StrEnum):
    FIRST_SCAN = "first_scan"
    SENDER = "sender"

    def __str__(self) -> str:
        return str(self.value)
