from enum import StrEnum


class HandoverStationInKind(StrEnum):
    STATION_IN = "station_in"

    def __str__(self) -> str:
        return str(self.value)
