from enum import StrEnum


class PartyKind(StrEnum):
    COURIER = "courier"
    STATION = "station"

    def __str__(self) -> str:
        return str(self.value)
