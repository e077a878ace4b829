from enum import StrEnum


class ContactVia(StrEnum):
    DIRECT = "direct"
    VIRTUAL = "virtual"

    def __str__(self) -> str:
        return str(self.value)
