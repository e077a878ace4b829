from enum import StrEnum


class ArchiveTransferCreatedEventType(StrEnum):
    ARCHIVE_TRANSFER_CREATED = "archive_transfer.created"

    def __str__(self) -> str:
        return str(self.value)
