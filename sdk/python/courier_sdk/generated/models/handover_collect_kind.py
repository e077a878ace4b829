from enum import StrEnum


class HandoverCollectKind(StrEnum):
    COLLECT = "collect"

    def __str__(self) -> str:
        return str(self.value)
