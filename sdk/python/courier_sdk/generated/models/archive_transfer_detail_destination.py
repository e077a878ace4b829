from enum import StrEnum


class ArchiveTransferDetailDestination(StrEnum):
    DRIVER = "driver"
    OFFICE = "office"

    def __str__(self) -> str:
        return str(self.value)
