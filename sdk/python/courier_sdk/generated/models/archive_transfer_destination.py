from enum import StrEnum


class ArchiveTransferDestination(StrEnum):
    DRIVER = "driver"
    OFFICE = "office"

    def __str__(self) -> str:
        return str(self.value)
